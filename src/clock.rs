//! The time, injected: the real clock, or a fixed instant from `XCDRILL_NOW`
//! (RFC 3339 or unix seconds) so transcripts and tests are repeatable.

use std::sync::Arc;

use jiff::Timestamp;

/// The environment variable that freezes the clock.
pub const NOW_ENV: &str = "XCDRILL_NOW";

/// A source of the current time.
pub trait Clock {
    fn now(&self) -> Timestamp;
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that always says the same instant.
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

/// The clock to use: fixed when `XCDRILL_NOW` is set, else the system clock.
/// `Config` reads it once per process.
pub fn from_env() -> Result<Arc<dyn Clock + Send + Sync>, String> {
    match std::env::var(NOW_ENV) {
        Ok(text) if !text.trim().is_empty() => parse(text.trim())
            .map(|instant| Arc::new(FixedClock(instant)) as Arc<dyn Clock + Send + Sync>)
            .ok_or_else(|| {
                format!(
                    "`{NOW_ENV}` is `{text}`; use RFC 3339 (2026-11-27T09:00:00Z) or unix seconds"
                )
            }),
        _ => Ok(Arc::new(SystemClock)),
    }
}

fn parse(text: &str) -> Option<Timestamp> {
    if let Ok(seconds) = text.parse::<i64>() {
        return Timestamp::from_second(seconds).ok();
    }
    text.parse::<Timestamp>().ok()
}

/// Seconds from `start` to `end` (never negative).
pub fn seconds_between(start: Timestamp, end: Timestamp) -> f64 {
    let span = end.duration_since(start);
    span.as_secs_f64().max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_and_unix_seconds() {
        assert_eq!(parse("0"), Some(Timestamp::UNIX_EPOCH));
        assert_eq!(
            parse("2026-11-27T09:00:00Z").map(|t| t.as_second()),
            Some(1_795_770_000)
        );
        assert_eq!(parse("yesterday"), None);
    }
}
