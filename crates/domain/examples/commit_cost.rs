use pmo_domain::demo::generate;
use pmo_domain::document::describe::Change;
use pmo_domain::document::history::Stamp;
use pmo_domain::document::Document;
use std::time::Instant;
fn main() {
    let ws = generate(10_000, 10_000);
    let mut held = ws.clone();
    let mut doc = Document::of(&ws, 1);
    for round in 0..3 {
        let mut new = held.clone();
        new.projects[5000].name = format!("Renamed {round}");
        let t = Instant::now();
        let eq = new == held;
        let t_eq = t.elapsed();
        let t = Instant::now();
        let problems = pmo_domain::validate::validate(&new);
        let t_val = t.elapsed();
        let t = Instant::now();
        let only = Change::of(&held, &new).in_place().expect("in place");
        let in_place = pmo_domain::validate::validate_in_place(&new, &only);
        println!(
            "validate in place (with its own Change::of) {:?} {}",
            t.elapsed(),
            in_place.len()
        );
        let t = Instant::now();
        let change = Change::of(&held, &new);
        let notes = change.notes();
        let label = change.label();
        let t_chg = t.elapsed();
        let t = Instant::now();
        let again = Change::of(&held, &new);
        println!("change again {:?} {}", t.elapsed(), again.label());
        let t = Instant::now();
        let _ = notes;
        let u = doc.commit(&mut held, &new, &change, &Stamp::default());
        let t_doc = t.elapsed();
        println!("eq {eq} {t_eq:?} validate {} {t_val:?} change {label} {t_chg:?} doc+copy {t_doc:?} ({} B)", problems.len(), u.len());
    }
}
