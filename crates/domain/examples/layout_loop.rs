//! Lays out a 10 000-person forest many times, for `perf record`:
//! `cargo run --release -p pmo-domain --example layout_loop`.
use pmo_domain::layout::{sample_forest, Layouter, Options};

fn main() {
    let f = sample_forest(10_000);
    let mut engine = Layouter::default();
    let t = std::time::Instant::now();
    let mut w = 0.0;
    for _ in 0..3000 {
        w += engine.run(&f, &Options::default()).width;
    }
    println!(
        "{:.3} ms per layout ({w})",
        t.elapsed().as_secs_f64() * 1000.0 / 3000.0
    );
}
