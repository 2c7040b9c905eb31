//! The org chart's tidy-tree layout: properties that must hold for any tree.

use pmo_domain::org::layout::*;
use proptest::prelude::*;

/// A forest from parent links (`None` = root), with sizes.
fn forest(parents: &[Option<usize>], sizes: &[(f64, f64)]) -> Forest {
    Forest::from_parents(parents, sizes.to_vec())
}

/// Random forests: node i's parent is an earlier node or none.
fn arb_forest() -> impl Strategy<Value = Forest> {
    (1usize..120).prop_flat_map(|n| {
        (
            proptest::collection::vec(any::<proptest::sample::Index>(), n),
            proptest::collection::vec(0u8..6, n),
            proptest::collection::vec((60.0f64..260.0, 40.0f64..90.0), n),
        )
            .prop_map(move |(picks, kinds, sizes)| {
                let parents: Vec<Option<usize>> = (0..n)
                    .map(|i| {
                        // Mostly attach to an earlier node; sometimes start a new root.
                        (i > 0 && kinds[i] != 0).then(|| picks[i].index(i))
                    })
                    .collect();
                forest(&parents, &sizes)
            })
    })
}

fn all_options() -> Vec<Options> {
    let mut out = Vec::new();
    for orientation in [Orientation::TopDown, Orientation::LeftRight] {
        for compact_from in [None, Some(4)] {
            out.push(Options {
                orientation,
                compact_from,
                ..Options::default()
            });
        }
    }
    out
}

