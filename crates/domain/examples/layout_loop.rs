//! Lays out a 10 000-person forest many times, for `perf record`, and prints the best and the
//! median time of 20 batches of 200 layouts (this machine is noisy):
//! `cargo run --profile bench -p pmo-domain --example layout_loop`.
use pmo_domain::org::layout::{sample_forest, Layouter, Options};

fn main() {
    let f = sample_forest(10_000);
    let mut engine = Layouter::default();
    let mut w = 0.0;
    let mut batches: Vec<f64> = (0..20)
        .map(|_| {
            let t = std::time::Instant::now();
            for _ in 0..200 {
                w += engine.run(&f, &Options::default()).width;
            }
            t.elapsed().as_secs_f64() * 1000.0 / 200.0
        })
        .collect();
    batches.sort_by(f64::total_cmp);
    println!(
        "best {:.3} ms, median {:.3} ms per layout ({w})",
        batches[0], batches[10]
    );
}
