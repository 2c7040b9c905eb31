//! The tidy-tree layout of the org chart, in plain numbers.
//!
//! Buchheim, Jünger and Leipert's linear-time version of Walker's algorithm ("Improving
//! Walker's algorithm to run in linear time", 2002), with a separation that depends on the
//! widths of the two neighbouring boxes, so cards of different widths never overlap. All
//! boxes of one level share a row (cards have one height). The result is:
//! - no two boxes overlap, and neighbours keep at least the gap between them;
//! - children keep their order, and a parent is centred over its first and last child;
//! - identical subtrees are drawn identically (up to a shift);
//! - the same input always gives the same output;
//! - several roots stand side by side, in their order.
//!
//! A manager with many reports that have no reports of their own can be drawn *compact*: the
//! leaves are stacked in columns under the manager instead of one very wide row. The stack is
//! laid out as a chain of rows, so the contour comparison sees its whole height.
//!
//! Orientation: top-down (levels are rows) or left-to-right (levels are columns); the layout
//! is computed in "breadth / depth" terms and turned at the end.

use std::ops::Range;

/// A forest to lay out: each node's children in order, the roots in order, and each node's
/// box size (width, height) in the top-down orientation. The children of all nodes are kept
/// in one array (node `i`'s are `kids[starts[i]..starts[i + 1]]`), which the layout reads
/// much faster than a list per node.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Forest {
    starts: Vec<usize>,
    kids: Vec<usize>,
    roots: Vec<usize>,
    sizes: Vec<(f64, f64)>,
    /// Every id is in range and no node is reached twice (each node is a root or one
    /// node's child, never both): the layout can then skip its guard against visiting a node
    /// twice. Worked out once here, as a forest is laid out many times.
    simple: bool,
}

impl Forest {
    /// A forest from children lists (one per node, so as many as `sizes`).
    pub fn new<K: AsRef<[usize]>>(
        children: impl IntoIterator<Item = K>,
        roots: Vec<usize>,
        sizes: Vec<(f64, f64)>,
    ) -> Forest {
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        let mut kids = Vec::with_capacity(sizes.len());
        starts.push(0);
        for list in children {
            kids.extend_from_slice(list.as_ref());
            starts.push(kids.len());
        }
        assert_eq!(starts.len(), sizes.len() + 1, "one children list per node");
        let n = sizes.len();
        let mut reached = vec![false; n];
        let simple = roots
            .iter()
            .chain(&kids)
            .all(|&i| i < n && !std::mem::replace(&mut reached[i], true));
        Forest {
            starts,
            kids,
            roots,
            sizes,
            simple,
        }
    }

    /// The roots, in order.
    pub fn roots(&self) -> &[usize] {
        &self.roots
    }

    /// Each node's box size (width, height) in the top-down orientation.
    pub fn sizes(&self) -> &[(f64, f64)] {
        &self.sizes
    }

    /// A forest from each node's parent (`None` for the roots, which keep their order);
    /// children keep the order of their ids.
    pub fn from_parents(parents: &[Option<usize>], sizes: Vec<(f64, f64)>) -> Forest {
        let mut lists = vec![Vec::new(); parents.len()];
        let mut roots = Vec::new();
        for (i, p) in parents.iter().enumerate() {
            match p {
                Some(p) => lists[*p].push(i),
                None => roots.push(i),
            }
        }
        Forest::new(lists, roots, sizes)
    }

    /// The children of node `i`, in order.
    #[inline]
    pub fn children(&self, i: usize) -> &[usize] {
        &self.kids[self.starts[i]..self.starts[i + 1]]
    }

    /// Every node with its children, in node order.
    pub fn families(&self) -> impl Iterator<Item = (usize, &[usize])> + '_ {
        (0..self.len()).map(|i| (i, self.children(i)))
    }

    /// How many nodes there are.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Which way the chart grows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    TopDown,
    LeftRight,
}

