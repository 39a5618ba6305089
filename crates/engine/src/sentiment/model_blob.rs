//! The sentiment model file's embedded form: its bucket codes entropy-coded with a static
//! rANS coder (range asymmetric numeral systems), the rest kept verbatim.
//!
//! One file, two users, as `tickers/master_blob.rs`: the engine's `build.rs` includes it
//! (`#[path]`) to code `model/sentiment.bin` at compile time and checks that it decodes back
//! to the same bytes; the engine decodes it once, on first use. Plain std Rust, no `crate::`
//! paths.
//!
//! Why: a bucket's code is drawn from a skewed distribution (43% of the 65,536 buckets are
//! code 0) with no order to exploit (features are hashed), so its order-0 entropy, 3.19
//! bits a bucket (26.1 KB), is the floor; gzip, which the site is served with, reaches
//! 32.0 KB on the raw codes. Coded to within 0.1% of that floor, the codes are
//! incompressible and gzip passes them through.
//!
//! Why not a crate: the decoder the browser runs is the loop in [`decode`]; the maintained
//! Rust entropy-coding library (`constriction`) is a general toolkit of coders and models,
//! and its size in the wasm was not worth measuring for 20 lines. The coder follows Fabian
//! Giesen's public-domain `rans_byte.h`: 32-bit state, byte-wise renormalisation.
//!
//! # Format (version [`VERSION`])
//!
//! `MAGIC`, `VERSION`, then LEB128 numbers (`blob_io.rs`, as in the securities blob): the verbatim prefix's length and its bytes, the
//! coded symbol count, [`SYMBOLS`] frequencies (summing to [`SCALE`]; 0 for an unused
//! symbol), the coded stream's length and its bytes (the first four are the coder's final
//! state, little endian).

/// The blob's first bytes.
pub const MAGIC: &[u8; 4] = b"NGRC";
/// The format's version: a reader refuses any other.
pub const VERSION: u8 = 1;
/// Bytes of a model file (format 2, `sentiment/model.rs`) before its bucket codes: magic,
/// version, buckets, classes, two biases, two steps, 256 code pairs. `build.rs` keeps them
/// verbatim and codes the rest.
pub const MODEL_HEADER: usize = 4 + 4 * 3 + 4 * 2 * 2 + 256 * 2;
/// Distinct symbols: every byte value.
pub const SYMBOLS: usize = 256;
/// Probabilities are in units of 2^-SCALE_BITS: 16 bits leaves the model within 0.01% of
/// its exact frequencies (12 bits would cost 0.14 KB more).
const SCALE_BITS: u32 = 16;
/// The frequencies' sum.
pub const SCALE: u32 = 1 << SCALE_BITS;
/// Most symbols a blob may code: far above any model (65,536 buckets), it bounds what a
/// damaged blob can make the reader allocate.
const MAX_DATA: usize = 1 << 24;
/// Lower bound of the normalised state: the state stays in `[LOW, LOW << 8)`, so one
/// byte moves in or out at a time and `freq * (x >> SCALE_BITS)` fits in 32 bits.
const LOW: u32 = 1 << 23;

// Both blob files include it: build.rs builds each without the engine around it.
#[allow(clippy::duplicate_mod)]
#[path = "../blob_io.rs"]
mod blob_io;
use blob_io::{put_varint, Cursor};

/// Why a blob could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobError(pub &'static str);

impl From<&'static str> for BlobError {
    /// A [`Cursor`] error.
    fn from(why: &'static str) -> Self {
        BlobError(why)
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 bytes")
}

