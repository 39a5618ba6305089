//! The learned linear model: hashed-feature multinomial logistic regression, trained by
//! `./train/train.sh` and embedded with `include_bytes!`.
//!
//! File format (little endian), version 2:
//! `b"NGSM"`, `u32 version` (2), `u32 buckets`, `u32 classes` (3: negative, neutral,
//! positive), `f32 bias[2]` (negative, positive), `f32 step[2]` (negative, positive),
//! `i8 pairs[256][2]` (the code table, in steps), `u8 codes[buckets]`.
//!
//! The neutral class is folded into the other two: softmax is unchanged when one logit is
//! subtracted from all three, so the file stores negative − neutral and positive − neutral
//! (neutral's weights and bias are 0). Each bucket's (negative, positive) weight pair lies on
//! a per-class grid; the distinct pairs (a few hundred at most) form the code table, and a
//! bucket stores one byte, its pair's code: bucket b's weight for class k (0 negative,
//! 1 positive) is `pairs[codes[b]][k] as f32 * step[k]`.

use std::sync::OnceLock;

use super::features::{Feature, Scratch, Source};

/// Magic bytes at the start of a model file.
pub const MAGIC: &[u8; 4] = b"NGSM";
/// Format version this reader understands (1 was int8 weights for all three classes).
pub const VERSION: u32 = 2;
/// Classes in the model's output order.
pub const CLASSES: usize = 3;
/// Class indices.
pub const NEG: usize = 0;
pub const NEU: usize = 1;
pub const POS: usize = 2;
/// Entries in the code table: every byte value is a code, so no code needs checking.
pub const CODES: usize = 256;
/// Bytes before the bucket codes: magic, version, buckets, classes, bias[2], step[2], pairs
/// (defined beside the coder, which `build.rs` tells to keep them verbatim).
const HEADER: usize = blob::MODEL_HEADER;
const _: () = assert!(HEADER == 4 + 4 * 3 + 4 * 2 * 2 + CODES * 2);

/// A loaded model: the decoded code table, borrowing the bucket codes from the file.
#[derive(Debug, Clone)]
pub struct Model<'a> {
    pub buckets: u32,
    /// Negative and positive bias, relative to neutral's 0.
    bias: [f32; 2],
    /// (negative, positive) weight of each code, relative to neutral's 0.
    table: [[f32; 2]; CODES],
    /// One code per bucket.
    codes: &'a [u8],
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub &'static str);

impl<'a> Model<'a> {
    /// Parse a model file.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self, ModelError> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err(ModelError("not a model file"));
        }
        let u32_at =
            |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let f32_at = |i: usize| f32::from_bits(u32_at(i));
        if u32_at(4) != VERSION {
            return Err(ModelError("unsupported model version"));
        }
        let buckets = u32_at(8);
        if u32_at(12) as usize != CLASSES || buckets == 0 {
            return Err(ModelError("bad class or bucket count"));
        }
        let bias = [f32_at(16), f32_at(20)];
        let step = [f32_at(24), f32_at(28)];
        if !bias.iter().chain(&step).all(|x| x.is_finite()) {
            return Err(ModelError("bias or step is not finite"));
        }
        let mut table = [[0.0; 2]; CODES];
        for (code, pair) in bytes[32..HEADER].chunks_exact(2).enumerate() {
            table[code] = [
                pair[0] as i8 as f32 * step[0],
                pair[1] as i8 as f32 * step[1],
            ];
        }
        let codes = &bytes[HEADER..];
        if codes.len() != buckets as usize {
            return Err(ModelError("code table has the wrong size"));
        }
        Ok(Model {
            buckets,
            bias,
            table,
            codes,
        })
    }

    /// (negative, positive) weight of one bucket, relative to neutral's 0.
    #[inline]
    fn pair(&self, index: u32) -> [f32; 2] {
        self.table[self.codes[index as usize] as usize]
    }

    /// Per-class weight of one bucket (neutral is the reference class: always 0).
    #[inline]
    pub fn weight(&self, index: u32, class: usize) -> f32 {
        match class {
            NEG => self.pair(index)[0],
            POS => self.pair(index)[1],
            _ => 0.0,
        }
    }

    /// Contribution of one feature to the positive-minus-negative log-odds.
    #[inline]
    pub fn polarity(&self, f: &Feature) -> f32 {
        let [neg, pos] = self.pair(f.index);
        f.value * (pos - neg)
    }

    /// Class probabilities (negative, neutral, positive) of a feature vector.
    pub fn probabilities(&self, feats: &[Feature]) -> [f32; CLASSES] {
        let [mut neg, mut pos] = self.bias;
        for f in feats {
            let [wn, wp] = self.pair(f.index);
            neg += f.value * wn;
            pos += f.value * wp;
        }
        softmax([neg, 0.0, pos])
    }

    /// [`Model::probabilities`] of every feature of an extraction
    /// ([`Scratch::all_features`]): the same sums in the same order, reading each char
    /// n-gram as one bucket of its word. Each feature's [`Model::polarity`] also goes to
    /// `each(source, start, end, polarity)`, in feature order, except that a word's char
    /// n-grams go as one, their polarities summed in order: one read of each bucket for both
    /// the score and its explanation.
    #[inline]
    pub fn probabilities_with(
        &self,
        s: &Scratch,
        mut each: impl FnMut(Source, usize, usize, f32),
    ) -> [f32; CLASSES] {
        let [mut neg, mut pos] = self.bias;
        // One bucket into both sums; its polarity back.
        let mut read = |index: u32, value: f32| {
            let [wn, wp] = self.pair(index);
            neg += value * wn;
            pos += value * wp;
            value * (wp - wn)
        };
        for f in s.word_group() {
            each(f.source, f.start, f.end, read(f.index, f.value));
        }
        for (w, grams) in s.char_group() {
            let mut polarity = 0.0;
            for &index in grams {
                polarity += read(index, w.value);
            }
            each(Source::Char, w.start, w.end, polarity);
        }
        for f in s.rule_group() {
            each(f.source, f.start, f.end, read(f.index, f.value));
        }
        softmax([neg, 0.0, pos])
    }
}

