//! PMO Workbench's fuzz harness, on stable Rust.
//!
//! ```sh
//! cargo run -p pmo-fuzz --profile fuzz -- --per-target 3000 --max-seconds 55   # the short run of the test command
//! cargo run -p pmo-fuzz --profile fuzz -- --per-target 100000                  # the long run (about 15 minutes)
//! cargo run -p pmo-fuzz --profile fuzz -- --target stored --only 1234          # replay one input
//! cargo run -p pmo-fuzz --profile fuzz -- --target csv --only 7 --save x.csv   # … and keep it as a file
//! cargo run -p pmo-fuzz --profile fuzz -- --target import --replay file.json   # run a file
//! ```
//!
//! Each target runs its seeds unchanged first, then mutated copies of them (one to four
//! mutations each) and a share of plain random bytes. Input `k` of a target is made from
//! `(--seed, target, k)` alone, so any input can be replayed with `--only k`. Every input runs
//! under `catch_unwind`, with its time and the memory it held at most measured; the bars:
//!
//! - no panic (the `fuzz` profile keeps overflow checks and debug assertions on);
//! - no input over [`TIME_LIMIT`];
//! - no more memory than [`MEM_FACTOR`] × the input's size + [`MEM_SLACK`];
//! - every oracle of the target (see `targets.rs`) holds.
//!
//! A failing input is written to `target/fuzz-findings/`, and the run exits with status 1. The
//! table printed names, per target, the slowest input and the one that came closest to the
//! memory bar ("of bar"), so either can be replayed.

mod alloc;
mod mutate;
mod seeds;
mod targets;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use mutate::{mutate, random_input, Rng};
use targets::{seeds_of, Ctx, Meter, OPT_IN, TARGETS};

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

/// The bar for one input.
const TIME_LIMIT: Duration = Duration::from_secs(1);
/// Memory held at most by the measured part of one input, per byte of input …
const MEM_FACTOR: usize = 32;
/// … plus this much for fixed costs (the built-in questionnaires, the role catalogue).
const MEM_SLACK: usize = 4 << 20;
/// An input still running after this long is stopped with the process (it is reported).
const WATCHDOG: Duration = Duration::from_secs(20);

static PANIC: Mutex<Option<String>> = Mutex::new(None);
/// Milliseconds since start when the current input began; 0 when none is running.
static STARTED: AtomicU64 = AtomicU64::new(0);

struct Options {
    per_target: usize,
    max_seconds: Option<f64>,
    seed: u64,
    targets: Vec<String>,
    only: Option<usize>,
    replay: Option<String>,
    /// With `--only`: also write the input to this file.
    save: Option<String>,
}

fn options() -> Options {
    let mut o = Options {
        per_target: 3000,
        max_seconds: None,
        seed: 1,
        targets: Vec::new(),
        only: None,
        replay: None,
        save: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--per-target" => {
                o.per_target = value().parse().unwrap_or_else(|_| usage("--per-target"))
            }
            "--max-seconds" => {
                o.max_seconds = Some(value().parse().unwrap_or_else(|_| usage("--max-seconds")))
            }
            "--seed" => o.seed = value().parse().unwrap_or_else(|_| usage("--seed")),
            "--target" => o.targets.push(value()),
            "--only" => o.only = Some(value().parse().unwrap_or_else(|_| usage("--only"))),
            "--replay" => o.replay = Some(value()),
            "--save" => o.save = Some(value()),
            _ => usage(&format!("unknown argument {a}")),
        }
    }
    for t in &o.targets {
        if !TARGETS.iter().any(|(n, _)| n == t) {
            usage(&format!("unknown target {t}"));
        }
    }
    if o.targets.is_empty() {
        o.targets = TARGETS
            .iter()
            .map(|(n, _)| n.to_string())
            .filter(|n| !OPT_IN.contains(&n.as_str()))
            .collect();
    }
    o
}

fn usage(why: &str) -> ! {
    let names: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
    eprintln!(
        "pmo-fuzz: {why}\nusage: pmo-fuzz [--per-target N] [--max-seconds S] [--seed N] [--target NAME]… [--only K [--save FILE] | --replay FILE]\ntargets: {}",
        names.join(", ")
    );
    std::process::exit(2);
}

/// Input `k` of a target.
fn make_input(seed: u64, target: usize, k: usize, seeds: &[seeds::Seed]) -> (usize, Vec<u8>) {
    if k < seeds.len() {
        return (k, seeds[k].bytes.clone());
    }
    let mut rng = Rng::new(
        seed ^ (target as u64).wrapping_mul(0x2545_F491_4F6C_DD1D)
            ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
    );
    let from = rng.below(seeds.len());
    if rng.chance(20) {
        return (usize::MAX, random_input(&mut rng));
    }
    let other = &seeds[rng.below(seeds.len())].bytes;
    (from, mutate(&seeds[from].bytes, other, &mut rng))
}

struct Finding {
    count: usize,
    first_input: usize,
    file: String,
}