/// Spacing and options.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    pub orientation: Orientation,
    /// Space between neighbouring boxes of one family (the gaps count as zero if negative).
    pub sibling_gap: f64,
    /// Space between boxes of different families (and between roots).
    pub cousin_gap: f64,
    /// Space between levels.
    pub level_gap: f64,
    /// Stack leaf reports in columns when a manager has at least this many and all of them
    /// are leaves; `None` disables the compact mode.
    pub compact_from: Option<usize>,
    /// Columns of a compact stack.
    pub compact_columns: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            orientation: Orientation::TopDown,
            sibling_gap: 16.0,
            cousin_gap: 32.0,
            level_gap: 48.0,
            compact_from: None,
            compact_columns: 2,
        }
    }
}

/// A laid-out box: centre x, top y, width and height (in the requested orientation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Placed {
    pub fn left(&self) -> f64 {
        self.x - self.w / 2.0
    }
    pub fn right(&self) -> f64 {
        self.x + self.w / 2.0
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Do the boxes share any area?
    pub fn overlaps(&self, o: &Placed) -> bool {
        self.left() < o.right()
            && o.left() < self.right()
            && self.y < o.bottom()
            && o.y < self.bottom()
    }
}

/// The layout: one box per node of the forest (`None` for nodes not reachable from a root),
/// and the bounding size.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub boxes: Vec<Option<Placed>>,
    pub width: f64,
    pub height: f64,
}

const ROOT: usize = 0;
const NONE: u32 = u32::MAX;

/// One working node, with everything the walks read and write together (the contour walks
/// jump around the tree, so one node is close to one memory fetch).
#[derive(Clone, Copy)]
struct Node {
    prelim: f64,
    modifier: f64,
    /// The box's size across the levels.
    breadth: f64,
    /// The first child (children have consecutive ids) and how many there are.
    first: u32,
    count: u32,
    thread: u32,
    ancestor: u32,
}

impl Node {
    /// Node `id`, without children yet.
    #[inline]
    fn new(breadth: f64, id: usize) -> Node {
        Node {
            prelim: 0.0,
            modifier: 0.0,
            breadth,
            first: 0,
            count: 0,
            thread: NONE,
            ancestor: id as u32,
        }
    }
}

/// What the final placement needs of a working node, kept apart from the walks' data.
#[derive(Clone, Copy)]
struct Row {
    parent: u32,
    depth: u32,
    /// The real node behind the working node, or for a row of a compact stack the real
    /// nodes `members[start..start + len]`.
    start: u32,
    len: u32,
    /// A row of a compact stack (rather than one real node).
    stack: bool,
}

/// The working tree (index 0 is a virtual root above the real roots). Ids are given
/// breadth-first, so a node's children have consecutive ids and come after it. A working
/// node stands for one real node, or for a row of a compact stack.
#[derive(Default)]
struct Tree {
    nodes: Vec<Node>,
    rows: Vec<Row>,
    /// (change, shift) of each child of the family being walked.
    moves: Vec<(f64, f64)>,
    sibling_gap: f64,
    cousin_gap: f64,
    /// How many real nodes the tree places.
    placed: usize,
}

impl Tree {
    /// Empty the tree for a new layout, keeping the memory of the last one.
    fn reset(&mut self, n: usize, opts: &Options) {
        self.nodes.clear();
        self.rows.clear();
        self.nodes.reserve(n);
        self.rows.reserve(n);
        // Boxes must not overlap: gaps below zero count as zero.
        self.sibling_gap = opts.sibling_gap.max(0.0);
        self.cousin_gap = opts.cousin_gap.max(0.0);
        self.placed = 0;
    }

    fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Add a node under its row's parent (whose children must be added one after another).
    #[inline]
    fn add(&mut self, breadth: f64, row: Row) -> usize {
        let id = self.push(breadth, row);
        if id != ROOT {
            let p = &mut self.nodes[row.parent as usize];
            if p.count == 0 {
                p.first = id as u32;
            }
            debug_assert_eq!(id, (p.first + p.count) as usize, "children are consecutive");
            p.count += 1;
        }
        id
    }

