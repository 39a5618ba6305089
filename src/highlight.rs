//! Cuts a field's original text into segments for highlighting: each segment knows which
//! explanation spans and which selected-ticker mentions cover it. Offsets are the engine's
//! byte offsets into the original text; a span that is out of range or not on a char
//! boundary is skipped, never sliced.

/// One run of text with the same covering spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    /// Indices (into the `spans` given to [`segments`]) of the explanations covering this run.
    pub marks: Vec<usize>,
    /// True when a mention of the selected ticker covers this run.
    pub mention: bool,
}

fn valid(text: &str, (s, e): (usize, usize)) -> bool {
    s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
}

/// Segments covering `text` exactly once, in order. `spans` are explanation ranges,
/// `mentions` ranges of the selected ticker. Runs may be empty only when `text` is.
pub fn segments(text: &str, spans: &[(usize, usize)], mentions: &[(usize, usize)]) -> Vec<Segment> {
    // (position, is_start, kind) events; kind: Some(i) = explanation i, None = mention.
    let mut events: Vec<(usize, bool, Option<usize>)> = Vec::new();
    for (i, &r) in spans.iter().enumerate() {
        if valid(text, r) {
            events.push((r.0, true, Some(i)));
            events.push((r.1, false, Some(i)));
        }
    }
    for &r in mentions {
        if valid(text, r) {
            events.push((r.0, true, None));
            events.push((r.1, false, None));
        }
    }
    // Ends before starts at the same position, so touching spans do not overlap.
    newsgauge_engine::sort::sort_by_key(&mut events, |&(pos, is_start, kind)| {
        (pos, is_start, kind)
    });
    let mut out: Vec<Segment> = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    let mut mentions_active = 0usize;
    let mut pos = 0usize;
    let push =
        |out: &mut Vec<Segment>, start: usize, end: usize, marks: &[usize], mention: bool| {
            if start >= end {
                return;
            }
            let mut marks = marks.to_vec();
            newsgauge_engine::sort::sort(&mut marks);
            match out.last_mut() {
                Some(last)
                    if last.end == start && last.marks == marks && last.mention == mention =>
                {
                    last.end = end
                }
                _ => out.push(Segment {
                    start,
                    end,
                    marks,
                    mention,
                }),
            }
        };
    for (at, is_start, kind) in events {
        push(&mut out, pos, at, &active, mentions_active > 0);
        pos = at;
        match (kind, is_start) {
            (Some(i), true) => active.push(i),
            (Some(i), false) => active.retain(|&x| x != i),
            (None, true) => mentions_active += 1,
            (None, false) => mentions_active = mentions_active.saturating_sub(1),
        }
    }
    push(&mut out, pos, text.len(), &active, mentions_active > 0);
    if out.is_empty() {
        out.push(Segment {
            start: 0,
            end: text.len(),
            marks: Vec::new(),
            mention: false,
        });
    }
    out
}

/// One highlighted phrase as the markup needs it: its span and what its tooltip says.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark<'a> {
    pub start: usize,
    pub end: usize,
    /// "Phrase (positive) (S003) · weight +0.42": one line of the tooltip.
    pub tip: &'a str,
    pub weight: f32,
}

