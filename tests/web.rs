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
