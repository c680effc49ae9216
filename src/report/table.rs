//! A table of text cells, rendered three ways: aligned plain text for the
//! terminal, GitHub Markdown, or CSV (RFC 4180 quoting). Plain text and
//! Markdown are for reading, so a cell longer than [`MAX_CELL_CHARS`] is cut
//! there (on a character, with an ellipsis); CSV keeps every cell whole.

use std::fmt::Write;

/// The longest cell shown in plain text and Markdown, in characters.
pub const MAX_CELL_CHARS: usize = 60;

/// `seconds` as minutes and seconds, `m:ss`, rounded to the second.
pub fn minutes_seconds(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    format!("{}:{:02}", total / 60, total % 60)
}

/// The longest cell shown in a record of [`Table::render_within`].
pub const MAX_RECORD_CELL_CHARS: usize = 300;

/// How a [`Table`] is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableStyle {
    Plain,
    Markdown,
    Csv,
}

/// Rows of cells under a header; numbers are right-aligned in plain text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|header| (*header).to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The table as text ending in a newline.
    pub fn render(&self, style: TableStyle) -> String {
        match style {
            TableStyle::Plain => self.shown().plain(),
            TableStyle::Markdown => self.shown().markdown(),
            TableStyle::Csv => self.csv(),
        }
    }

    /// Plain text for a terminal `width` columns wide: the aligned table when
    /// it fits, else one record a row (its first cell, then each other header
    /// with its value, wrapped between words), which reads at any width.
    pub fn render_within(&self, width: usize) -> String {
        let shown = self.shown();
        let widths = shown.widths();
        let natural = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        if natural <= width {
            return shown.plain();
        }
        let options = textwrap::Options::new(width.max(20))
            .initial_indent("  ")
            .subsequent_indent("  ");
        let mut text = String::new();
        // Wrapped, a cell has room for more than a table column gives it.
        for row in &self.rows {
            let mut cells = row
                .iter()
                .map(|cell| crate::text::shorten(cell, MAX_RECORD_CELL_CHARS));
            text.push_str(&cells.next().unwrap_or_default());
            text.push('\n');
            let fields: Vec<String> = shown.headers[1..]
                .iter()
                .zip(cells)
                .filter(|(_, cell)| !cell.is_empty())
                .map(|(header, cell)| format!("{header} {cell}"))
                .collect();
            if !fields.is_empty() {
                text.push_str(&textwrap::fill(&fields.join(" · "), &options));
                text.push('\n');
            }
        }
        text
    }

    /// The headers and rows as shown for reading: long cells cut.
    fn shown(&self) -> Table {
        let cut = |cells: &[String]| -> Vec<String> {
            cells
                .iter()
                .map(|cell| crate::text::shorten(cell, MAX_CELL_CHARS))
                .collect()
        };
        Table {
            headers: cut(&self.headers),
            rows: self.rows.iter().map(|row| cut(row)).collect(),
        }
    }

    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self
            .headers
            .iter()
            .map(|cell| cell.chars().count())
            .collect();
        for row in &self.rows {
            for (idx, cell) in row.iter().enumerate() {
                if let Some(width) = widths.get_mut(idx) {
                    *width = (*width).max(cell.chars().count());
                }
            }
        }
        widths
    }

    fn plain(&self) -> String {
        let widths = self.widths();
        let mut text = String::new();
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let mut line = String::new();
            for (idx, cell) in row.iter().enumerate() {
                let width = widths.get(idx).copied().unwrap_or(0);
                if idx > 0 {
                    line.push_str("  ");
                }
                if is_number(cell) {
                    let _ = write!(line, "{cell:>width$}");
                } else {
                    let _ = write!(line, "{cell:<width$}");
                }
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        text
    }

    fn markdown(&self) -> String {
        let escape = |cell: &str| cell.replace('|', "\\|").replace('\n', " ");
        let line = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|cell| escape(cell)).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        let mut text = line(&self.headers);
        let rule: Vec<&str> = self
            .headers
            .iter()
            .enumerate()
            .map(|(idx, _)| {
                let numeric = !self.rows.is_empty()
                    && self.rows.iter().all(|row| {
                        row.get(idx)
                            .is_none_or(|cell| is_number(cell) || cell.is_empty())
                    });
                if numeric { "--:" } else { "---" }
            })
            .collect();
        let _ = writeln!(text, "| {} |", rule.join(" | "));
        for row in &self.rows {
            text.push_str(&line(row));
        }
        text
    }

    fn csv(&self) -> String {
        let quote = |cell: &String| {
            if cell.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell.clone()
            }
        };
        let mut text = String::new();
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let cells: Vec<String> = row.iter().map(quote).collect();
            text.push_str(&cells.join(","));
            text.push('\n');
        }
        text
    }
}

/// Whether a cell reads as a number (`87`, `-0.12`, `87%`).
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_suffix('%').unwrap_or(cell);
    !digits.is_empty() && digits.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_too_wide_for_the_terminal_reads_as_records() {
        let mut table = Table::new(&["question", "mean score", "most chosen wrong answer"]);
        table.push(vec![
            "roles.when-created".to_string(),
            "25%".to_string(),
            "“When the account is enabled as a partner” (2×)".to_string(),
        ]);
        table.push(vec![
            "sites.api-live".to_string(),
            "50%".to_string(),
            String::new(),
        ]);
        assert_eq!(table.render_within(100), table.render(TableStyle::Plain));
        assert_eq!(
            table.render_within(40),
            "roles.when-created\n  mean score 25% · most chosen wrong\n  answer “When the account is enabled as\n  a partner” (2×)\nsites.api-live\n  mean score 50%\n"
        );
    }

    #[test]
    fn durations_read_as_minutes_and_seconds() {
        assert_eq!(minutes_seconds(605.4), "10:05");
        assert_eq!(minutes_seconds(59.5), "1:00");
        assert_eq!(minutes_seconds(-3.0), "0:00");
        assert_eq!(minutes_seconds(f64::NAN), "0:00");
    }

    fn sample() -> Table {
        let mut table = Table::new(&["name", "score"]);
        table.push(vec!["Ann, B".to_string(), "90%".to_string()]);
        table.push(vec!["Bo|b".to_string(), "7%".to_string()]);
        table
    }

    #[test]
    fn renders_plain_markdown_and_csv() {
        assert_eq!(
            sample().render(TableStyle::Plain),
            "name    score\nAnn, B    90%\nBo|b       7%\n"
        );
        assert_eq!(
            sample().render(TableStyle::Markdown),
            "| name | score |\n| --- | --: |\n| Ann, B | 90% |\n| Bo\\|b | 7% |\n"
        );
        assert_eq!(
            sample().render(TableStyle::Csv),
            "name,score\n\"Ann, B\",90%\nBo|b,7%\n"
        );
    }

    #[test]
    fn report_of_a_65536_character_cell_cuts_it_for_reading_and_keeps_it_in_csv() {
        let long = "é".repeat(70_000);
        let mut table = Table::new(&["name", "score"]);
        table.push(vec![long.clone(), "90%".to_string()]);
        let cut = format!("{}…", "é".repeat(MAX_CELL_CHARS - 1));
        assert_eq!(
            table.render(TableStyle::Plain),
            format!(
                "name{}score\n{cut}    90%\n",
                " ".repeat(MAX_CELL_CHARS - 2)
            )
        );
        assert!(
            table
                .render(TableStyle::Markdown)
                .contains(&format!("| {cut} | 90% |"))
        );
        assert!(table.render(TableStyle::Csv).contains(&long));
    }
}
