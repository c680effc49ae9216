//! `xcdrill list`: topics, counts and the JSON shape of C4.
