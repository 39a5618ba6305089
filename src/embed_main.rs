//! Mounts the embeddable widget's card (`/embed.html`, `src/pages/embed.rs`) on its own:
//! a separate binary so that the widget's iframe loads the engine and the card, not the
//! whole site (README "Embedding").

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    newsgauge_web::panic::install(newsgauge_web::panic::CARD_MESSAGE);
    leptos::mount::mount_to_body(newsgauge_web::pages::embed::Embed);
}

/// Test hook for the end-to-end suite: panics on purpose so the card's error banner can be
/// checked. Not reachable from the card; called as `wasm_bindgen.newsgauge_test_panic()`.
#[wasm_bindgen]
pub fn newsgauge_test_panic() {
    panic!("newsgauge_test_panic: deliberate panic requested by a test");
}
