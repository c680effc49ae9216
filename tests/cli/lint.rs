//! `xcdrill lint`: exit statuses, human output and the JSON shape of C4.
