//! The sizes past which content is refused rather than loaded (FORMAT.md, Limits).

/// A bank file larger than this is refused: 8 MiB.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// A string longer than this is refused: 16 KiB.
pub const MAX_STRING_BYTES: usize = crate::model::texts::MAX_TEXT_BYTES;

/// More questions than this across all loaded banks are refused.
pub const MAX_QUESTIONS: usize = 100_000;

/// More choices or order items than this can't be lettered a to z in the quiz.
pub const MAX_OPTIONS: usize = 26;
