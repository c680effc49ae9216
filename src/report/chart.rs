//! Bars and sparklines for `stats`: Unicode blocks in a terminal, plain ASCII
//! when piped or with `--color never`.

/// Eighths of a block, for the partial cell at the end of a Unicode bar.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const SPARKS_UNICODE: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const SPARKS_ASCII: [char; 8] = ['.', ':', '-', '=', '+', '*', '#', '@'];

/// A bar `width` cells wide filled to `fraction` (clamped to 0..=1).
pub fn bar(fraction: f64, width: usize, unicode: bool) -> String {
    let fraction = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    if unicode {
        let eighths = (fraction * width as f64 * 8.0).round() as usize;
        let (full, part) = (eighths / 8, eighths % 8);
        let mut text = "█".repeat(full);
        if part > 0 {
            text.push(EIGHTHS[part]);
        }
        let used = full + usize::from(part > 0);
        text.push_str(&"░".repeat(width.saturating_sub(used)));
        text
    } else {
        let full = (fraction * width as f64).round() as usize;
        format!(
            "{}{}",
            "#".repeat(full),
            "-".repeat(width.saturating_sub(full))
        )
    }
}

/// One cell per count, its height relative to the largest; a blank (Unicode)
/// or a space (ASCII) for none.
pub fn sparkline(counts: &[usize], unicode: bool) -> String {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let levels = if unicode {
        &SPARKS_UNICODE
    } else {
        &SPARKS_ASCII
    };
    counts
        .iter()
        .map(|&count| {
            if count == 0 {
                ' '
            } else {
                let level = (count * levels.len()).div_ceil(max).clamp(1, levels.len());
                levels[level - 1]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths_or_whole_cells() {
        assert_eq!(bar(0.5, 10, false), "#####-----");
        assert_eq!(bar(0.55, 4, true), "██▎░");
        assert_eq!(bar(2.0, 3, true), "███");
        assert_eq!(bar(f64::NAN, 3, false), "---");
    }

    #[test]
    fn sparklines_scale_to_the_busiest_day() {
        assert_eq!(sparkline(&[0, 1, 4, 8], false), " .=@");
        assert_eq!(sparkline(&[0, 1, 4, 8], true), " ▁▄█");
        assert_eq!(sparkline(&[0, 0], true), "  ");
    }
}
