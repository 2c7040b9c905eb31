//! The reporting structure as the org chart draws it: the solid-line forest of people (with
//! collapsed subtrees left out), and the figures each card shows.

use std::collections::HashSet;

use crate::layout::Forest;
use crate::model::{Id, Person, Workspace};

/// The people as a forest (node `i` is `ws.people[i]`) plus report counts.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgForest {
    pub forest: Forest,
    /// Direct reports of each person (vacancies not counted), whether shown or collapsed.
    pub direct: Vec<usize>,
    /// All reports below each person (vacancies not counted).
    pub total: Vec<usize>,
    /// People whose reports are hidden because they are collapsed (and have reports).
    pub collapsed: Vec<bool>,
}

/// Build the forest: a person's children are the people whose solid-line manager they are,
/// in workspace order. Roots are the people without a (known) manager, in order. Anyone not
/// reachable from a root (a reporting loop in unchecked data) becomes a root too, so nobody
/// disappears. The reports of `collapsed` people are left out of the forest.
pub fn org_forest(
    ws: &Workspace,
    collapsed: &HashSet<Id>,
    size: impl Fn(&Person) -> (f64, f64),
) -> OrgForest {
    let n = ws.people.len();
    let index = ws.person_index();
    let mut all_children = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, p) in ws.people.iter().enumerate() {
        match p
            .manager_id
            .as_deref()
            .and_then(|m| index.get(m).copied())
            .filter(|&m| m != i)
        {
            Some(m) => all_children[m].push(i),
            None => roots.push(i),
        }
    }
    // Anyone not reachable from the roots starts a tree of their own (in workspace order).
    let mut reached = vec![false; n];
    let mut stack: Vec<usize> = roots.clone();
    let mark = |stack: &mut Vec<usize>, reached: &mut Vec<bool>| {
        while let Some(v) = stack.pop() {
            if !std::mem::replace(&mut reached[v], true) {
                stack.extend(all_children[v].iter().copied());
            }
        }
    };
    mark(&mut stack, &mut reached);
    for i in 0..n {
        if !reached[i] {
            roots.push(i);
            stack.push(i);
            mark(&mut stack, &mut reached);
        }
    }
    // Counts, bottom-up over a pre-order of the (loop-free) traversal.
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
    while let Some(v) = stack.pop() {
        if std::mem::replace(&mut seen[v], true) {
            continue;
        }
        order.push(v);
        stack.extend(all_children[v].iter().rev().copied().filter(|c| !seen[*c]));
    }
    let counts = |i: usize| usize::from(!ws.people[i].vacancy);
    let mut direct = vec![0; n];
    let mut total = vec![0; n];
    let mut parent_of = vec![usize::MAX; n];
    for (p, kids) in all_children.iter().enumerate() {
        for &c in kids {
            parent_of[c] = p;
        }
    }
    let mut is_root = vec![false; n];
    for &r in &roots {
        is_root[r] = true;
    }
    for &v in order.iter().rev() {
        let p = parent_of[v];
        if p != usize::MAX && !is_root[v] {
            direct[p] += counts(v);
            total[p] += counts(v) + total[v];
        }
    }
    let is_collapsed: Vec<bool> = ws
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| collapsed.contains(&p.id) && !all_children[i].is_empty())
        .collect();
    let children = all_children
        .into_iter()
        .enumerate()
        .map(|(i, kids)| if is_collapsed[i] { Vec::new() } else { kids })
        .collect();
    OrgForest {
        forest: Forest {
            children,
            roots,
            sizes: ws.people.iter().map(size).collect(),
        },
        direct,
        total,
        collapsed: is_collapsed,
    }
}
