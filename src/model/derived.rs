//! A slot for what a grader derives from content once (stems of a lexicon's
//! synonyms, a rubric's phrases read into words), kept with the content so it
//! is derived once per load, not once per answer. `bank` does not know what is
//! kept in it: `grade` fills it on first use and reads it back by type.

use std::any::Any;
use std::sync::{Arc, OnceLock};

/// Empty until a grader fills it; clones share it. Two slots always compare
/// equal: what is derived is a cache, not content.
#[derive(Clone, Default)]
pub struct Derived(Arc<OnceLock<Box<dyn Any + Send + Sync>>>);

impl Derived {
    /// The value of type `T` kept here, made by `make` on first use. `None`
    /// only when a value of another type was kept first.
    pub fn get_or_init<T: Any + Send + Sync>(&self, make: impl FnOnce() -> T) -> Option<&T> {
        self.0.get_or_init(|| Box::new(make())).downcast_ref::<T>()
    }
}

impl PartialEq for Derived {
    fn eq(&self, _: &Derived) -> bool {
        true
    }
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Derived")
    }
}
