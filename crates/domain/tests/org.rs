//! The reporting forest behind the org chart.

use std::collections::HashSet;

use pmo_domain::demo::demo;
use pmo_domain::org::layout::{layout, Options};
use pmo_domain::org::org_forest;
use pmo_domain::*;

fn person(id: &str, manager: Option<&str>, vacancy: bool) -> Person {
    let mut p = demo().people[0].clone();
    p.id = id.into();
    p.name = id.to_uppercase();
    p.manager_id = manager.map(Into::into);
    p.vacancy = vacancy;
    p
}

fn ws(people: Vec<Person>) -> Workspace {
    let mut ws = demo();
    ws.people = people;
    ws
}

const CARD: fn(&Person) -> (f64, f64) = |_| (160.0, 64.0);

#[test]
fn roots_children_and_counts_without_vacancies() {
    let w = ws(vec![
        person("ceo", None, false),
        person("cpo", Some("ceo"), false),
        person("pm1", Some("cpo"), false),
        person("open", Some("cpo"), true),
        person("pm2", Some("cpo"), false),
        person("board", None, false),
    ]);
    let o = org_forest(&w, &HashSet::new(), CARD);
    assert_eq!(o.forest.roots(), vec![0, 5], "several roots, in order");
    assert_eq!(
        o.forest.children(1),
        vec![2, 3, 4],
        "reports in workspace order"
    );
    assert_eq!(
        (o.direct[1], o.total[1]),
        (2, 2),
        "the open role is not headcount"
    );
    assert_eq!((o.direct[0], o.total[0]), (1, 3));
    assert_eq!(o.total[5], 0);
}

#[test]
fn collapsing_hides_reports_but_keeps_their_counts() {
    let w = ws(vec![
        person("ceo", None, false),
        person("cpo", Some("ceo"), false),
        person("pm1", Some("cpo"), false),
    ]);
    let collapsed: HashSet<Id> = ["cpo".to_string(), "pm1".to_string()].into();
    let o = org_forest(&w, &collapsed, CARD);
    assert!(o.forest.children(1).is_empty());
    assert_eq!(o.total[1], 1);
    assert!(o.collapsed[1]);
    assert!(!o.collapsed[2], "a leaf has nothing to collapse");
    let l = layout(&o.forest, &Options::default());
    assert!(l.boxes[2].is_none(), "hidden reports are not drawn");
    assert!(l.boxes[1].is_some());
}

#[test]
fn a_reporting_loop_in_unchecked_data_loses_nobody() {
    let w = ws(vec![
        person("a", Some("b"), false),
        person("b", Some("a"), false),
        person("c", None, false),
    ]);
    let o = org_forest(&w, &HashSet::new(), CARD);
    let l = layout(&o.forest, &Options::default());
    assert!(l.boxes.iter().all(Option::is_some), "everyone is drawn");
}

#[test]
fn the_demo_has_one_top_and_counts_everyone_below_it() {
    let w = demo();
    let o = org_forest(&w, &HashSet::new(), CARD);
    let ceo = o.forest.roots()[0];
    let headcount = w.people.iter().filter(|p| !p.vacancy).count();
    assert_eq!(o.total[ceo], headcount - 1);
    let l = layout(
        &o.forest,
        &Options {
            compact_from: Some(5),
            ..Options::default()
        },
    );
    assert!(l.boxes.iter().all(Option::is_some));
}
