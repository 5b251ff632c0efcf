//! Starts the app; nothing else. In the search index's worker (no window), serves it instead.

fn main() {
    console_error_panic_hook::set_once();
    if marsad::ui::index_worker::in_worker() {
        return marsad::ui::index_worker::serve();
    }
    marsad::ui::start();
}