/// The markup of one field's text with its highlights: the text cut into [`segments`], each
/// highlighted run a focusable `<mark>` carrying its tooltip, the selected ticker's
/// mentions a `<span class="mention">`, everything else plain text. All text and attribute
/// values are escaped ([`escape_into`]), so the result is safe as `innerHTML` whatever the
/// text holds: it is built as one string because creating each run as its own DOM node
/// from wasm cost a string crossing per node and attribute (tens of milliseconds for a
/// 1,000-word article).
pub fn markup(text: &str, marks: &[Mark<'_>], mentions: &[(usize, usize)]) -> String {
    let max_abs = marks
        .iter()
        .map(|m| m.weight.abs())
        .filter(|w| w.is_finite())
        .fold(0.0f32, f32::max);
    let spans: Vec<(usize, usize)> = marks.iter().map(|m| (m.start, m.end)).collect();
    let mut out = String::with_capacity(text.len() * 2);
    for seg in segments(text, &spans, mentions) {
        let piece = &text[seg.start..seg.end];
        if seg.marks.is_empty() {
            if seg.mention {
                out.push_str(r#"<span class="mention" data-testid="mention">"#);
                escape_into(&mut out, piece);
                out.push_str("</span>");
            } else {
                escape_into(&mut out, piece);
            }
            continue;
        }
        // The heaviest phrase covering the run names its colour.
        let main = seg
            .marks
            .iter()
            .copied()
            .max_by(|&a, &b| marks[a].weight.abs().total_cmp(&marks[b].weight.abs()))
            .unwrap_or(seg.marks[0]);
        let w = marks[main].weight;
        let tip = seg
            .marks
            .iter()
            .map(|&i| marks[i].tip)
            .collect::<Vec<_>>()
            .join("; ");
        out.push_str(r#"<mark class="hl "#);
        out.push_str(crate::util::polarity(w));
        out.push_str(" w");
        out.push(char::from(b'0' + intensity(w, max_abs)));
        if seg.mention {
            out.push_str(" mention");
        }
        // One attribute carries the explanation: screen readers read it as the run's
        // description (its name stays its text: ARIA forbids naming a `mark`) and the
        // stylesheet shows it as the tooltip (`attr(aria-description)`). A 1,000-word article
        // has about 500 runs, and each attribute more was HTML for the page to parse on every
        // analysis (the tooltip twice, the rule, a test id: 114 KB of markup for 6.5 KB of
        // text).
        out.push_str(r#"" tabindex="0" aria-description=""#);
        escape_into(&mut out, &tip);
        out.push_str(r#"">"#);
        escape_into(&mut out, piece);
        out.push_str("</mark>");
    }
    out
}

/// Append `s` to `out` as HTML text that is also safe inside a quoted attribute value:
/// `& < > " '` become character references, and so do the two characters the HTML parser
/// would not keep as they are (a carriage return, normalised away, and U+0000, dropped, so
/// it becomes U+FFFD as in an attribute). Everything else, control characters included,
/// stays as it was typed.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push_str("&#13;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Highlight intensity 1–4 of a weight relative to the largest weight in the article.
pub fn intensity(weight: f32, max_abs: f32) -> u8 {
    if max_abs.is_nan() || max_abs <= 0.0 || !weight.is_finite() {
        return 1;
    }
    let r = (weight.abs() / max_abs).clamp(0.0, 1.0);
    // Quartiles of the strongest weight: four visibly different shades.
    ((r * 4.0).ceil() as u8).clamp(1, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'a>(text: &'a str, segs: &[Segment]) -> Vec<(&'a str, Vec<usize>, bool)> {
        segs.iter()
            .map(|s| (&text[s.start..s.end], s.marks.clone(), s.mention))
            .collect()
    }

    #[test]
    fn segments_cover_the_text_once_and_mark_the_spans() {
        let t = "Acme shares plunged after a miss.";
        let segs = segments(t, &[(12, 19), (28, 32)], &[(0, 4)]);
        assert_eq!(
            pieces(t, &segs),
            vec![
                ("Acme", vec![], true),
                (" shares ", vec![], false),
                ("plunged", vec![0], false),
                (" after a ", vec![], false),
                ("miss", vec![1], false),
                (".", vec![], false),
            ]
        );
    }

    #[test]
    fn overlapping_spans_split_into_runs_with_both_marks() {
        let t = "missed estimates badly";
        let segs = segments(t, &[(0, 16), (0, 6)], &[]);
        assert_eq!(
            pieces(t, &segs),
            vec![
                ("missed", vec![0, 1], false),
                (" estimates", vec![0], false),
                (" badly", vec![], false)
            ]
        );
    }

    #[test]
    fn bad_offsets_are_skipped_not_sliced() {
        let t = "é shares";
        // 1 is inside "é"; 99 is past the end; 5..3 is reversed.
        let segs = segments(t, &[(1, 3), (0, 99), (5, 3)], &[(1, 2)]);
        assert_eq!(pieces(t, &segs), vec![("é shares", vec![], false)]);
        assert_eq!(
            segments("", &[(0, 1)], &[]),
            vec![Segment {
                start: 0,
                end: 0,
                marks: vec![],
                mention: false
            }]
        );
    }

    fn mark(start: usize, end: usize, weight: f32) -> Mark<'static> {
        let tip = format!(
            "Phrase (S003) · weight {}",
            newsgauge_engine::fixed::signed(weight, 2)
        );
        Mark {
            start,
            end,
            tip: Box::leak(tip.into_boxed_str()),
            weight,
        }
    }

    #[test]
    fn markup_escapes_every_piece_of_text_and_attribute() {
        let t = r#"<script>x("a&b")</script> 'it' fell"#;
        let html = markup(t, &[mark(t.len() - 4, t.len(), -0.5)], &[(0, 8)]);
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.starts_with(
                r#"<span class="mention" data-testid="mention">&lt;script&gt;</span>"#
            ),
            "{html}"
        );
        assert!(
            html.contains("x(&quot;a&amp;b&quot;)&lt;/script&gt; &#39;it&#39; "),
            "{html}"
        );
        assert!(html.ends_with(r#"">fell</mark>"#), "{html}");
        // Outside the tags, no raw markup character of the text survives.
        let outside: String = html
            .split(['<', '>'])
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, p)| p)
            .collect();
        assert!(
            !outside.contains('"') && !outside.contains('\''),
            "{outside}"
        );
    }

    #[test]
    fn markup_keeps_carriage_returns_and_replaces_nul() {
        let mut out = String::new();
        escape_into(&mut out, "a\r\nb\0c\u{7}");
        assert_eq!(out, "a&#13;\nb\u{FFFD}c\u{7}");
    }

    #[test]
    fn markup_marks_runs_with_colour_and_one_description_that_is_also_the_tooltip() {
        let t = "Acme missed estimates badly";
        let html = markup(t, &[mark(5, 21, -1.0), mark(5, 11, -0.2)], &[]);
        assert_eq!(
            html,
            concat!(
                "Acme ",
                r#"<mark class="hl negative w4" tabindex="0" aria-description="Phrase (S003) · weight -1.00; Phrase (S003) · weight -0.20">missed</mark>"#,
                r#"<mark class="hl negative w4" tabindex="0" aria-description="Phrase (S003) · weight -1.00"> estimates</mark>"#,
                " badly"
            )
        );
    }

    #[test]
    fn intensity_grows_with_relative_weight() {
        assert_eq!(intensity(0.1, 1.0), 1);
        assert_eq!(intensity(-0.5, 1.0), 2);
        assert_eq!(intensity(0.7, 1.0), 3);
        assert_eq!(intensity(-1.0, 1.0), 4);
        assert_eq!(intensity(0.3, 0.0), 1);
    }
}
