//! Small browser helpers shared by the pages: local storage, timing marks, number formats.

use newsgauge_engine::fixed::fixed;
use wasm_bindgen::JsCast;

/// localStorage key of the paste draft (`{"title":…,"text":…}`).
pub const DRAFT_KEY: &str = "newsgauge.draft";
/// localStorage key of the added feed URLs (a JSON array of strings).
pub const FEEDS_KEY: &str = "newsgauge.feeds";
/// localStorage key of the chosen theme ("light" or "dark"; absent = follow the system).
pub const THEME_KEY: &str = "newsgauge.theme";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Read a localStorage value; `None` when absent or when storage is unavailable.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Write a localStorage value. Err when storage is unavailable or full (quota).
pub fn save(key: &str, value: &str) -> Result<(), String> {
    let s = storage().ok_or("storage is unavailable")?;
    s.set_item(key, value)
        .map_err(|_| "storage is full or disabled".to_owned())
}

/// Remove a localStorage value (ignores unavailable storage).
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Run `f` between `performance.mark` calls and record a `performance.measure` named `name`,
/// so its cost can be read from the browser (DevTools or `performance.getEntriesByName`).
pub fn measured<T>(name: &str, f: impl FnOnce() -> T) -> T {
    #[cfg(target_arch = "wasm32")]
    {
        let perf = web_sys::window().and_then(|w| w.performance());
        let start = format!("{name}:start");
        if let Some(p) = &perf {
            let _ = p.mark(&start);
        }
        let out = f();
        if let Some(p) = &perf {
            let _ = p.measure_with_start_mark(name, &start);
            p.clear_marks_with_mark_name(&start);
        }
        out
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = name;
        f()
    }
}

/// A score with its sign, two decimals: "+0.42", "−0.35" (true minus sign), "0.00".
pub fn signed(x: f32) -> String {
    if !x.is_finite() || x.abs() < 0.005 {
        "0.00".to_owned()
    } else if x > 0.0 {
        format!("+{}", fixed(x, 2))
    } else {
        format!("\u{2212}{}", fixed(-x, 2))
    }
}

/// "positive", "negative" or "neutral": the CSS class and screen-reader word of a sign.
pub fn polarity(x: f32) -> &'static str {
    if x >= 0.005 {
        "positive"
    } else if x <= -0.005 {
        "negative"
    } else {
        "neutral"
    }
}

/// A stable 32-bit FNV-1a hash, for ids derived from URLs.
pub fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A byte count for people: "812 B", "4.2 KB", "20.0 MB".
pub fn human_bytes(n: usize) -> String {
    const KB: f64 = 1000.0;
    let f = n as f64;
    if f < KB {
        format!("{n} B")
    } else if f < KB * KB {
        format!("{} KB", fixed(f / KB, 1))
    } else {
        format!("{} MB", fixed(f / KB / KB, 1))
    }
}

// Pure text helpers live with the feed parsing (plain Rust, tested natively).
pub use newsgauge_feeds::{prefix, safe_link};

/// Milliseconds since the epoch for a date string the browser understands, NaN otherwise.
pub fn parse_date(s: &str) -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::parse(s)
    } else {
        f64::NAN
    }
}

/// `YYYY-MM-DD` of a timestamp, or `fallback` when it is not a valid date.
pub fn iso_day(ts: f64, fallback: &str) -> String {
    if ts.is_finite() && cfg!(target_arch = "wasm32") {
        let d = js_sys::Date::new(&ts.into());
        let iso: String = d.to_iso_string().into();
        iso.chars().take(10).collect()
    } else {
        fallback.chars().take(40).collect()
    }
}

/// The current window, for the few places that need it directly.
pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

/// Start a browser download of `contents` as `filename`.
pub fn download(filename: &str, mime: &str, contents: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&contents.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "could not create the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "could not create the file")?;
    let doc = window().document().ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "no anchor")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.set_rel("noopener");
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_uses_a_sign_and_two_decimals() {
        assert_eq!(signed(0.4216), "+0.42");
        assert_eq!(signed(-0.35), "\u{2212}0.35");
        assert_eq!(signed(0.001), "0.00");
        assert_eq!(signed(f32::NAN), "0.00");
    }

    #[test]
    fn human_bytes_picks_a_unit() {
        assert_eq!(human_bytes(812), "812 B");
        assert_eq!(human_bytes(20_000_000), "20.0 MB");
    }
}
