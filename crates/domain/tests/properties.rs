//! Property tests: any workspace the generator or a random editor produces round-trips
//! through storage, and cycle detection agrees with a naive walk.

use pmo_domain::demo::generate;
use pmo_domain::org::lines::reporting_cycles;
use pmo_domain::storage::schema::{decode, Envelope};
use pmo_domain::*;
use proptest::prelude::*;

fn naive_has_cycle(managers: &[Option<usize>]) -> bool {
    (0..managers.len()).any(|start| {
        let mut cur = managers[start];
        for _ in 0..=managers.len() {
            match cur {
                Some(i) if i == start => return true,
                Some(i) => cur = managers[i],
                None => return false,
            }
        }
        false
    })
}

proptest! {
    #[test]
    fn cycle_detection_matches_naive_walk(managers in prop::collection::vec(prop::option::of(0usize..12), 1..12)) {
        let n = managers.len();
        let managers: Vec<Option<usize>> = managers.into_iter().map(|m| m.map(|i| i % n)).collect();
        let mut ws = pmo_domain::demo::empty();
        for (i, m) in managers.iter().enumerate() {
            ws.people.push(Person {
                id: format!("x{i}"),
                name: format!("Person {i}"),
                title: String::new(),
                role_id: None,
                unit_id: None,
                manager_id: m.map(|j| format!("x{j}")),
                vacancy: false,
            });
        }
        // Self-loops are reported separately; reporting_cycles ignores them.
        let without_self: Vec<Option<usize>> = managers.iter().enumerate().map(|(i, m)| m.filter(|j| *j != i)).collect();
        prop_assert_eq!(!reporting_cycles(&ws).is_empty(), naive_has_cycle(&without_self));
    }

    #[test]
    fn generated_workspaces_round_trip(projects in 0usize..80, people in 0usize..120, revision in 0u64..1000) {
        let env = Envelope::new(generate(projects, people), revision);
        let back = decode(&env.to_json()).expect("valid");
        prop_assert_eq!(back, env);
    }
}

/// Any JSON value: nested arrays and objects of strings with the characters JSON treats
/// specially, numbers, booleans and nulls.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z{}\\[\\]:,\"\\\\ \n\u{e9}]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z:,{\"]{0,6}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Files laid out from compact text read exactly as serde_json's pretty printer writes them.
    #[test]
    fn pretty_json_from_text_is_serde_jsons(v in any_json()) {
        let compact = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(
            pmo_domain::common::json::pretty(&compact),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }
}
