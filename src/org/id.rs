//! Typed indices of the org's entities: an `AccountId` can only index the
//! accounts, never the contacts. Each entity kind is an [`Entity`], naming its
//! id type and how messages call it; its slice is indexed by its id.
//! `state` declares the kinds and their ids with [`entity_ids`].
//!
//! Ids are made only inside `org` (by pushing an entity or finding one by
//! name), so an id always points into the org it came from.

/// A kind of thing the org holds in a list, with its id type.
pub trait Entity: Sized {
    type Id: Copy;
    /// How messages name the kind (`no site named ...`).
    const WHAT: &'static str;
    /// The id of the entity at `idx` of its list.
    fn id(idx: usize) -> Self::Id;
    /// The position in its list of the entity `id` names.
    fn index(id: Self::Id) -> usize;
}

/// Every entity of `items` with its id, in order.
pub fn with_ids<T: Entity>(items: &[T]) -> impl Iterator<Item = (T::Id, &T)> {
    items
        .iter()
        .enumerate()
        .map(|(idx, item)| (T::id(idx), item))
}

/// Declares an id type for each entity type, and makes the entity an
/// [`Entity`] whose slice that id indexes.
macro_rules! entity_ids {
    ($($(#[$doc:meta])* $id:ident for $entity:ident, $what:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $id(usize);

        impl $id {
            /// The position in the org's list.
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl $crate::org::id::Entity for $entity {
            type Id = $id;
            const WHAT: &'static str = $what;
            fn id(idx: usize) -> $id {
                $id(idx)
            }
            fn index(id: $id) -> usize {
                id.0
            }
        }

        impl ::std::ops::Index<$id> for [$entity] {
            type Output = $entity;
            fn index(&self, id: $id) -> &$entity {
                &self[id.0]
            }
        }

        impl ::std::ops::IndexMut<$id> for [$entity] {
            fn index_mut(&mut self, id: $id) -> &mut $entity {
                &mut self[id.0]
            }
        }
    )*};
}

pub(super) use entity_ids;
