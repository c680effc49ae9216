//! What the commands that read or write progress share: the store in the data
//! dir, the time (from `clock`; `XCDRILL_NOW` pins it), and the local time zone. The
//! store itself never reads a clock; this is where "now" comes from.

use jiff::tz::TimeZone;

use crate::Error;
use crate::clock;
use crate::config::Config;
use crate::store::Store;

/// The current time in unix seconds, or `XCDRILL_NOW` when set.
pub fn now() -> Result<i64, Error> {
    let clock = clock::from_env().map_err(Error::Usage)?;
    Ok(clock.now().as_second())
}

/// The time zone that decides where days begin: `TZ`, else the system's.
pub fn time_zone() -> TimeZone {
    TimeZone::system()
}

/// The progress store in the data dir, created when missing.
pub fn open_store(config: &Config) -> Result<Store, Error> {
    Ok(Store::open_in(&config.data_dir()?)?)
}