fn breadth_centre(b: &Placed, o: Orientation) -> f64 {
    match o {
        Orientation::TopDown => b.x,
        Orientation::LeftRight => b.y + b.h / 2.0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A layouter that already laid out other forests gives exactly what a fresh one gives.
    #[test]
    fn a_reused_layouter_forgets_the_last_chart(a in arb_forest(), b in arb_forest()) {
        let mut engine = Layouter::default();
        for opts in all_options() {
            engine.run(&a, &opts);
            prop_assert_eq!(engine.run(&b, &opts), &layout(&b, &opts));
            prop_assert_eq!(engine.run(&a, &opts), &layout(&a, &opts));
        }
    }

    #[test]
    fn no_two_boxes_overlap(f in arb_forest()) {
        for opts in all_options() {
            let l = layout(&f, &opts);
            let boxes: Vec<Placed> = l.boxes.iter().flatten().copied().collect();
            prop_assert_eq!(boxes.len(), f.len(), "every node is placed");
            for i in 0..boxes.len() {
                for j in i + 1..boxes.len() {
                    prop_assert!(!boxes[i].overlaps(&boxes[j]), "{:?} overlaps {:?} ({:?})", boxes[i], boxes[j], opts);
                }
            }
            prop_assert!(boxes.iter().all(|b| b.left() >= -1e-6 && b.y >= -1e-6));
            // ...and no further: the first box across the levels starts at the edge (in
            // compact mode a narrow card centred in a stack's first column may stand off it).
            let start = |b: &Placed| match opts.orientation {
                Orientation::TopDown => b.left(),
                Orientation::LeftRight => b.y,
            };
            let first = boxes.iter().map(start).fold(f64::INFINITY, f64::min);
            prop_assert!(opts.compact_from.is_some() || first.abs() < 1e-6, "the chart starts {} from the edge", first);
        }
    }

    #[test]
    fn children_keep_their_order_and_parents_are_centred(f in arb_forest()) {
        for opts in all_options().into_iter().filter(|o| o.compact_from.is_none()) {
            let l = layout(&f, &opts);
            let c = |i: usize| breadth_centre(&l.boxes[i].unwrap(), opts.orientation);
            for (p, kids) in f.families() {
                for pair in kids.windows(2) {
                    prop_assert!(c(pair[0]) < c(pair[1]));
                }
                if let (Some(first), Some(last)) = (kids.first(), kids.last()) {
                    prop_assert!((c(p) - (c(*first) + c(*last)) / 2.0).abs() < 1e-6);
                }
            }
            for pair in f.roots().windows(2) {
                prop_assert!(c(pair[0]) < c(pair[1]), "roots side by side in order");
            }
        }
    }

    /// References to nodes that are already placed (a second parent, a loop back to an
    /// ancestor, a repeated root) and ids out of range are skipped: the layout is the one
    /// of the clean forest. (The clean forest takes the layout's unguarded path.)
    #[test]
    fn stray_references_change_nothing(f in arb_forest(), loops in proptest::collection::vec(any::<proptest::sample::Index>(), 1..20)) {
        let n = f.len();
        let mut parent = vec![None; n];
        for (p, kids) in f.families() {
            for &c in kids {
                parent[c] = Some(p);
            }
        }
        let mut lists: Vec<Vec<usize>> = f.families().map(|(_, k)| k.to_vec()).collect();
        // Managers only: a stray under a leaf would make it a manager, which the compact
        // mode rightly treats differently.
        let managers: Vec<usize> = (0..n).filter(|&i| !lists[i].is_empty()).collect();
        for (k, pick) in loops.iter().enumerate().filter(|_| !managers.is_empty()) {
            // A manager lists itself, its parent or a root among its reports, or a missing id.
            let i = managers[pick.index(managers.len())];
            let stray = match k % 4 {
                0 => i,
                1 => parent[i].unwrap_or(i),
                2 => f.roots()[0],
                _ => n + k,
            };
            let at = pick.index(lists[i].len() + 1);
            lists[i].insert(at, stray);
        }
        let mut roots = f.roots().to_vec();
        roots.push(roots[0]);
        roots.push(n);
        let messy = Forest::new(lists, roots, f.sizes().to_vec());
        for opts in all_options() {
            prop_assert_eq!(layout(&messy, &opts), layout(&f, &opts));
        }
    }

    #[test]
    fn the_layout_is_deterministic(f in arb_forest()) {
        let opts = Options { compact_from: Some(3), ..Options::default() };
        prop_assert_eq!(layout(&f, &opts), layout(&f.clone(), &opts));
    }
}

#[test]
fn identical_subtrees_are_drawn_identically() {
    // Root with three identical subtrees (a manager with 2 reports, one of whom has 3),
    // and a different one in the middle.
    let mut parents = vec![None];
    let mut subtree_roots = Vec::new();
    for k in 0..4 {
        let m = parents.len();
        subtree_roots.push(m);
        parents.push(Some(0));
        let a = parents.len();
        parents.push(Some(m));
        parents.push(Some(m));
        let extra = if k == 1 { 5 } else { 3 };
        for _ in 0..extra {
            parents.push(Some(a));
        }
    }
    let sizes = vec![(120.0, 60.0); parents.len()];
    let f = forest(&parents, &sizes);
    let l = layout(&f, &Options::default());
    let shape = |root: usize| {
        let mut out = Vec::new();
        let mut stack = vec![root];
        let base = l.boxes[root].unwrap();
        while let Some(v) = stack.pop() {
            let b = l.boxes[v].unwrap();
            out.push(((b.x - base.x) * 1000.0).round() as i64);
            out.push(((b.y - base.y) * 1000.0).round() as i64);
            stack.extend(f.children(v).iter().rev());
        }
        out
    };
    assert_eq!(shape(subtree_roots[0]), shape(subtree_roots[2]));
    assert_eq!(shape(subtree_roots[0]), shape(subtree_roots[3]));
    assert_ne!(shape(subtree_roots[0]), shape(subtree_roots[1]));
}

#[test]
fn compact_mode_stacks_many_leaves_in_columns() {
    // A manager with 9 leaf reports.
    let mut parents = vec![None];
    parents.extend(std::iter::repeat_n(Some(0), 9));
    let sizes = vec![(100.0, 50.0); parents.len()];
    let f = forest(&parents, &sizes);
    let wide = layout(&f, &Options::default());
    let compact = layout(
        &f,
        &Options {
            compact_from: Some(5),
            compact_columns: 3,
            ..Options::default()
        },
    );
    assert!(
        compact.width < wide.width / 2.0,
        "{} vs {}",
        compact.width,
        wide.width
    );
    assert!(compact.height > wide.height * 2.0);
    // Three rows of three, in order, the first row under the manager.
    let rows: std::collections::BTreeSet<i64> = (1..10)
        .map(|i| compact.boxes[i].unwrap().y as i64)
        .collect();
    assert_eq!(rows.len(), 3);
    let first = compact.boxes[1].unwrap();
    let third = compact.boxes[3].unwrap();
    assert!(first.x < third.x && (first.y - third.y).abs() < 1e-9);
    let manager = compact.boxes[0].unwrap();
    let centre = (first.x + third.x) / 2.0;
    assert!(
        (manager.x - centre).abs() < 1e-6,
        "the stack is centred under its manager"
    );
    // Below the threshold nothing changes.
    let few = forest(&parents[..4], &sizes[..4]);
    let a = layout(
        &few,
        &Options {
            compact_from: Some(5),
            ..Options::default()
        },
    );
    assert_eq!(a, layout(&few, &Options::default()));
}

#[test]
fn left_to_right_turns_levels_into_columns() {
    let f = forest(&[None, Some(0), Some(0)], &[(150.0, 60.0); 3]);
    let l = layout(
        &f,
        &Options {
            orientation: Orientation::LeftRight,
            ..Options::default()
        },
    );
    let (root, a, b) = (
        l.boxes[0].unwrap(),
        l.boxes[1].unwrap(),
        l.boxes[2].unwrap(),
    );
    assert!(
        a.left() > root.right(),
        "children to the right of the parent"
    );
    assert!((a.x - b.x).abs() < 1e-9, "one column per level");
    assert!(a.bottom() <= b.y, "siblings one under the other");
}

#[test]
fn cycles_and_unreachable_nodes_do_not_hang_or_panic() {
    // 1 and 2 report to each other; 3 is reachable; nothing is a root but 0.
    let f = Forest::new(
        [vec![3], vec![2], vec![1], vec![]],
        vec![0],
        vec![(100.0, 50.0); 4],
    );
    let l = layout(&f, &Options::default());
    assert!(l.boxes[0].is_some() && l.boxes[3].is_some());
    assert!(l.boxes[1].is_none() && l.boxes[2].is_none());
    // A layouter that has just placed all four nodes of another chart forgets their boxes.
    let mut engine = Layouter::default();
    let all = Forest::new(
        [vec![1, 2, 3], vec![], vec![], vec![]],
        vec![0],
        vec![(100.0, 50.0); 4],
    );
    assert!(engine
        .run(&all, &Options::default())
        .boxes
        .iter()
        .all(Option::is_some));
    assert_eq!(engine.run(&f, &Options::default()), &l);
    assert_eq!(
        layout(&Forest::default(), &Options::default()).boxes.len(),
        0
    );
}
