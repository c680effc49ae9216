//! [`Named`]: the org's users, accounts and contacts in creation order (rules
//! refer to them by index), with an index by name so finding one by name does
//! not look through them all: a script that creates 10,000 contacts would
//! otherwise do work growing with the square of its length.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};

/// Something an org finds by its name.
pub trait HasName {
    fn name(&self) -> &str;
}

/// Items in order, with the first index of each name (matched as
/// [`super::names::same_name`] does: ignoring case). Names never change once
/// pushed; the index follows from the items, so only they are compared.
#[derive(Debug, Clone)]
pub struct Named<T> {
    items: Vec<T>,
    by_name: HashMap<String, usize>,
}

impl<T: HasName> Named<T> {
    pub fn new() -> Named<T> {
        Named {
            items: Vec::new(),
            by_name: HashMap::new(),
        }
    }

    pub fn push(&mut self, item: T) {
        self.by_name
            .entry(fold(item.name()))
            .or_insert(self.items.len());
        self.items.push(item);
    }

    /// The index of the first item named `name`, ignoring case.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(&fold(name)).copied()
    }
}

/// The key two names share when [`super::names::same_name`] matches them.
fn fold(name: &str) -> String {
    name.chars().flat_map(char::to_lowercase).collect()
}

impl<T: PartialEq> PartialEq for Named<T> {
    fn eq(&self, other: &Named<T>) -> bool {
        self.items == other.items
    }
}

impl<T: Eq> Eq for Named<T> {}

impl<T> Deref for Named<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.items
    }
}

/// Items may change in place (their names must not).
impl<T> DerefMut for Named<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.items
    }
}

impl<'a, T> IntoIterator for &'a Named<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