fn main() {
    let o = options();
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if STARTED.load(Relaxed) == 0 {
            // Not inside an input: the harness itself failed.
            eprintln!("pmo-fuzz: panic outside an input: {msg}{at}");
        } else if let Ok(mut p) = PANIC.lock() {
            *p = Some(format!("panic: {msg}{at}"));
        }
    }));
    let clock = Instant::now();
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(200));
        let started = STARTED.load(Relaxed);
        if started > 0 && clock.elapsed().as_millis() as u64 > started + WATCHDOG.as_millis() as u64
        {
            eprintln!(
                "\nfuzz: target #{} input #{} ran for over {} s; stopped (replay it with --only)",
                alloc::TARGET_INDEX.load(Relaxed),
                alloc::INPUT_INDEX.load(Relaxed),
                WATCHDOG.as_secs()
            );
            std::process::abort();
        }
    });
    let ctx = Ctx::new();
    let out_dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-findings");
    let _ = std::fs::create_dir_all(&out_dir);
    let budget = o
        .max_seconds
        .map(|s| Duration::from_secs_f64(s / o.targets.len() as f64));
    let mut failed = false;
    println!(
        "{:<14} {:>8} {:>9} {:>10} {:>9} {:>10} {:>8} {:>9}",
        "target", "inputs", "findings", "slowest", "(input)", "max mem", "of bar", "(input)"
    );
    for name in &o.targets {
        let t = TARGETS
            .iter()
            .position(|(n, _)| n == name)
            .expect("checked");
        let run = TARGETS[t].1;
        let seeds = seeds_of(name);
        alloc::TARGET_INDEX.store(t, Relaxed);
        let inputs: Vec<usize> = match (&o.replay, o.only) {
            (Some(_), _) => vec![0],
            (None, Some(k)) => vec![k],
            (None, None) => (0..o.per_target.max(seeds.len())).collect(),
        };
        let started = Instant::now();
        let mut findings: BTreeMap<String, Finding> = BTreeMap::new();
        let (mut done, mut slowest, mut max_mem, mut max_ratio) =
            (0usize, Duration::ZERO, 0usize, 0f64);
        let (mut slowest_k, mut fullest_k) = (0usize, 0usize);
        for k in inputs {
            if budget.is_some_and(|b| started.elapsed() > b) {
                break;
            }
            let (from, input) = match &o.replay {
                Some(path) => (
                    usize::MAX,
                    std::fs::read(path).unwrap_or_else(|e| usage(&format!("{path}: {e}"))),
                ),
                None => make_input(o.seed, t, k, &seeds),
            };
            let empty = seeds::Seed {
                name: "random",
                bytes: Vec::new(),
                envelope: None,
                checksummed: false,
            };
            let seed = seeds.get(from).unwrap_or(&empty);
            if let Some(path) = &o.save {
                let _ = std::fs::write(path, &input);
            }
            alloc::INPUT_INDEX.store(k, Relaxed);
            STARTED.store(clock.elapsed().as_millis() as u64 + 1, Relaxed);
            let mut meter = Meter::default();
            let result = catch_unwind(AssertUnwindSafe(|| run(&ctx, seed, &input, &mut meter)));
            STARTED.store(0, Relaxed);
            done += 1;
            if meter.elapsed > slowest {
                slowest = meter.elapsed;
                slowest_k = k;
            }
            max_mem = max_mem.max(meter.peak);
            // How close the input came to the memory bar (100 % is the bar).
            let ratio = meter.peak as f64 / (MEM_FACTOR * input.len() + MEM_SLACK) as f64;
            if ratio > max_ratio {
                max_ratio = ratio;
                fullest_k = k;
            }
            let mut problems = Vec::new();
            match result {
                Ok(Ok(())) => {}
                Ok(Err(oracle)) => problems.push(oracle),
                Err(_) => problems.push(
                    PANIC
                        .lock()
                        .ok()
                        .and_then(|mut p| p.take())
                        .unwrap_or_else(|| "panic".into()),
                ),
            }
            if meter.elapsed > TIME_LIMIT {
                problems.push(format!(
                    "slow: {:.2} s for {} bytes",
                    meter.elapsed.as_secs_f64(),
                    input.len()
                ));
            }
            if meter.peak > MEM_FACTOR * input.len() + MEM_SLACK {
                problems.push(format!(
                    "memory: held {} bytes for an input of {} bytes",
                    meter.peak,
                    input.len()
                ));
            }
            for p in problems {
                failed = true;
                // One entry per kind of finding: digits vary between inputs of one kind.
                let key: String = p
                    .chars()
                    .filter(|c| !c.is_ascii_digit())
                    .take(160)
                    .collect();
                let f = findings.entry(key).or_insert_with(|| {
                    let file = out_dir.join(format!("{name}-{k}.input"));
                    let _ = std::fs::write(&file, &input);
                    let _ =
                        std::fs::write(out_dir.join(format!("{name}-{k}.txt")), format!("{p}\n"));
                    Finding {
                        count: 0,
                        first_input: k,
                        file: file.display().to_string(),
                    }
                });
                f.count += 1;
            }
        }
        println!(
            "{:<14} {:>8} {:>9} {:>8.1}ms {:>9} {:>8}KB {:>7.0}% {:>9}",
            name,
            done,
            findings.values().map(|f| f.count).sum::<usize>(),
            slowest.as_secs_f64() * 1000.0,
            format!("#{slowest_k}"),
            max_mem / 1024,
            max_ratio * 100.0,
            format!("#{fullest_k}")
        );
        for (what, f) in &findings {
            println!(
                "    {} × {what}\n      first: --target {name} --only {} (saved as {})",
                f.count, f.first_input, f.file
            );
        }
    }
    if failed {
        std::process::exit(1);
    }
}