fn softmax(l: [f32; CLASSES]) -> [f32; CLASSES] {
    let m = l.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e = l.map(|x| (x - m).exp());
    let z: f32 = e.iter().sum();
    e.map(|x| x / z)
}

// The coder runs in build.rs (and in the tests); the engine only decodes.
#[cfg_attr(not(test), allow(dead_code))]
#[path = "model_blob.rs"]
mod blob;

/// The shipped model file (`model/sentiment.bin`) as `build.rs` embeds it: its bucket codes
/// entropy-coded (`model_blob.rs`), 26 KB where gzip makes 32 KB of the plain file.
static CODED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sentiment.rans"));

/// The shipped model file, decoded once: the bytes of `model/sentiment.bin`.
pub fn shipped_file() -> &'static [u8] {
    static FILE: OnceLock<Vec<u8>> = OnceLock::new();
    FILE.get_or_init(|| blob::decode(CODED).expect("embedded sentiment model decodes"))
}

/// The shipped model, parsed once.
pub fn shipped() -> &'static Model<'static> {
    static MODEL: OnceLock<Model<'static>> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(shipped_file()).expect("embedded sentiment model is valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentiment::features::Source;

    /// The shipped model's share of issue 8's first-load budget (500 KB gzip), in deflate
    /// bytes of its embedded (coded) form: 26.3 KB measured at 65,536 buckets on an 11-step
    /// grid, with room for a retrain's noise.
    const SHIPPED_DEFLATE_BUDGET: usize = 30_000;

    fn feature(index: u32, value: f32) -> Feature {
        Feature {
            index,
            value,
            start: 0,
            end: 0,
            source: Source::Word,
        }
    }

    /// A model file in the current format from its parts.
    fn file(
        buckets: u32,
        bias: [f32; 2],
        step: [f32; 2],
        pairs: &[[i8; 2]],
        codes: &[u8],
    ) -> Vec<u8> {
        let mut b = MAGIC.to_vec();
        for v in [VERSION, buckets, CLASSES as u32] {
            b.extend(v.to_le_bytes());
        }
        for v in bias.iter().chain(&step) {
            b.extend(v.to_le_bytes());
        }
        let mut table = [[0i8; 2]; CODES];
        table[..pairs.len()].copy_from_slice(pairs);
        b.extend(table.iter().flatten().map(|&x| x as u8));
        b.extend(codes);
        b
    }

    #[test]
    fn shipped_model_parses_and_fits_the_gzip_budget() {
        let m = shipped();
        assert_eq!(shipped_file().len(), HEADER + m.buckets as usize);
        let deflated = miniz_oxide::deflate::compress_to_vec(CODED, 9).len();
        assert!(
            deflated <= SHIPPED_DEFLATE_BUDGET,
            "model deflates to {deflated} bytes"
        );
    }

    #[test]
    fn embedded_model_is_the_trained_file() {
        assert_eq!(
            shipped_file(),
            include_bytes!("../../model/sentiment.bin").as_slice()
        );
    }

    #[test]
    fn coding_beats_gzip_on_the_bucket_codes() {
        // The reason the model is coded: gzip of the coded form against gzip of the plain
        // file, which is what the site served before.
        let plain = miniz_oxide::deflate::compress_to_vec(shipped_file(), 9).len();
        let coded = miniz_oxide::deflate::compress_to_vec(CODED, 9).len();
        assert!(coded * 100 < plain * 90, "coded {coded} vs plain {plain}");
    }

    #[test]
    fn folded_neutral_gives_the_three_class_softmax() {
        // Codes 1 and 2 are (2, -4) and (-3, 8) steps; bucket 2 has no weight (code 0).
        let bytes = file(
            3,
            [0.5, -0.25],
            [0.5, 0.25],
            &[[0, 0], [2, -4], [-3, 8]],
            &[1, 2, 0],
        );
        let m = Model::from_bytes(&bytes).unwrap();
        let feats = [feature(0, 1.0), feature(1, 0.5), feature(2, 3.0)];
        // Logits relative to neutral's 0: negative 0.5 + 1·1.0 + 0.5·(−1.5), positive −0.25 − 1·1.0 + 0.5·2.0.
        let (neg, pos) = (0.75f64, -0.25f64);
        let z = neg.exp() + 1.0 + pos.exp();
        let want = [neg.exp() / z, 1.0 / z, pos.exp() / z];
        let got = m.probabilities(&feats);
        for k in 0..CLASSES {
            assert!(
                (got[k] as f64 - want[k]).abs() < 1e-6,
                "{got:?} vs {want:?}"
            );
        }
        assert_eq!(m.weight(1, NEG), -1.5);
        assert_eq!(m.weight(1, POS), 2.0);
        assert_eq!(m.weight(1, NEU), 0.0);
        // Polarity: value × (positive − negative) weight, here 0.5 × (2.0 − (−1.5)).
        assert_eq!(m.polarity(&feature(1, 0.5)), 1.75);
        assert_eq!(m.polarity(&feature(2, 3.0)), 0.0);
    }

    #[test]
    fn compact_char_group_sums_as_one_feature_per_ngram() {
        // The scorer reads each char n-gram as a bucket of its word; summed over the
        // materialised features instead, the probabilities are the same to the bit.
        let m = shipped();
        let mut s = crate::sentiment::features::Scratch::default();
        for text in [
            "Shares of Acme plunged 12% after the company cut its guidance, but analysts stayed upbeat.",
            "Überraschung: Äpfel Corp didn’t miss estimates",
            "ok",
        ] {
            crate::sentiment::features::extract(text, 0, m.buckets, &mut s);
            let flat: Vec<Feature> = s.all_features().collect();
            assert!(flat.iter().any(|f| f.source == Source::Char) || text == "ok");
            assert_eq!(
                m.probabilities_with(&s, |_, _, _, _| {}).map(f32::to_bits),
                m.probabilities(&flat).map(f32::to_bits),
                "{text}"
            );
        }
    }

    #[test]
    fn older_format_versions_are_rejected() {
        let mut b = shipped_file().to_vec();
        b[4..8].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(
            Model::from_bytes(&b).unwrap_err(),
            ModelError("unsupported model version")
        );
    }

    #[test]
    fn corrupt_files_are_rejected() {
        assert!(Model::from_bytes(b"nope").is_err());
        let good = file(2, [0.0; 2], [1.0; 2], &[[0, 0], [1, -1]], &[0, 1]);
        assert!(Model::from_bytes(&good).is_ok());
        let bad = |edit: &dyn Fn(&mut Vec<u8>)| {
            let mut b = good.clone();
            edit(&mut b);
            Model::from_bytes(&b).is_err()
        };
        assert!(bad(&|b| b[0] = b'X'), "bad magic");
        assert!(bad(&|b| b.truncate(HEADER - 1)), "truncated header");
        assert!(bad(&|b| b.truncate(b.len() - 1)), "missing code");
        assert!(bad(&|b| b.push(0)), "extra code");
        assert!(
            bad(&|b| b[8..12].copy_from_slice(&0u32.to_le_bytes())),
            "no buckets"
        );
        assert!(
            bad(&|b| b[12..16].copy_from_slice(&2u32.to_le_bytes())),
            "two classes"
        );
        assert!(
            bad(&|b| b[24..28].copy_from_slice(&f32::NAN.to_le_bytes())),
            "NaN step"
        );
        assert!(
            bad(&|b| b[16..20].copy_from_slice(&f32::INFINITY.to_le_bytes())),
            "infinite bias"
        );
    }
}
