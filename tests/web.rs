//! Components mounted in a real browser (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn next_tick() {
    // Let Leptos' effects run.
    leptos::task::tick().await;
}

/// Wait `ms` milliseconds (the analysis runs when typing pauses).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn typing_in_the_paste_box_updates_the_rendered_analysis() {
    let container = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let _handle = leptos::mount::mount_to(
        container.clone().unchecked_into(),
        newsgauge_web::pages::analyze::Analyze,
    );
    next_tick().await;
    let label = || {
        document()
            .query_selector("[data-testid=sentiment-label]")
            .unwrap()
            .expect("sentiment label rendered")
            .text_content()
            .unwrap()
    };
    // Nothing typed yet: an empty state, no analysis.
    assert!(document()
        .query_selector("[data-testid=analysis-empty]")
        .unwrap()
        .is_some());
    assert!(document()
        .query_selector("[data-testid=sentiment-label]")
        .unwrap()
        .is_none());

    let box_: web_sys::HtmlTextAreaElement = document()
        .get_element_by_id("paste-box")
        .expect("paste box rendered")
        .unchecked_into();
    box_.set_value("Shares plunged after the company missed estimates and its profit fell.");
    // Leptos delegates `input` handlers to the document, so the event must bubble.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    box_.dispatch_event(&ev).unwrap();
    // Typing is never blocked: the analysis waits for a pause.
    assert!(document()
        .query_selector("[data-testid=sentiment-label]")
        .unwrap()
        .is_none());
    sleep(600).await;
    next_tick().await;

    assert!(
        label().contains("negative"),
        "label after typing: {}",
        label()
    );
}

/// Share links are deflated by the browser's compression streams: these run only here.
mod share_links {
    use newsgauge_web::share::{decode, encode, MAX_SHARED_BYTES};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    async fn text_round_trips_through_a_link() {
        let title = "Émetteur «Acme» 📉";
        let body =
            "Shares fell 4% after the lawsuit.\n\nאבג — RTL and emoji 😀 survive.".repeat(20);
        let p = encode(title, &body).await.unwrap();
        assert!(p
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(decode(&p).await.unwrap(), (title.to_owned(), body));
    }

    #[wasm_bindgen_test]
    async fn repetitive_text_compresses_well() {
        let body = "The company reported record revenue. ".repeat(500);
        assert!(encode("", &body).await.unwrap().len() < body.len() / 10);
    }

    #[wasm_bindgen_test]
    async fn a_link_made_before_the_browser_deflated_still_opens() {
        // Made by the earlier encoder (miniz_oxide, raw deflate at level 9).
        const OLD: &str = "jcqxCYAwEEbhVX4O7MTKys5RolyIkDS5CxbiAKkdwAEcwS4u5AjqBrbvfQspdXTlwKqcIsrRj4HLiXvfMtU0vPcrEGciCyx7j7aCscoR6hjezJImbfCP0foA";
        let sentence = "Acme shares fell 4% after the lawsuit.";
        assert_eq!(
            decode(OLD).await.unwrap(),
            (
                "Émetteur «Acme» 📉".to_owned(),
                format!("{sentence} {sentence}")
            )
        );
    }

    #[wasm_bindgen_test]
    async fn damaged_links_give_messages_not_panics() {
        for bad in ["!!!", "AAAA", "not-a-real-payload"] {
            let e = decode(bad).await.unwrap_err();
            assert!(e.contains("damaged"), "{bad}: {e}");
        }
        let p = encode("a", "b").await.unwrap();
        assert!(decode(&p[..p.len() - 3]).await.is_err());
    }

    #[wasm_bindgen_test]
    async fn decompression_bombs_are_refused() {
        let bomb = encode("", &" ".repeat(MAX_SHARED_BYTES + 10))
            .await
            .unwrap();
        assert!(bomb.len() < 20_000, "{} chars", bomb.len());
        let e = decode(&bomb).await.unwrap_err();
        assert!(e.contains("too large"), "{e}");
    }
}