    /// Add a node without telling its parent (see [`Tree::adopt`]).
    #[inline]
    fn push(&mut self, breadth: f64, row: Row) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node::new(breadth, id));
        if id != ROOT {
            self.placed += row.len as usize;
        }
        self.rows.push(row);
        id
    }

    /// Make the nodes pushed since id `first` the children of `parent` (which has none yet).
    #[inline]
    fn adopt(&mut self, parent: usize, first: usize) {
        let count = (self.nodes.len() - first) as u32;
        let p = &mut self.nodes[parent];
        debug_assert_eq!(p.count, 0);
        p.first = first as u32;
        p.count = count;
    }

    /// A node with neither children nor a thread (nothing below it on the contour).
    #[inline]
    fn is_bare_leaf(&self, v: usize) -> bool {
        let n = &self.nodes[v];
        n.count == 0 && n.thread == NONE
    }

    #[inline]
    fn next_left(&self, v: usize) -> Option<usize> {
        let n = &self.nodes[v];
        if n.count > 0 {
            Some(n.first as usize)
        } else {
            (n.thread != NONE).then_some(n.thread as usize)
        }
    }

    #[inline]
    fn next_right(&self, v: usize) -> Option<usize> {
        let n = &self.nodes[v];
        if n.count > 0 {
            Some((n.first + n.count - 1) as usize)
        } else {
            (n.thread != NONE).then_some(n.thread as usize)
        }
    }

    /// Shift the subtree of `wp` right by `shift`, spreading the change over the siblings
    /// between `wm` and `wp` (siblings have consecutive ids, so the ids give their distance).
    /// The spread is noted in `moves` (by position in the family whose first child is
    /// `first`) and carried out by [`Tree::execute_shifts`] once the family is walked.
    #[inline]
    fn move_subtree(&mut self, first: usize, wm: usize, wp: usize, shift: f64) {
        let change = shift / (wp - wm) as f64;
        let p = &mut self.nodes[wp];
        p.prelim += shift;
        p.modifier += shift;
        // Only the children up to the last one moved need a note (the walk is left to right).
        if self.moves.len() <= wp - first {
            self.moves.resize(wp - first + 1, (0.0, 0.0));
        }
        let m = &mut self.moves[wp - first];
        m.0 -= change;
        m.1 += shift;
        self.moves[wm - first].0 += change;
    }

    /// Carry out the moves noted for the family whose first child is `first`.
    fn execute_shifts(&mut self, first: usize) {
        let (mut shift, mut change) = (0.0, 0.0);
        let count = self.moves.len();
        let family = self.nodes[first..first + count].iter_mut();
        for (c, m) in family.zip(&self.moves).rev() {
            c.prelim += shift;
            c.modifier += shift;
            change += m.0;
            shift += m.1 + change;
        }
    }

    /// Push the subtree of `v` clear of its left siblings' subtrees (`w` is the nearest one).
    /// Nodes compared here are always in different families, so they keep the cousin gap.
    fn apportion(&mut self, family: Range<usize>, v: usize, w: usize, default: usize) -> usize {
        let first = family.start;
        let mut default = default;
        let (mut vip, mut vop, mut vim, mut vom) = (v, v, w, first);
        let (mut sip, mut sop, mut sim, mut som) = (
            self.nodes[vip].modifier,
            self.nodes[vop].modifier,
            self.nodes[vim].modifier,
            self.nodes[vom].modifier,
        );
        while let (Some(nim), Some(nip)) = (self.next_right(vim), self.next_left(vip)) {
            vim = nim;
            vip = nip;
            vom = self.next_left(vom).expect("the outer contour is as deep");
            vop = self.next_right(vop).expect("the outer contour is as deep");
            self.nodes[vop].ancestor = v as u32;
            let (im, ip) = (&self.nodes[vim], &self.nodes[vip]);
            let shift = im.prelim + sim - ip.prelim - sip
                + (im.breadth + ip.breadth) * 0.5
                + self.cousin_gap;
            if shift > 0.0 {
                let a = im.ancestor as usize;
                // The left sibling whose subtree the contour met, if it is one.
                let a = if family.contains(&a) { a } else { default };
                self.move_subtree(first, a, v, shift);
                sip += shift;
                sop += shift;
            }
            sim += self.nodes[vim].modifier;
            sip += self.nodes[vip].modifier;
            som += self.nodes[vom].modifier;
            sop += self.nodes[vop].modifier;
        }
        if let Some(nim) = self.next_right(vim) {
            if self.next_right(vop).is_none() {
                let o = &mut self.nodes[vop];
                o.thread = nim as u32;
                o.modifier += sim - sop;
            }
        }
        if let Some(nip) = self.next_left(vip) {
            if self.next_left(vom).is_none() {
                let o = &mut self.nodes[vom];
                o.thread = nip as u32;
                o.modifier += sip - som;
                default = v;
            }
        }
        default
    }

    /// The first walk of one family: the children of `p`, left to right (their own
    /// children are done).
    fn first_walk_family(&mut self, p: usize) {
        let first = self.nodes[p].first as usize;
        let count = self.nodes[p].count as usize;
        let gap = if p == ROOT {
            self.cousin_gap
        } else {
            self.sibling_gap
        };
        let mut default = first;
        self.moves.clear();
        // The left neighbour's prelim and breadth, kept at hand rather than read back.
        let mut left_one: Option<(f64, f64)> = None;
        for v in first..first + count {
            let node = self.nodes[v];
            let left = left_one.map(|(x, b)| x + (b + node.breadth) * 0.5 + gap);
            let mut prelim = left.unwrap_or(0.0);
            if node.count > 0 {
                let a = node.first as usize;
                let b = a + node.count as usize - 1;
                let midpoint = (self.nodes[a].prelim + self.nodes[b].prelim) * 0.5;
                let n = &mut self.nodes[v];
                match left {
                    Some(x) => n.modifier = x - midpoint,
                    None => prelim = midpoint,
                }
                n.prelim = prelim;
            } else {
                self.nodes[v].prelim = prelim;
            }
            // A leaf next to a leaf without a thread has no contour below it to compare:
            // the apportioning would do nothing, and most nodes of an org chart are such.
            if v > first && (node.count > 0 || !self.is_bare_leaf(v - 1)) {
                default = self.apportion(first..first + count, v, v - 1, default);
                prelim = self.nodes[v].prelim;
            }
            left_one = Some((prelim, node.breadth));
        }
        // No later walk moves these children apart again, so their parent can use them.
        self.execute_shifts(first);
    }

    /// The first walk over all families, last parent first: children have larger ids than
    /// their parent, so every node comes after its whole subtree and after its left
    /// siblings, as the recursive walk has it (families do not touch each other's contours).
    fn first_walk_all(&mut self) {
        for p in (0..self.len()).rev() {
            if self.nodes[p].count > 0 {
                self.first_walk_family(p);
            }
        }
    }

    /// The leftmost box edge (relative to the virtual root; infinite when there are no
    /// nodes). The threads of the first walk lead down the left contour, the leftmost node of
    /// every level, with modifiers that sum along it as they do along a path of parents; as
    /// boxes of one level never overlap (the gaps are not negative), the leftmost edge is on
    /// that contour, so this reads a node per level instead of every node.
    fn left_edge(&self) -> f64 {
        let mut left = f64::INFINITY;
        let (mut v, mut above) = (self.next_left(ROOT), 0.0);
        while let Some(i) = v {
            let n = &self.nodes[i];
            left = left.min(n.prelim + above - n.breadth * 0.5);
            above += n.modifier;
            v = self.next_left(i);
        }
        left
    }
}

