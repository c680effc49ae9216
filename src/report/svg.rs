//! The two charts of the HTML report as plain inline SVG: a histogram of
//! scores with the pass mark drawn as a line, and horizontal bars of mastery by
//! topic. Each chart is an `<svg role="img">` with a `<title>` and an
//! `aria-label`, draws its numbers as text beside the marks and tells bars
//! apart by pattern, not colour, so it reads in greyscale and in print. Every
//! text goes through [`escape`].

use std::fmt::Write;

use super::escape::escape;
use crate::text::plural;

/// A histogram's width and height in SVG units; the page scales it.
const HISTOGRAM_SIZE: (f64, f64) = (560.0, 260.0);
/// Room around the plot: left (axis labels), right, top, bottom (band labels).
const MARGIN: (f64, f64, f64, f64) = (40.0, 10.0, 36.0, 44.0);

/// One bar of the histogram.
pub struct Bin {
    /// The band under the bar, e.g. `70–79`.
    pub label: String,
    pub count: usize,
    /// Whether the band is below the pass mark (drawn hatched).
    pub below_pass: bool,
}

/// A histogram of `bins` (equal bands over 0–100%) with a dashed line at
/// `pass_percent`, if there is one. `id` names its hatch pattern, so it must
/// be unique on the page.
pub fn histogram(id: &str, title: &str, bins: &[Bin], pass_percent: Option<f64>) -> String {
    let (width, height) = HISTOGRAM_SIZE;
    let (left, right, top, bottom) = MARGIN;
    let plot_width = width - left - right;
    let plot_height = height - top - bottom;
    let max_count = bins.iter().map(|bin| bin.count).max().unwrap_or(0).max(1);
    let bar_width = plot_width / bins.len().max(1) as f64;
    let mut svg = open(title, width, height);
    let hatch = format!("{id}-hatch");
    svg.push_str(&hatch_pattern(&hatch));
    // The count axis: 0 and the largest count.
    let baseline = top + plot_height;
    for (value, y) in [(0, baseline), (max_count, top)] {
        let _ = write!(
            svg,
            r##"<line x1="{left}" y1="{y}" x2="{x2}" y2="{y}" class="grid"/><text x="{x}" y="{ty}" text-anchor="end" class="axis">{value}</text>"##,
            x2 = left + plot_width,
            x = left - 6.0,
            ty = y + 4.0,
        );
    }
    for (idx, bin) in bins.iter().enumerate() {
        let bar_height = plot_height * bin.count as f64 / max_count as f64;
        let x = left + idx as f64 * bar_width;
        let fill = if bin.below_pass {
            format!("url(#{hatch})")
        } else {
            "#333".to_string()
        };
        let _ = write!(
            svg,
            r##"<g><title>{label}%: {count} learner{s}</title><rect x="{bx:.1}" y="{by:.1}" width="{bw:.1}" height="{bar_height:.1}" fill="{fill}" stroke="#000" stroke-width="1"/>"##,
            label = escape(&bin.label),
            count = bin.count,
            s = plural(bin.count),
            bx = x + 3.0,
            by = baseline - bar_height,
            bw = bar_width - 6.0,
        );
        if bin.count > 0 {
            let _ = write!(
                svg,
                r##"<text x="{tx:.1}" y="{ty:.1}" text-anchor="middle" class="value">{count}</text>"##,
                tx = x + bar_width / 2.0,
                ty = baseline - bar_height - 4.0,
                count = bin.count,
            );
        }
        let _ = write!(
            svg,
            r##"<text x="{tx:.1}" y="{ty:.1}" text-anchor="middle" class="axis">{label}</text></g>"##,
            tx = x + bar_width / 2.0,
            ty = baseline + 16.0,
            label = escape(&bin.label),
        );
    }
    let _ = write!(
        svg,
        r##"<text x="{x:.1}" y="{y:.1}" text-anchor="middle" class="axis">score (%)</text>"##,
        x = left + plot_width / 2.0,
        y = height - 6.0,
    );
    if let Some(pass) = pass_percent.filter(|pass| pass.is_finite()) {
        let x = left + plot_width * pass.clamp(0.0, 100.0) / 100.0;
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{y1:.1}" x2="{x:.1}" y2="{baseline:.1}" stroke="#000" stroke-width="2.5" stroke-dasharray="7 4"/><text x="{x:.1}" y="{ty:.1}" text-anchor="{anchor}" class="value">pass mark {pass}%</text>"##,
            // Near an edge the label runs inwards, so it is never cut.
            anchor = if x < left + 60.0 {
                "start"
            } else if x > width - right - 60.0 {
                "end"
            } else {
                "middle"
            },
            y1 = top - 14.0,
            ty = top - 18.0,
            pass = number(pass),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One bar of [`bars`].
pub struct Bar {
    pub label: String,
    /// 0..=1, drawn as a share of the full width.
    pub fraction: f64,
}

/// Horizontal bars, one a row, each labelled with its name and percent.
pub fn bars(title: &str, rows: &[Bar]) -> String {
    const WIDTH: f64 = 560.0;
    const ROW: f64 = 28.0;
    const LABEL: f64 = 170.0;
    const VALUE: f64 = 48.0;
    let height = ROW * rows.len().max(1) as f64 + 8.0;
    let track = WIDTH - LABEL - VALUE;
    let mut svg = open(title, WIDTH, height);
    for (idx, row) in rows.iter().enumerate() {
        let fraction = if row.fraction.is_finite() {
            row.fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let y = 4.0 + idx as f64 * ROW;
        let percent = crate::score::Score::new(fraction).to_string();
        let _ = write!(
            svg,
            r##"<g><title>{full}: {percent}</title><text x="{lx:.1}" y="{ty:.1}" text-anchor="end" class="axis">{label}</text><rect x="{LABEL}" y="{ry:.1}" width="{track:.1}" height="18" fill="none" stroke="#000" stroke-width="1"/><rect x="{LABEL}" y="{ry:.1}" width="{bw:.1}" height="18" fill="#333"/><text x="{vx:.1}" y="{ty:.1}" class="value">{percent}</text></g>"##,
            full = escape(&row.label),
            label = escape(&crate::text::shorten(&row.label, 26)),
            lx = LABEL - 8.0,
            ty = y + 14.0,
            ry = y + 1.0,
            bw = track * fraction,
            vx = LABEL + track + 6.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The opening `<svg>` of a chart `width` by `height` units that scales to
/// its container.
fn open(title: &str, width: f64, height: f64) -> String {
    let title = escape(title);
    // A little larger than drawn, so labels stay readable on a wide page.
    let max_width = width * 1.3;
    format!(
        r##"<svg viewBox="0 0 {width} {height}" width="100%" style="max-width:{max_width}px" role="img" aria-label="{title}"><title>{title}</title>"##
    )
}

/// Diagonal black lines on white: bars that mean "below the pass mark" look
/// different from solid ones in greyscale too.
fn hatch_pattern(id: &str) -> String {
    format!(
        r##"<defs><pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="3"/></pattern></defs>"##
    )
}

/// `value` without a trailing `.0`.
fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_labelled_images_with_their_numbers_as_text() {
        let bins = [
            Bin {
                label: "0–49".to_string(),
                count: 1,
                below_pass: true,
            },
            Bin {
                label: "50–100".to_string(),
                count: 3,
                below_pass: false,
            },
        ];
        let histogram = histogram("e1", "Scores <b>", &bins, Some(70.0));
        assert!(histogram.starts_with(
            r#"<svg viewBox="0 0 560 260" width="100%" style="max-width:728px" role="img" aria-label="Scores &lt;b&gt;"><title>Scores &lt;b&gt;</title>"#
        ));
        assert!(
            histogram.contains(r#"fill="url(#e1-hatch)""#),
            "{histogram}"
        );
        assert!(histogram.contains(">pass mark 70%</text>"), "{histogram}");
        assert!(histogram.contains(">3</text>") && histogram.ends_with("</svg>"));

        let bars = bars(
            "Topics",
            &[
                Bar {
                    label: "a & b".to_string(),
                    fraction: 1.5,
                },
                Bar {
                    label: "c".to_string(),
                    fraction: f64::NAN,
                },
            ],
        );
        assert!(bars.contains("<title>a &amp; b: 100%</title>"), "{bars}");
        assert!(bars.contains("<title>c: 0%</title>"), "{bars}");
    }
}
