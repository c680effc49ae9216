//! Typed indices of the org's entities: an [`AccountId`] can only index the
//! accounts, never the contacts. Each entity kind is an [`Entity`], naming its
//! id type and how messages call it; its slice is indexed by its id.
//!
//! Ids are made only inside `org` (by pushing an entity or finding one by
//! name), so an id always points into the org it came from.

use std::ops::{Index, IndexMut};

use super::state::{Account, Contact, ExternalUser, InternalUser, Profile, Site};

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

        impl Entity for $entity {
            type Id = $id;
            const WHAT: &'static str = $what;
            fn id(idx: usize) -> $id {
                $id(idx)
            }
            fn index(id: $id) -> usize {
                id.0
            }
        }

        impl Index<$id> for [$entity] {
            type Output = $entity;
            fn index(&self, id: $id) -> &$entity {
                &self[id.0]
            }
        }

        impl IndexMut<$id> for [$entity] {
            fn index_mut(&mut self, id: $id) -> &mut $entity {
                &mut self[id.0]
            }
        }
    )*};
}

entity_ids! {
    /// A site of the org.
    SiteId for Site, "site";
    /// A profile, standard or custom.
    ProfileId for Profile, "profile";
    /// An internal (employee) user.
    InternalUserId for InternalUser, "internal user";
    /// An account.
    AccountId for Account, "account";
    /// A contact.
    ContactId for Contact, "contact";
    /// An external user. Disabling one removes it and moves the later ones up,
    /// so these are never kept: nothing refers to an external user.
    ExternalUserId for ExternalUser, "external user";
}