/// Frequencies in units of 2^-SCALE_BITS for the symbol counts of `data`: each used symbol
/// at least 1, the rounding left over given to the most frequent (deterministic: ties go to
/// the lowest symbol).
fn frequencies(data: &[u8]) -> [u32; SYMBOLS] {
    let mut counts = [0u64; SYMBOLS];
    for &b in data {
        counts[b as usize] += 1;
    }
    let n = data.len().max(1) as u64;
    let mut freq = [0u32; SYMBOLS];
    for (f, &c) in freq.iter_mut().zip(&counts) {
        if c > 0 {
            *f = ((c * u64::from(SCALE) / n) as u32).max(1);
        }
    }
    let top = (0..SYMBOLS)
        .max_by_key(|&s| (freq[s], std::cmp::Reverse(s)))
        .expect("256 symbols");
    let sum: u32 = freq.iter().sum();
    // At most 256 symbols are raised to 1, so the top one (at least SCALE / 256) absorbs it.
    freq[top] = freq[top] + SCALE - sum;
    freq
}

/// Code `data` after a verbatim `prefix`.
pub fn encode(prefix: &[u8], data: &[u8]) -> Vec<u8> {
    let freq = frequencies(data);
    let mut cum = [0u32; SYMBOLS];
    let mut acc = 0;
    for s in 0..SYMBOLS {
        cum[s] = acc;
        acc += freq[s];
    }
    // rANS is last in, first out: code backwards, so the reader decodes forwards.
    let mut stream = Vec::new(); // written back to front, reversed below
    let mut x = LOW;
    for &b in data.iter().rev() {
        let (f, c) = (freq[b as usize], cum[b as usize]);
        let x_max = ((LOW >> SCALE_BITS) << 8) * f;
        while x >= x_max {
            stream.push(x as u8);
            x >>= 8;
        }
        x = ((x / f) << SCALE_BITS) + (x % f) + c;
    }
    stream.extend(x.to_be_bytes());
    stream.reverse();

    let mut out = MAGIC.to_vec();
    out.push(VERSION);
    put_varint(&mut out, count(prefix.len()));
    out.extend_from_slice(prefix);
    put_varint(&mut out, count(data.len()));
    for &f in &freq {
        put_varint(&mut out, f);
    }
    put_varint(&mut out, count(stream.len()));
    out.extend(stream);
    out
}

