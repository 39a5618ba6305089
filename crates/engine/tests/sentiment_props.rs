//! Property tests: any input gives in-range scores, explanation and sentence offsets on
//! char boundaries inside the text, and no panic.

use newsgauge_engine::sentiment::{score, score_span};
use newsgauge_engine::{Doc, Field};
use proptest::prelude::*;

fn check(title: &str, body: &str) {
    let doc = Doc::new(title, body);
    let out = score(&doc);
    assert!(
        (-1.0..=1.0).contains(&out.overall.score),
        "score {}",
        out.overall.score
    );
    assert!(
        (0.0..=1.0).contains(&out.overall.confidence),
        "confidence {}",
        out.overall.confidence
    );
    for s in &out.sentences {
        let text = doc.field_text(s.field);
        assert!((-1.0..=1.0).contains(&s.score));
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    for e in &out.explanations {
        let text = doc.field_text(e.field);
        assert!(e.start < e.end && e.end <= text.len(), "{e:?}");
        assert!(
            text.is_char_boundary(e.start) && text.is_char_boundary(e.end),
            "{e:?}"
        );
        assert!(e.weight.is_finite());
        assert!(
            newsgauge_engine::rules::lookup(&e.rule).is_some(),
            "unknown rule {}",
            e.rule
        );
    }
}

/// Text made of pieces that stress the tokenizer and segmenter.
fn tricky() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Shares rose 3.5% after Acme Inc. beat estimates. ".to_owned()),
        Just("Dr. Smith said the U.S. unit did not miss, but may cut guidance! ".to_owned()),
        Just("<div class=\"x\"><p>Request a Demo</p></div><script>alert(1)</script>".to_owned()),
        Just("שוק המניות ירד בחדות اليوم انخفضت الأسهم ".to_owned()),
        Just("🚀🚀 $TSLA 📉 to the moon!!! ".to_owned()),
        Just("\u{0}\u{1}\u{7}\u{1b}[31m\r\n\t\u{200b}\u{feff}\u{202e}".to_owned()),
        Just(
            "EUR 5.1 mn compared to EUR 3.2 mn from 2009 to 2010, down from 1,234.5bn. ".to_owned()
        ),
        Just("n't not never no ... ??? !!! --- ' \" “ ” ’ ".to_owned()),
        "\\PC{0,40}",
        ".{0,40}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_text_scores_in_range_with_valid_offsets(title in tricky(), body in tricky()) {
        check(&title, &body);
    }

    #[test]
    fn arbitrary_unicode_never_panics(body in any::<String>()) {
        check("", &body);
    }

    #[test]
    fn score_span_accepts_any_offsets(body in tricky(), a in 0usize..2000, b in 0usize..2000) {
        let doc = Doc::new("", &body);
        let (s, why) = score_span(&doc, Field::Body, a.min(b), a.max(b));
        prop_assert!((-1.0..=1.0).contains(&s));
        for e in why {
            prop_assert!(body.is_char_boundary(e.start) && body.is_char_boundary(e.end) && e.end <= body.len());
        }
    }
}

#[test]
fn empty_input_is_neutral() {
    let out = score(&Doc::new("", ""));
    assert_eq!(out.overall.label, "neutral");
    assert!(out.sentences.is_empty() && out.explanations.is_empty());
}

#[test]
fn one_megabyte_inputs_do_not_panic() {
    let unit =
        "Acme Corp. shares plunged 12% after it missed estimates; analysts may cut targets. 🚀 ";
    let big: String = unit.repeat(1_000_000 / unit.len() + 1);
    check("Acme plunges", &big);
    // One megabyte without any sentence break or space.
    let blob = "ab€".repeat(1_000_000 / 5);
    check("", &blob);
    // One megabyte of numbers and direction words in a single clause.
    let clause = "sales up 5 from 3 costs down loss 2 to 1 ".repeat(1_000_000 / 41);
    check("", &clause);
}
