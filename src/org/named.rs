//! The org's lists of entities. [`Table`] is a list in creation order whose
//! entries the rules refer to by id; [`Named`] adds an index by name, so that
//! finding a user, account or contact by name does not look through them all: a
//! script that creates 10,000 contacts would otherwise do work growing with the
//! square of its length. Both find by name the one way, [`Lookup`].

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};

use super::code::Code;
use super::id::Entity;
use super::names::same_name;
use super::outcome::Failure;
use crate::suggest::closest;

/// Something an org finds by its name.
pub trait HasName {
    fn name(&self) -> &str;
}

/// Finding an entity of a list by name, ignoring case: the first so named.
pub trait Lookup {
    type Item: Entity + HasName;

    fn find(&self, name: &str) -> Option<<Self::Item as Entity>::Id>;

    fn items(&self) -> &[Self::Item];

    /// The entity named `name`, or `NOT_FOUND` with a "did you mean".
    fn named(&self, name: &str) -> Result<<Self::Item as Entity>::Id, Failure> {
        self.find(name).ok_or_else(|| {
            let names = self.items().iter().map(HasName::name);
            not_found(<Self::Item as Entity>::WHAT, name, names)
        })
    }
}

/// `NOT_FOUND`: "no site named `X`; did you mean `Y`?".
pub fn not_found<'a>(what: &str, name: &str, candidates: impl Iterator<Item = &'a str>) -> Failure {
    let mut message = format!("no {what} named `{name}`");
    if let Some(candidate) = closest(name, candidates) {
        message.push_str(&format!("; did you mean `{candidate}`?"));
    }
    Failure::new(Code::NotFound, message)
}

/// Entities in creation order, indexed by their ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<T> {
    items: Vec<T>,
}

impl<T: Entity> Table<T> {
    pub fn new() -> Table<T> {
        Table { items: Vec::new() }
    }

    pub fn push(&mut self, item: T) -> T::Id {
        self.items.push(item);
        T::id(self.items.len() - 1)
    }

    /// Removes an entity, moving the later ones up (so their ids change).
    pub fn remove(&mut self, id: T::Id) -> T {
        self.items.remove(T::index(id))
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }
}

impl<T: Entity> FromIterator<T> for Table<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Table<T> {
        Table {
            items: items.into_iter().collect(),
        }
    }
}

impl<T: Entity + HasName> Lookup for Table<T> {
    type Item = T;

    fn find(&self, name: &str) -> Option<T::Id> {
        self.items
            .iter()
            .position(|item| same_name(item.name(), name))
            .map(T::id)
    }

    fn items(&self) -> &[T] {
        &self.items
    }
}

impl<T> Deref for Table<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.items
    }
}

impl<T> DerefMut for Table<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.items
    }
}

impl<'a, T> IntoIterator for &'a Table<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Entities in order, with the first index of each name (matched as
/// [`same_name`] does: ignoring case). Names never change once pushed; the
/// index follows from the items, so only they are compared.
#[derive(Debug, Clone)]
pub struct Named<T> {
    items: Vec<T>,
    by_name: HashMap<String, usize>,
}

impl<T: Entity + HasName> Named<T> {
    pub fn new() -> Named<T> {
        Named {
            items: Vec::new(),
            by_name: HashMap::new(),
        }
    }

    pub fn push(&mut self, item: T) -> T::Id {
        let idx = self.items.len();
        self.by_name.entry(fold(item.name())).or_insert(idx);
        self.items.push(item);
        T::id(idx)
    }
}

impl<T: Entity + HasName> Lookup for Named<T> {
    type Item = T;

    fn find(&self, name: &str) -> Option<T::Id> {
        self.by_name.get(&fold(name)).map(|&idx| T::id(idx))
    }

    fn items(&self) -> &[T] {
        &self.items
    }
}

/// The key two names share when [`same_name`] matches them.
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
