//! Reporting lines: loops in the solid lines, and whether a move would make one.

use crate::model::{Id, Workspace};

/// Every loop in the solid reporting lines, each listed once, starting from its smallest id.
/// Runs in linear time: each person is walked at most once.
pub fn reporting_cycles(ws: &Workspace) -> Vec<Vec<Id>> {
    let index = ws.person_index();
    let manager: Vec<Option<usize>> = ws
        .people
        .iter()
        .map(|p| {
            p.manager_id
                .as_deref()
                .filter(|m| *m != p.id)
                .and_then(|m| index.get(m).copied())
        })
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done
    let mut state = vec![0u8; ws.people.len()];
    let mut cycles = Vec::new();
    for start in 0..ws.people.len() {
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                0 => {
                    state[i] = 1;
                    path.push(i);
                    cur = manager[i];
                }
                1 => {
                    let pos = path.iter().position(|&x| x == i).unwrap_or(0);
                    let mut cycle: Vec<Id> = path[pos..]
                        .iter()
                        .map(|&x| ws.people[x].id.clone())
                        .collect();
                    let min = cycle
                        .iter()
                        .enumerate()
                        .min_by(|a, b| a.1.cmp(b.1))
                        .map_or(0, |(k, _)| k);
                    cycle.rotate_left(min);
                    cycles.push(cycle);
                    break;
                }
                _ => break,
            }
        }
        for i in path {
            state[i] = 2;
        }
    }
    cycles
}

/// Would making `manager` the solid-line manager of `person` create a loop?
pub fn would_create_cycle(ws: &Workspace, person: &str, manager: &str) -> bool {
    if person == manager {
        return true;
    }
    let mut cur = Some(manager.to_string());
    let mut steps = 0;
    while let Some(id) = cur {
        if id == person {
            return true;
        }
        steps += 1;
        if steps > ws.people.len() {
            return true;
        }
        cur = ws.person(&id).and_then(|p| p.manager_id.clone());
    }
    false
}
