//! The learned linear model: hashed-feature multinomial logistic regression with int8
//! weights, trained by `./train/train.sh` and embedded with `include_bytes!`.
//!
//! File format (little endian):
//! `b"NGSM"`, u32 version (1), u32 buckets, u32 classes (3: negative, neutral, positive),
//! f32 scale[classes], f32 bias[classes], i8 weights[buckets * classes] (bucket-major).
//! A weight's value is `weights[b * classes + k] as f32 * scale[k]`.

use std::sync::OnceLock;

use super::features::Feature;

/// Magic bytes at the start of a model file.
pub const MAGIC: &[u8; 4] = b"NGSM";
/// Classes in file order.
pub const CLASSES: usize = 3;
/// Class indices.
pub const NEG: usize = 0;
pub const NEU: usize = 1;
pub const POS: usize = 2;

/// A loaded model, borrowing its weights from the embedded bytes.
#[derive(Debug, Clone)]
pub struct Model<'a> {
    pub buckets: u32,
    pub scale: [f32; CLASSES],
    pub bias: [f32; CLASSES],
    /// Raw int8 weights (stored as bytes; read with `as i8`).
    pub weights: &'a [u8],
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub &'static str);

impl<'a> Model<'a> {
    /// Parse a model file.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self, ModelError> {
        let header = 4 + 4 * 3 + 4 * CLASSES * 2;
        if bytes.len() < header || &bytes[..4] != MAGIC {
            return Err(ModelError("not a model file"));
        }
        let u32_at =
            |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let f32_at = |i: usize| f32::from_bits(u32_at(i));
        if u32_at(4) != 1 {
            return Err(ModelError("unsupported model version"));
        }
        let buckets = u32_at(8);
        if u32_at(12) as usize != CLASSES || buckets == 0 {
            return Err(ModelError("bad class or bucket count"));
        }
        let mut scale = [0.0; CLASSES];
        let mut bias = [0.0; CLASSES];
        for k in 0..CLASSES {
            scale[k] = f32_at(16 + 4 * k);
            bias[k] = f32_at(16 + 4 * CLASSES + 4 * k);
        }
        let body = &bytes[header..];
        if body.len() != buckets as usize * CLASSES {
            return Err(ModelError("weight table has the wrong size"));
        }
        Ok(Model {
            buckets,
            scale,
            bias,
            weights: body,
        })
    }

    /// Per-class weight of one bucket.
    #[inline]
    pub fn weight(&self, index: u32, class: usize) -> f32 {
        self.weights[index as usize * CLASSES + class] as i8 as f32 * self.scale[class]
    }

    /// Contribution of one feature to the positive-minus-negative log-odds.
    #[inline]
    pub fn polarity(&self, f: &Feature) -> f32 {
        f.value * (self.weight(f.index, POS) - self.weight(f.index, NEG))
    }

    /// Class probabilities (negative, neutral, positive) of a feature vector.
    pub fn probabilities(&self, feats: &[Feature]) -> [f32; CLASSES] {
        let mut logit = self.bias;
        for f in feats {
            let row =
                &self.weights[f.index as usize * CLASSES..f.index as usize * CLASSES + CLASSES];
            for k in 0..CLASSES {
                logit[k] += f.value * row[k] as i8 as f32 * self.scale[k];
            }
        }
        softmax(logit)
    }
}

fn softmax(l: [f32; CLASSES]) -> [f32; CLASSES] {
    let m = l.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e = l.map(|x| (x - m).exp());
    let z: f32 = e.iter().sum();
    e.map(|x| x / z)
}

/// The shipped model file.
pub static SHIPPED: &[u8] = include_bytes!("../../model/sentiment.bin");

/// The shipped model, parsed once.
pub fn shipped() -> &'static Model<'static> {
    static MODEL: OnceLock<Model<'static>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(SHIPPED).expect("embedded sentiment model is valid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_parses_and_fits_the_size_budget() {
        let m = shipped();
        assert!(
            SHIPPED.len() <= 1_000_000,
            "model is {} bytes",
            SHIPPED.len()
        );
        assert_eq!(m.weights.len(), m.buckets as usize * CLASSES);
    }

    #[test]
    fn corrupt_files_are_rejected() {
        assert!(Model::from_bytes(b"nope").is_err());
        let mut b = SHIPPED[..64].to_vec();
        assert!(Model::from_bytes(&b).is_err());
        b[0] = b'X';
        assert!(Model::from_bytes(&b).is_err());
    }
}