/// Lay out a forest.
pub fn layout(forest: &Forest, opts: &Options) -> Layout {
    let mut l = Layouter::default();
    l.run(forest, opts);
    l.out
}

/// A layout engine that keeps its working memory between layouts, so laying out again (after
/// a fold, a move, a new option) allocates nothing once it has seen a chart of that size.
#[derive(Default)]
pub struct Layouter {
    t: Tree,
    s: Scratch,
    out: Layout,
}

/// Working memory besides the tree, kept between layouts.
#[derive(Default)]
struct Scratch {
    /// The real nodes of the rows of compact stacks.
    members: Vec<usize>,
    /// Nodes already placed (for forests that are not simple).
    seen: Vec<bool>,
    /// The reports of the manager being added.
    kids: Vec<usize>,
    /// How deep each level is (as its deepest box), and where it starts.
    level_size: Vec<f64>,
    level_pos: Vec<f64>,
}

impl Layouter {
    /// Lay out `forest`; the result stays in the layouter until the next run.
    pub fn run(&mut self, forest: &Forest, opts: &Options) -> &Layout {
        let Layouter { t, s, out } = self;
        if forest.simple {
            build::<false>(forest, opts, t, s);
        } else {
            build::<true>(forest, opts, t, s);
        }
        t.first_walk_all();
        place(forest, opts, t, s, out);
        out
    }
}

