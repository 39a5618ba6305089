//! Mounts the Newsgauge app; everything else lives in the library.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    newsgauge_web::panic::install(newsgauge_web::panic::SITE_MESSAGE);
    leptos::mount::mount_to_body(newsgauge_web::App);
}

/// Test hook for the end-to-end suite: panics on purpose so the error banner can be checked.
/// Not reachable from the page; called as `window.wasmBindings.newsgauge_test_panic()`.
#[wasm_bindgen]
pub fn newsgauge_test_panic() {
    panic!("newsgauge_test_panic: deliberate panic requested by a test");
}
