//! What the commands that read or write progress share: the store in the data
//! dir, the clock (`XCDRILL_NOW` can pin it), and the local time zone. The
//! store itself never reads a clock; this is where "now" comes from.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::Error;
use crate::config::Config;
use crate::store::Store;

/// Pins "now" for tests and demos: RFC 3339 (`2026-11-27T09:30:00Z`) or unix seconds.
pub const NOW_VAR: &str = "XCDRILL_NOW";

/// The current time in unix seconds, or `XCDRILL_NOW` when set.
pub fn now() -> Result<i64, Error> {
    match std::env::var(NOW_VAR) {
        Ok(value) if !value.trim().is_empty() => parse_now(value.trim()).ok_or_else(|| {
            Error::Usage(format!(
                "`{NOW_VAR}` is `{value}`, not an RFC 3339 time (`2026-11-27T09:30:00Z`) or unix seconds"
            ))
        }),
        _ => Ok(Timestamp::now().as_second()),
    }
}

fn parse_now(value: &str) -> Option<i64> {
    value
        .parse::<i64>()
        .ok()
        .or_else(|| value.parse::<Timestamp>().ok().map(Timestamp::as_second))
}

/// The time zone that decides where days begin: `TZ`, else the system's.
pub fn time_zone() -> TimeZone {
    TimeZone::system()
}

/// The progress store in the data dir, created when missing.
pub fn open_store(config: &Config) -> Result<Store, Error> {
    Ok(Store::open_in(&config.data_dir()?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_reads_unix_seconds_or_rfc_3339() {
        assert_eq!(parse_now("1795780800"), Some(1_795_780_800));
        assert_eq!(parse_now("2026-11-27T12:00:00Z"), Some(1_795_780_800));
        assert_eq!(parse_now("2026-11-27T13:00:00+01:00"), Some(1_795_780_800));
        assert_eq!(parse_now("yesterday"), None);
    }
}
