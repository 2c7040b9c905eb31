//! Entry point of the Web Worker that compacts the store (see `app::compactor`): it does one
//! compaction for the page, posts the outcome, and is then ended by the page.

fn main() {
    console_error_panic_hook::set_once();
    pmo_workbench::app::compactor::run_in_worker();
}
