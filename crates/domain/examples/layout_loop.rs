//! Lays out a 10 000-person forest many times, for `perf record`:
//! `cargo run --release -p pmo-domain --example layout_loop`.
use pmo_domain::layout::{Forest, Layouter, Options};

fn main() {
    let n = 10_000;
    let mut f = Forest {
        children: vec![Vec::new(); n],
        roots: vec![0, 1, 2],
        sizes: (0..n)
            .map(|i| (140.0 + (i * 37 % 80) as f64, 64.0))
            .collect(),
    };
    let (mut next, mut manager) = (3, 0);
    while next < n {
        for _ in 0..2 + (manager * 7919 % 11) {
            if next == n {
                break;
            }
            f.children[manager].push(next);
            next += 1;
        }
        manager += 1;
    }
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