/// Build the working tree breadth-first from the roots. With `GUARD`, ids out of range and
/// nodes already reached (a second parent, a cycle) are skipped; a simple forest (see `Forest`)
/// has neither, so the check is left out.
fn build<const GUARD: bool>(forest: &Forest, opts: &Options, t: &mut Tree, s: &mut Scratch) {
    let Scratch {
        members,
        seen,
        kids,
        level_size,
        ..
    } = s;
    let n = forest.sizes.len();
    if GUARD {
        seen.clear();
        seen.resize(n, false);
    }
    // Is `c` a node not placed yet? (Marks it placed.)
    let mut fresh = |c: usize| !GUARD || (c < n && !std::mem::replace(&mut seen[c], true));
    // (breadth, depth) of a box in the chosen orientation.
    let oriented = |(w, h): (f64, f64)| match opts.orientation {
        Orientation::TopDown => (w, h),
        Orientation::LeftRight => (h, w),
    };
    t.reset(n + 1, opts);
    members.clear();
    level_size.clear();
    level_size.push(0.0);
    let grow = |level_size: &mut Vec<f64>, d: usize, size: f64| {
        if d >= level_size.len() {
            level_size.resize(d + 1, 0.0);
        }
        level_size[d] = larger(level_size[d], size);
    };
    let one = |parent: usize, real: usize, depth: usize| Row {
        parent: parent as u32,
        depth: depth as u32,
        start: real as u32,
        len: 1,
        stack: false,
    };
    t.add(0.0, one(ROOT, 0, 0));
    for &r in &forest.roots {
        if fresh(r) {
            let (b, d) = oriented(forest.sizes[r]);
            grow(level_size, 1, d);
            t.add(b, one(ROOT, r, 1));
        }
    }
    // Breadth-first: the ids themselves are the queue.
    let mut head = 1;
    while head < t.len() {
        let v = head;
        head += 1;
        let row = t.rows[v];
        if row.stack {
            continue;
        }
        let real = row.start as usize;
        let children = forest.children(real);
        if children.is_empty() {
            // Most people manage nobody: nothing to add.
            continue;
        }
        let depth = row.depth as usize + 1;
        let may_stack = opts
            .compact_from
            .is_some_and(|k| children.len() >= k.max(2));
        if !may_stack {
            // The common case: one working node per report, the family added in one go.
            let first = t.len();
            let mut deepest = 0.0;
            if GUARD {
                for &c in children {
                    if fresh(c) {
                        let (b, d) = oriented(forest.sizes[c]);
                        deepest = larger(deepest, d);
                        t.push(b, one(v, c, depth));
                    }
                }
            } else {
                // Every report is new: the arrays grow by the family's size at once, which
                // saves a capacity check per node.
                t.nodes.extend(children.iter().enumerate().map(|(k, &c)| {
                    let (b, d) = oriented(forest.sizes[c]);
                    deepest = larger(deepest, d);
                    Node::new(b, first + k)
                }));
                t.rows.extend(children.iter().map(|&c| one(v, c, depth)));
                t.placed += children.len();
            }
            t.adopt(v, first);
            grow(level_size, depth, deepest);
            continue;
        }
        kids.clear();
        kids.extend(children.iter().copied().filter(|&c| fresh(c)));
        if kids.is_empty() {
            continue;
        }
        let compact = opts.compact_from.is_some_and(|k| kids.len() >= k.max(2))
            && kids.iter().all(|&c| forest.children(c).is_empty());
        if compact {
            // Rows of `cols` leaves, as a chain under the manager, in equal columns as wide as
            // the widest leaf.
            let cols = opts.compact_columns.max(1);
            let column = kids
                .iter()
                .map(|&c| oriented(forest.sizes[c]).0)
                .fold(0.0, f64::max);
            let breadth = column * cols as f64 + t.sibling_gap * (cols - 1) as f64;
            let mut parent = v;
            for (r, chunk) in kids.chunks(cols).enumerate() {
                let start = members.len();
                members.extend_from_slice(chunk);
                for &c in chunk {
                    grow(level_size, depth + r, oriented(forest.sizes[c]).1);
                }
                let row = Row {
                    parent: parent as u32,
                    depth: (depth + r) as u32,
                    start: start as u32,
                    len: chunk.len() as u32,
                    stack: true,
                };
                parent = t.add(breadth, row);
            }
        } else {
            for &c in kids.iter() {
                let (b, d) = oriented(forest.sizes[c]);
                grow(level_size, depth, d);
                t.add(b, one(v, c, depth));
            }
        }
    }
}

