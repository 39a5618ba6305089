//! When the app panics, the wasm instance stops: show a banner (built with plain DOM calls,
//! since the reactive system may be broken) with a reload button. On the site the paste
//! draft is already in localStorage, so reloading loses nothing; the widget's card keeps
//! nothing and says so ([`CARD_MESSAGE`]). The panic is still logged to the console by
//! `console_error_panic_hook`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The site's banner text.
pub const SITE_MESSAGE: &str =
    "Something went wrong and Newsgauge stopped. Your draft is saved in this browser: reload to continue.";
/// The widget card's banner text: the card keeps no draft (it has no storage).
pub const CARD_MESSAGE: &str =
    "Something went wrong and this Newsgauge card stopped: reload to try again.";

/// Install the hook: console message, then the banner with `message`.
pub fn install(message: &'static str) {
    std::panic::set_hook(Box::new(move |info| {
        console_error_panic_hook::hook(info);
        show_banner(message);
    }));
}

/// Put the error banner, saying `message`, at the top of the page (once).
pub fn show_banner(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("panic-banner").is_some() {
        return;
    }
    let Some(body) = doc.body() else { return };
    let Ok(banner) = doc.create_element("div") else {
        return;
    };
    banner.set_id("panic-banner");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "panic-banner");
    let Ok(text) = doc.create_element("p") else {
        return;
    };
    text.set_text_content(Some(message));
    let _ = banner.append_child(&text);
    if let Ok(button) = doc.create_element("button") {
        let _ = button.set_attribute("type", "button");
        button.set_text_content(Some("Reload"));
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = banner.append_child(&button);
    }
    let _ = body.insert_before(&banner, body.first_child().as_ref());
}
