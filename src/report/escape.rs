//! [`escape`]: the one place that makes text safe inside HTML, for the page
//! (`html`) and its charts (`svg`) alike.

/// `text` safe as HTML text or attribute value: control characters made
/// visible (`text::inert`), then `& < > " '` as entities.
pub fn escape(text: &str) -> String {
    let text = crate::text::inert(text);
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}
