//! Share links: the pasted title and text, deflated and base64url-encoded into the URL
//! fragment (`/analyze#s=…`), so the text never reaches a server.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// Fragment key of a shared text: `#s=<payload>`.
pub const FRAGMENT_KEY: &str = "s=";
/// Largest text a link may carry once decompressed: a guard against decompression bombs.
pub const MAX_SHARED_BYTES: usize = 4_000_000;
/// Longest link we hand out: browsers and chat apps cut longer URLs.
pub const MAX_LINK_CHARS: usize = 1_500_000;
/// Deflate level: the best ratio; texts are small so speed does not matter.
const LEVEL: u8 = 9;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Payload {
    #[serde(default)]
    t: String,
    #[serde(default)]
    b: String,
}

/// The fragment payload (without `#s=`) for a title and body.
pub fn encode(title: &str, body: &str) -> String {
    let json = serde_json::to_vec(&Payload {
        t: title.to_owned(),
        b: body.to_owned(),
    })
    .unwrap_or_default();
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&json, LEVEL))
}

/// Title and body from a fragment payload; a readable message when it is damaged.
pub fn decode(payload: &str) -> Result<(String, String), String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim().trim_end_matches('='))
        .map_err(|_| "The shared link is damaged (not valid base64).".to_owned())?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_SHARED_BYTES)
        .map_err(|_| "The shared link is damaged or too large to open.".to_owned())?;
    let p: Payload = serde_json::from_slice(&json)
        .map_err(|_| "The shared link is damaged (unexpected content).".to_owned())?;
    Ok((p.t, p.b))
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
    use super::*;

    #[test]
    fn text_round_trips_through_a_link() {
        let title = "Émetteur «Acme» 📉";
        let body =
            "Shares fell 4% after the lawsuit.\n\nאבג — RTL and emoji 😀 survive.".repeat(20);
        let p = encode(title, &body);
        assert!(p
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(decode(&p).unwrap(), (title.to_owned(), body));
    }

    #[test]
    fn repetitive_text_compresses_well() {
        let body = "The company reported record revenue. ".repeat(500);
        assert!(encode("", &body).len() < body.len() / 10);
    }

    #[test]
    fn damaged_links_give_messages_not_panics() {
        assert!(decode("!!!").is_err());
        assert!(decode("AAAA").is_err());
        let p = encode("a", "b");
        assert!(decode(&p[..p.len() - 3]).is_err());
    }

    #[test]
    fn decompression_bombs_are_refused() {
        let big = vec![b' '; MAX_SHARED_BYTES + 10];
        let bomb = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&big, 9));
        assert!(decode(&bomb).is_err());
    }

    #[test]
    fn payload_is_found_in_the_hash() {
        assert_eq!(payload_of_hash("#s=abc"), Some("abc"));
        assert_eq!(payload_of_hash("#x=1&s=abc"), Some("abc"));
        assert_eq!(payload_of_hash("#nothing"), None);
        assert_eq!(payload_of_hash(""), None);
    }
}
