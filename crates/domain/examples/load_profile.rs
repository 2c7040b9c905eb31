//! Where the start-up time goes for a large stored workspace (native, release):
//! `cargo run --release -p pmo-domain --example load_profile -- target/perf-10k.txt`
use std::time::Instant;

use pmo_domain::portfolio::{Query, RegisterIndex};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/perf-10k.txt".into());
    let stored = std::fs::read_to_string(&path).expect("read the fixture");
    let t = Instant::now();
    let bytes = pmo_domain::storage::codec::unpack_binary(&stored).expect("unpack");
    let unpack = t.elapsed();
    let t = Instant::now();
    let env = pmo_domain::storage::schema::decode(&stored).expect("decode");
    let decode = t.elapsed();
    let t = Instant::now();
    let problems = pmo_domain::validate::validate(&env.workspace);
    let validate = t.elapsed();
    let t = Instant::now();
    let ix = RegisterIndex::build(&env.workspace);
    let index = t.elapsed();
    let t = Instant::now();
    let hits = ix.select(
        &env.workspace,
        &Query::default(),
        pmo_domain::demo::reference_day(),
    );
    let select = t.elapsed();
    println!(
        "binary {:.1} MB; unpack {unpack:?}; decode (unpack+parse+validate) {decode:?}; validate alone {validate:?} ({} problems); index {index:?}; select {select:?} ({} rows)",
        bytes.len() as f64 / 1e6,
        problems.len(),
        hits.len()
    );
}
