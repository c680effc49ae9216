//! Where output goes and how it is styled: stdout through anstream, which drops
//! colour for pipes, `NO_COLOR`, `TERM=dumb` and `--color never`.

use std::io::{self, Write};

use anstream::AutoStream;
use anstyle::{AnsiColor, Style};

use crate::cli::ColorChoice;

/// Standard output with the user's colour choice applied.
pub fn stdout(color: ColorChoice) -> AutoStream<io::Stdout> {
    AutoStream::new(io::stdout(), anstream_choice(color))
}

/// [`stdout`] behind a large buffer, for commands that print many lines at
/// once (`lint`, `list`): standard output flushes at every line break, which
/// made `lint` of a bank with 10,000 warnings cost 20,000 writes. The caller
/// flushes it at the end, so that a failed write is reported.
pub fn stdout_buffered(color: ColorChoice) -> io::BufWriter<AutoStream<io::Stdout>> {
    io::BufWriter::with_capacity(1 << 16, stdout(color))
}

/// Writes `text` to the standard output under `out` (flushed first), past
/// anstream: for long text in which nothing is to be stripped, since anstream
/// reads every byte looking for escape sequences. `text` must hold none unless
/// colours are on (text from content goes through `text::inert`, which
/// neutralises them).
pub fn write_past_styling(
    out: &mut io::BufWriter<AutoStream<io::Stdout>>,
    text: &str,
) -> io::Result<()> {
    out.flush()?;
    let mut raw: &io::Stdout = out.get_ref().as_inner();
    raw.write_all(text.as_bytes())
}

/// Standard error with the user's colour choice applied.
pub fn stderr(color: ColorChoice) -> AutoStream<io::Stderr> {
    AutoStream::new(io::stderr(), anstream_choice(color))
}

fn anstream_choice(color: ColorChoice) -> anstream::ColorChoice {
    match color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    }
}

/// Whether styled output would reach a terminal with colours on.
pub fn uses_color(color: ColorChoice) -> bool {
    stdout(color).current_choice() != anstream::ColorChoice::Never
}

pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub const GOOD: Style = AnsiColor::Green.on_default().bold();
pub const EMPHASIS: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();

/// Writes `text` in `style` (anstream strips the codes where colour is off).
pub fn styled(out: &mut (impl Write + ?Sized), style: Style, text: &str) -> io::Result<()> {
    write!(out, "{style}{text}{style:#}")
}

/// The terminal's width in columns, when stdout is a terminal.
pub fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size().map(|(width, _)| usize::from(width.0))
}