fn place(forest: &Forest, opts: &Options, t: &mut Tree, s: &mut Scratch, out: &mut Layout) {
    let Scratch {
        members,
        level_size,
        level_pos,
        ..
    } = s;
    let n = forest.sizes.len();
    let levels = level_size.len() - 1;
    level_pos.clear();
    level_pos.resize(levels + 2, 0.0);
    for d in 1..=levels {
        level_pos[d + 1] = level_pos[d] + level_size[d] + opts.level_gap;
    }

    let left = t.left_edge();
    let shift = if left.is_finite() { -left } else { 0.0 };
    let boxes = &mut out.boxes;
    // When every node gets a box, the boxes of a chart of the same size laid out before are
    // all overwritten: clearing them first would be wasted.
    if boxes.len() != n || t.placed != n {
        boxes.clear();
        boxes.resize(n, None);
    }
    let (mut width, mut height) = (0.0_f64, 0.0_f64);
    let (gap, cols) = (t.sibling_gap, opts.compact_columns.max(1));
    // Final breadth positions are prelim plus the modifiers of all ancestors; parents come
    // first, so `modifier` becomes the running sum in the same pass.
    t.nodes[ROOT].modifier = 0.0;
    for v in 1..t.nodes.len() {
        let row = t.rows[v];
        let above = t.nodes[row.parent as usize].modifier;
        let node = &mut t.nodes[v];
        node.modifier += above;
        let (centre, breadth) = (node.prelim + above + shift, node.breadth);
        let depth_at = level_pos[row.depth as usize];
        let (s, l) = (row.start as usize, row.len as usize);
        let mut place = |r: usize, centre: f64| {
            let b = turn(centre, depth_at, forest.sizes[r], opts.orientation);
            width = larger(width, b.right());
            height = larger(height, b.bottom());
            boxes[r] = Some(b);
        };
        if !row.stack {
            place(s, centre);
        } else {
            // A row of a compact stack: equal columns across the row's breadth.
            let col = (breadth - gap * (cols - 1) as f64) / cols as f64;
            let left = centre - breadth / 2.0;
            for (j, &r) in members[s..s + l].iter().enumerate() {
                place(r, left + col / 2.0 + j as f64 * (col + gap));
            }
        }
    }
    out.width = width;
    out.height = height;
}

/// The larger of two sizes (sizes are never NaN, so no NaN handling is needed; `f64::max`
/// spends measurable time on it in this hot loop).
#[inline]
fn larger(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

/// A box from breadth position (centre) and depth position (top), in the orientation.
fn turn(breadth_centre: f64, depth_top: f64, (w, h): (f64, f64), o: Orientation) -> Placed {
    match o {
        Orientation::TopDown => Placed {
            x: breadth_centre,
            y: depth_top,
            w,
            h,
        },
        Orientation::LeftRight => Placed {
            x: depth_top + w / 2.0,
            y: breadth_centre - h / 2.0,
            w,
            h,
        },
    }
}

/// An org-chart-like forest of `n` nodes for benchmarks and profiling: three roots, each
/// manager with 2–12 reports (deterministic), card widths that vary like names do.
pub fn sample_forest(n: usize) -> Forest {
    let mut parents = vec![None; n];
    let (mut next, mut manager) = (n.min(3), 0);
    while next < n {
        for _ in 0..2 + (manager * 7919 % 11) {
            if next == n {
                break;
            }
            parents[next] = Some(manager);
            next += 1;
        }
        manager += 1;
    }
    let sizes = (0..n)
        .map(|i| (140.0 + (i * 37 % 80) as f64, 64.0))
        .collect();
    Forest::from_parents(&parents, sizes)
}
