//! HTML from a feed reduced to plain text, without a browser: feeds are hostile, and
//! nothing they contain may reach a DOM.

/// Elements whose content is never text.
const SKIP_CONTENT: &[&str] = &[
    "script", "style", "template", "noscript", "head", "svg", "math", "iframe", "object",
];
/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "pre",
    "hr",
    "dd",
    "dt",
    "figure",
    "figcaption",
];

/// HTML (from a feed) to plain text: tags dropped, script/style content dropped, block
/// elements become paragraph breaks, entities decoded. Nothing is parsed by the browser, so
/// hostile markup never reaches a DOM (or the page's CSP).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        if skipping.is_none() {
            out.push_str(&rest[..lt]);
        }
        let tag_src = &rest[lt..];
        if let Some(body) = tag_src.strip_prefix("<!--") {
            rest = body.find("-->").map(|e| &body[e + 3..]).unwrap_or("");
            continue;
        }
        let Some(gt) = tag_src.find('>') else {
            // A lone "<": keep it as text.
            if skipping.is_none() {
                out.push_str(tag_src);
            }
            rest = "";
            break;
        };
        let inner = &tag_src[1..gt];
        rest = &tag_src[gt + 1..];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            if skipping.is_none() && !inner.starts_with('!') && !inner.starts_with('?') {
                // Not a tag ("a < b > c"): keep the text.
                out.push('<');
                out.push_str(inner);
                out.push('>');
            }
            continue;
        }
        match &skipping {
            Some(s) if closing && *s == name => skipping = None,
            Some(_) => {}
            None if !closing && SKIP_CONTENT.contains(&name.as_str()) && !inner.ends_with('/') => {
                skipping = Some(name)
            }
            None if BLOCKS.contains(&name.as_str()) => out.push_str("\n\n"),
            None => {}
        }
    }
    if skipping.is_none() {
        out.push_str(rest);
    }
    let decoded = html_escape::decode_html_entities(&out);
    // Collapse whitespace within lines and runs of blank lines.
    let mut text = String::with_capacity(decoded.len());
    let mut blank = false;
    for line in decoded.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = true;
        } else {
            if !text.is_empty() {
                text.push_str(if blank { "\n\n" } else { "\n" });
            }
            text.push_str(&line);
            blank = false;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_to_text_drops_markup_and_keeps_paragraphs() {
        assert_eq!(
            html_to_text("<p>One</p><p>Two<br>three</p>"),
            "One\n\nTwo\n\nthree"
        );
        assert_eq!(
            html_to_text("<script>alert(1)</script><style>p{}</style>Hi &lt;there&gt;"),
            "Hi <there>"
        );
        assert_eq!(
            html_to_text("<img src=x onerror=alert(1)>a < b and c > d"),
            "a < b and c > d"
        );
        assert_eq!(html_to_text("<!-- hidden -->shown"), "shown");
        assert_eq!(html_to_text("cut <b"), "cut <b");
    }

    #[test]
    fn an_unclosed_script_hides_the_rest_and_a_self_closed_one_does_not() {
        assert_eq!(html_to_text("a<script>b<p>c</p>"), "a");
        assert_eq!(html_to_text("a<script/>b"), "ab");
        assert_eq!(html_to_text("<!-- never closed <p>x"), "");
    }
}
