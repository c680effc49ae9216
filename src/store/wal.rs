//! Whether the `-wal` file beside a store belongs to it, decided by reading both
//! files before SQLite opens either. SQLite replays any WAL whose frames carry
//! valid checksums into the database it finds beside it, even one written for
//! another database (a backup restored over an old store leaves exactly that),
//! and even a read-only connection merges it in memory.
//!
//! The evidence: every write transaction of xcdrill also writes the store's
//! identity (`PRAGMA application_id`, random per store) into page 1 (see
//! `store::begin_write`), so every committed transaction in our WAL
//! carries a page-1 image. A WAL belongs to the store when its page size
//! matches, its first page-1 image has the store's identity, and the store's
//! change counter lies between the counters of the WAL's first page-1 image
//! (minus one: the state the WAL started from) and its last (a checkpoint copied
//! up to there). SQLite writes page-1 counters that never decrease.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

const WAL_MAGIC: u32 = 0x377f_0682;
const WAL_HEADER: usize = 32;
const FRAME_HEADER: usize = 24;
const DB_HEADER: usize = 100;
/// Attempts at a reading not torn by a writer resetting the WAL meanwhile.
const ATTEMPTS: usize = 8;

/// `db` with `suffix` appended to its file name (`-wal`, `-shm`, `-journal`).
pub fn companion(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// What the WAL beside a store would do to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Verdict {
    /// No WAL, or none of its frames would be replayed.
    Nothing,
    /// Committed transactions of this store.
    Ours,
    /// Frames SQLite would merge in that are not this store's; why.
    Foreign(String),
}

/// The fields of an SQLite database header that tie a WAL to its database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header {
    page_size: u32,
    change_counter: u32,
    identity: u32,
}

fn be32(bytes: &[u8]) -> u32 {
    u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

fn header(bytes: &[u8]) -> Option<Header> {
    if bytes.len() < DB_HEADER || &bytes[..16] != b"SQLite format 3\0" {
        return None;
    }
    let raw = u32::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    Some(Header {
        page_size: if raw == 1 { 65_536 } else { raw },
        change_counter: be32(&bytes[24..]),
        identity: be32(&bytes[68..]),
    })
}

/// What recovery would take from a WAL: its page size and the page-1 images
/// of its committed transactions (`None` for an image that is not a header).
struct Wal {
    page_size: u32,
    committed_frames: usize,
    first_pages: Vec<Option<Header>>,
}

/// SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing `sum`.
fn checksum(sum: (u32, u32), data: &[u8], big_endian: bool) -> (u32, u32) {
    let (mut s1, mut s2) = sum;
    for pair in data.chunks_exact(8) {
        let word = |bytes: &[u8]| {
            let array = [bytes[0], bytes[1], bytes[2], bytes[3]];
            if big_endian {
                u32::from_be_bytes(array)
            } else {
                u32::from_le_bytes(array)
            }
        };
        s1 = s1.wrapping_add(word(&pair[..4])).wrapping_add(s2);
        s2 = s2.wrapping_add(word(&pair[4..])).wrapping_add(s1);
    }
    (s1, s2)
}

/// Reads a WAL the way SQLite's recovery does: a valid header, then frames
/// whose salts match and whose running checksum holds; only frames up to the
/// last commit frame count. `None` when SQLite would ignore the file.
fn parse(bytes: &[u8]) -> Option<Wal> {
    if bytes.len() < WAL_HEADER || be32(bytes) & !1 != WAL_MAGIC {
        return None;
    }
    let big_endian = be32(bytes) & 1 == 1;
    let page_size = be32(&bytes[8..]);
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return None;
    }
    let mut sum = checksum((0, 0), &bytes[..24], big_endian);
    if sum != (be32(&bytes[24..]), be32(&bytes[28..])) {
        return None;
    }
    let salts = &bytes[16..24];
    let frame_len = FRAME_HEADER + page_size as usize;
    let mut wal = Wal {
        page_size,
        committed_frames: 0,
        first_pages: Vec::new(),
    };
    let mut pending = Vec::new();
    let mut n_frames = 0;
    for frame in bytes[WAL_HEADER..].chunks_exact(frame_len) {
        if &frame[8..16] != salts {
            break;
        }
        sum = checksum(sum, &frame[..8], big_endian);
        sum = checksum(sum, &frame[FRAME_HEADER..], big_endian);
        if sum != (be32(&frame[16..]), be32(&frame[20..])) {
            break;
        }
        n_frames += 1;
        if be32(frame) == 1 {
            pending.push(header(&frame[FRAME_HEADER..]));
        }
        if be32(&frame[4..]) != 0 {
            wal.committed_frames = n_frames;
            wal.first_pages.append(&mut pending);
        }
    }
    Some(wal)
}

/// The first `limit` bytes of `path` (fewer if it is shorter); `None` if missing.
pub(super) fn read_prefix(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    match File::open(path) {
        Ok(file) => {
            let mut bytes = Vec::new();
            file.take(limit).read_to_end(&mut bytes)?;
            Ok(Some(bytes))
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Whether the WAL beside `db` belongs to it. Reads only; a writer resetting
/// the WAL meanwhile is noticed (its header changes) and the reading repeated.
pub(super) fn inspect(db: &Path) -> io::Result<Verdict> {
    let wal_path = companion(db, "-wal");
    let mut verdict = Verdict::Nothing;
    for _ in 0..ATTEMPTS {
        let Some(before) = read_prefix(&wal_path, WAL_HEADER as u64)? else {
            return Ok(Verdict::Nothing);
        };
        let db_header = read_prefix(db, DB_HEADER as u64)?;
        let Some(wal_bytes) = read_prefix(&wal_path, u64::MAX)? else {
            continue;
        };
        verdict = judge(db_header.as_deref().and_then(header), parse(&wal_bytes));
        if wal_bytes.len() >= before.len() && wal_bytes[..before.len()] == before[..] {
            return Ok(verdict);
        }
    }
    Ok(verdict)
}

fn judge(db: Option<Header>, wal: Option<Wal>) -> Verdict {
    let Some(wal) = wal.filter(|wal| wal.committed_frames > 0) else {
        return Verdict::Nothing;
    };
    let foreign = |why: &str| Verdict::Foreign(why.to_string());
    let Some(db) = db else {
        return foreign("the store file beside it holds no database it could belong to");
    };
    if wal.page_size != db.page_size {
        return Verdict::Foreign(format!(
            "its pages are {} bytes, the store's {}",
            wal.page_size, db.page_size
        ));
    }
    let (Some(first), Some(last)) = (wal.first_pages.first(), wal.first_pages.last()) else {
        // Stores from before identities (identity 0) wrote no page-1 image
        // with every transaction; any store since does.
        return if db.identity == 0 {
            Verdict::Ours
        } else {
            foreign("it was not written by xcdrill for this store")
        };
    };
    let (Some(first), Some(last)) = (first, last) else {
        return foreign("its first page is not a database header");
    };
    if db.identity != 0 && first.identity != db.identity {
        return foreign("it was written for another database");
    }
    let continues = u64::from(first.change_counter) <= u64::from(db.change_counter) + 1
        && db.change_counter <= last.change_counter;
    if !continues {
        return foreign(
            "it does not continue the store's saved state (an older or newer copy of the store)",
        );
    }
    Verdict::Ours
}
