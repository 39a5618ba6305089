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

    #[test]
    fn intensity_grows_with_relative_weight() {
        assert_eq!(intensity(0.1, 1.0), 1);
        assert_eq!(intensity(-0.5, 1.0), 2);
        assert_eq!(intensity(0.7, 1.0), 3);
        assert_eq!(intensity(-1.0, 1.0), 4);
        assert_eq!(intensity(0.3, 0.0), 1);
    }
}
