//! Share links: the pasted title and text, deflated and base64url-encoded into the URL
//! fragment (`/analyze#s=…`), so the text never reaches a server.
//!
//! The browser deflates and inflates (`CompressionStream` and `DecompressionStream`, raw
//! deflate as RFC 1951 defines it, the format links have always used): a deflate
//! implementation compiled into the page's wasm cost 15 KB of its gzip size.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Fragment key of a shared text: `#s=<payload>`.
pub const FRAGMENT_KEY: &str = "s=";
/// Largest text a link may carry once decompressed: a guard against decompression bombs.
pub const MAX_SHARED_BYTES: usize = 4_000_000;
/// Longest link we hand out: browsers and chat apps cut longer URLs.
pub const MAX_LINK_CHARS: usize = 1_500_000;
/// The compression format's name for the browser's streams: raw deflate, no header.
const FORMAT: &str = "deflate-raw";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Payload {
    #[serde(default)]
    t: String,
    #[serde(default)]
    b: String,
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream` (web-sys has it only behind its unstable APIs). It
    /// is a readable and a writable side, which is what `pipeThrough` takes.
    type CompressionStream;
    #[wasm_bindgen(catch, constructor)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `DecompressionStream`, as [`CompressionStream`].
    type DecompressionStream;
    #[wasm_bindgen(catch, constructor)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// The title and body as the JSON a link carries.
fn pack(title: &str, body: &str) -> Vec<u8> {
    serde_json::to_vec(&Payload {
        t: title.to_owned(),
        b: body.to_owned(),
    })
    .unwrap_or_default()
}

/// Title and body from a link's JSON.
fn unpack(json: &[u8]) -> Result<(String, String), String> {
    let p: Payload = serde_json::from_slice(json)
        .map_err(|_| "The shared link is damaged (unexpected content).".to_owned())?;
    Ok((p.t, p.b))
}

/// Why a stream transform failed.
enum Failure {
    /// The input is not what the transform reads (a damaged deflate stream).
    Broken,
    /// The output passed the limit: the stream was cancelled there.
    TooLarge,
}

/// `bytes` through a transform stream (`CompressionStream` or `DecompressionStream`),
/// reading its output in chunks and cancelling it once more than `limit` bytes came out.
async fn transform(bytes: &[u8], stream: JsValue, limit: usize) -> Result<Vec<u8>, Failure> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let input = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| Failure::Broken)?;
    let output = input.stream().pipe_through(stream.unchecked_ref());
    let reader: web_sys::ReadableStreamDefaultReader = output.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let step = JsFuture::from(reader.read())
            .await
            .map_err(|_| Failure::Broken)?;
        let field = |name: &str| js_sys::Reflect::get(&step, &JsValue::from_str(name));
        if field("done").ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(out);
        }
        let chunk = js_sys::Uint8Array::new(&field("value").map_err(|_| Failure::Broken)?);
        let at = out.len();
        if at + chunk.length() as usize > limit {
            let _ = reader.cancel();
            return Err(Failure::TooLarge);
        }
        out.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut out[at..]);
    }
}

/// The fragment payload (without `#s=`) for a title and body.
pub async fn encode(title: &str, body: &str) -> Result<String, String> {
    let failed = || "The browser could not compress the text for a link.".to_owned();
    let stream = CompressionStream::new(FORMAT).map_err(|_| failed())?;
    let deflated = transform(&pack(title, body), stream.into(), usize::MAX)
        .await
        .map_err(|_| failed())?;
    Ok(URL_SAFE_NO_PAD.encode(deflated))
}

/// Title and body from a fragment payload; a readable message when it is damaged.
pub async fn decode(payload: &str) -> Result<(String, String), String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim().trim_end_matches('='))
        .map_err(|_| "The shared link is damaged (not valid base64).".to_owned())?;
    let stream = DecompressionStream::new(FORMAT).map_err(|_| {
        "This browser cannot open shared links (no DecompressionStream).".to_owned()
    })?;
    let json = transform(&bytes, stream.into(), MAX_SHARED_BYTES)
        .await
        .map_err(|f| match f {
            Failure::Broken => "The shared link is damaged (not a compressed text).".to_owned(),
            Failure::TooLarge => "The shared link is too large to open.".to_owned(),
        })?;
    unpack(&json)
}

/// The payload inside a location hash such as `#s=abc`, if any.
pub fn payload_of_hash(hash: &str) -> Option<&str> {
    hash.strip_prefix('#')
        .unwrap_or(hash)
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY))
}

#[cfg(test)]
mod tests {
    //! The compressing half runs in the browser: `tests/web.rs` round-trips links there.
    use super::*;

    #[test]
    fn the_json_of_a_link_round_trips_any_text() {
        let (title, body) = (
            "Émetteur «Acme» 📉",
            "אבג — RTL and emoji 😀 survive.\n\n\"quoted\"",
        );
        assert_eq!(
            unpack(&pack(title, body)).unwrap(),
            (title.to_owned(), body.to_owned())
        );
        // Missing fields are empty, not an error (older links may omit one).
        assert_eq!(
            unpack(br#"{"b":"x"}"#).unwrap(),
            (String::new(), "x".to_owned())
        );
        assert!(unpack(b"not json").is_err());
    }

    #[test]
    fn payload_is_found_in_the_hash() {
        assert_eq!(payload_of_hash("#s=abc"), Some("abc"));
        assert_eq!(payload_of_hash("#x=1&s=abc"), Some("abc"));
        assert_eq!(payload_of_hash("#nothing"), None);
        assert_eq!(payload_of_hash(""), None);
    }
}