/// The prefix followed by the decoded data: the bytes [`encode`] was given, back to back.
pub fn decode(blob: &[u8]) -> Result<Vec<u8>, BlobError> {
    let rest = blob
        .strip_prefix(MAGIC)
        .ok_or(BlobError("not a coded model"))?;
    let mut r = Cursor::new(rest);
    if r.byte().map_err(|_| BlobError("not a coded model"))? != VERSION {
        return Err(BlobError("unsupported coded model version"));
    }
    let prefix_len = r.varint()? as usize;
    let prefix = r.take(prefix_len)?;
    let n = r.varint()? as usize;
    let mut freq = [0u32; SYMBOLS];
    for f in &mut freq {
        *f = r.varint()?;
    }
    if freq.iter().map(|&f| u64::from(f)).sum::<u64>() != u64::from(SCALE) {
        return Err(BlobError("frequencies do not sum to the scale"));
    }
    let stream_len = r.varint()? as usize;
    let stream = r.take(stream_len)?;
    r.done()?;
    if stream.len() < 4 {
        return Err(BlobError("stream too short"));
    }
    if n > MAX_DATA {
        return Err(BlobError("more symbols than a model has"));
    }
    // Each probability slot's symbol, in a fixed-size table (indexed by a masked state, so
    // with no bounds check), and each symbol's frequency and first slot.
    let mut slot_symbol: Box<[u8; SCALE as usize]> = vec![0u8; SCALE as usize]
        .into_boxed_slice()
        .try_into()
        .expect("SCALE bytes");
    let mut spans = [(0u32, 0u32); SYMBOLS];
    let mut acc = 0usize;
    for (s, span) in spans.iter_mut().enumerate() {
        let f = freq[s] as usize;
        *span = (f as u32, acc as u32);
        slot_symbol[acc..acc + f].fill(s as u8);
        acc += f;
    }

    let mut out = vec![0u8; prefix.len() + n];
    out[..prefix.len()].copy_from_slice(prefix);
    let mut x = u32::from_le_bytes([stream[0], stream[1], stream[2], stream[3]]);
    if !(LOW..LOW << 8).contains(&x) {
        return Err(BlobError("coder state out of range"));
    }
    let mut bytes = stream[4..].iter();
    for o in &mut out[prefix.len()..] {
        let slot = x & (SCALE - 1);
        let s = slot_symbol[slot as usize];
        *o = s;
        let (f, first) = spans[usize::from(s)];
        x = f * (x >> SCALE_BITS) + slot - first;
        while x < LOW {
            let &byte = bytes.next().ok_or(BlobError("stream ends early"))?;
            x = (x << 8) | u32::from(byte);
        }
    }
    if bytes.len() != 0 || x != LOW {
        return Err(BlobError("stream does not end where its symbols do"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn skewed_codes_round_trip_near_their_entropy() {
        // 43% zeros and a long tail, like the model's bucket codes.
        let mut state = 12345u32;
        let data: Vec<u8> = (0..65_536)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let r = (state >> 8) % 1000;
                match r {
                    0..=429 => 0,
                    430..=899 => 1 + (r % 9) as u8,
                    _ => 10 + (r % 117) as u8,
                }
            })
            .collect();
        let blob = encode(b"head", &data);
        let back = decode(&blob).unwrap();
        assert_eq!(&back[..4], b"head");
        assert_eq!(&back[4..], &data[..]);
        let mut counts = [0f64; SYMBOLS];
        for &b in &data {
            counts[b as usize] += 1.0;
        }
        let n = data.len() as f64;
        let entropy_bytes: f64 = counts
            .iter()
            .filter(|&&c| c > 0.0)
            .map(|&c| -c * (c / n).log2() / 8.0)
            .sum();
        // The frequency table (256 LEB128 numbers) and the state are the overhead.
        assert!(
            (blob.len() as f64) < entropy_bytes * 1.002 + 600.0,
            "{} bytes against an entropy of {entropy_bytes:.0}",
            blob.len()
        );
    }

    #[test]
    fn empty_and_one_symbol_inputs_round_trip() {
        for data in [&[][..], &[7][..], &[255; 1000][..]] {
            let blob = encode(&[], data);
            assert_eq!(decode(&blob).unwrap(), data);
        }
    }

    #[test]
    fn damaged_blobs_are_refused() {
        let blob = encode(b"x", b"some bytes to code, some bytes to code");
        assert!(decode(&blob).is_ok());
        let mut wrong_magic = blob.clone();
        wrong_magic[0] = b'X';
        assert_eq!(decode(&wrong_magic), Err(BlobError("not a coded model")));
        let mut wrong_version = blob.clone();
        wrong_version[4] = VERSION + 1;
        assert_eq!(
            decode(&wrong_version),
            Err(BlobError("unsupported coded model version"))
        );
        for cut in 0..blob.len() {
            assert!(decode(&blob[..cut]).is_err(), "truncated at {cut}");
        }
        let mut longer = blob.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
    }

    proptest! {
        #[test]
        fn any_bytes_round_trip(prefix in proptest::collection::vec(any::<u8>(), 0..40),
                                data in proptest::collection::vec(any::<u8>(), 0..3000)) {
            let blob = encode(&prefix, &data);
            let back = decode(&blob).unwrap();
            prop_assert_eq!(&back[..prefix.len()], &prefix[..]);
            prop_assert_eq!(&back[prefix.len()..], &data[..]);
        }

        #[test]
        fn flipped_bytes_never_panic(data in proptest::collection::vec(0u8..8, 1..500),
                                     at in any::<prop::sample::Index>(), bit in 0u8..8) {
            let mut blob = encode(b"", &data);
            let i = at.index(blob.len());
            blob[i] ^= 1 << bit;
            // Refused or decoded; a bit flip in the stream may decode to other data.
            let _ = decode(&blob);
        }
    }
}
