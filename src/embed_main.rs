//! Mounts the embeddable widget's card (`/embed.html`, `src/pages/embed.rs`) on its own:
//! a separate binary so that the widget's iframe loads the engine and the card, not the
//! whole site (README "Embedding").

fn main() {
    newsgauge_web::panic::install();
    leptos::mount::mount_to_body(newsgauge_web::pages::embed::Embed);
}
