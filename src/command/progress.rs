//! What the commands that read or write progress share: the store in the data
//! dir, opened for writing (`quiz`, `import`, `stats --optimize` once it has
//! something to save) or for reading only (`stats`, `export`), the time (from `clock`; `XCDRILL_NOW` pins it), and the local
//! time zone. The store itself never reads a clock; this is where "now" comes
//! from.

use std::io::Write;
use std::path::PathBuf;

use jiff::tz::TimeZone;

use crate::Error;
use crate::config::Config;
use crate::output::{self, styled};
use crate::store::{FILE_NAME, Store, StoreError};

/// The current time in unix seconds, or `XCDRILL_NOW` when set.
pub fn now(config: &Config) -> Result<i64, Error> {
    Ok(config.clock()?.now().as_second())
}

/// The time zone that decides where days begin: `TZ`, else the system's.
pub fn time_zone() -> TimeZone {
    TimeZone::system()
}

/// The store's file in the data dir.
pub fn store_path(config: &Config) -> Result<PathBuf, Error> {
    Ok(config.data_dir()?.join(FILE_NAME))
}

/// The progress store in the data dir, for writing; created when missing.
pub fn open_store(config: &Config) -> Result<Store, Error> {
    Ok(Store::open(&store_path(config)?)?)
}

/// The progress store in the data dir, for reading only: its files are never
/// changed, and a missing store reads as empty without being created.
pub fn read_store(config: &Config) -> Result<Store, Error> {
    Ok(Store::open_read_only(&store_path(config)?)?)
}

/// The store a quiz records into. A store that can't be written (a read-only
/// file or folder) is read instead, after one warning: the session is
/// practice that records nothing, decided before the first question.
pub fn open_for_quiz(config: &Config) -> Result<Store, Error> {
    let path = store_path(config)?;
    match Store::open(&path) {
        Err(StoreError::ReadOnly { reason, .. }) => {
            let store = Store::open_read_only(&path)?;
            let mut err = output::stderr(config.color);
            styled(&mut err, output::WARNING, "warning")?;
            writeln!(
                err,
                ": the progress store `{}` can't be written ({reason}); this session's answers are not recorded",
                path.display()
            )?;
            Ok(store)
        }
        opened => Ok(opened?),
    }
}
