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

/// A forest to lay out: children lists by node index, the roots in order, and each node's
/// box size (width, height) in the top-down orientation.
#[derive(Clone, Debug, Default)]
pub struct Forest {
    pub children: Vec<Vec<usize>>,
    pub roots: Vec<usize>,
    pub sizes: Vec<(f64, f64)>,
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
    /// Space between neighbouring boxes of one family.
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
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub boxes: Vec<Option<Placed>>,
    pub width: f64,
    pub height: f64,
}

/// A node of the working tree: a real node, a row of a compact stack, or the virtual root.
#[derive(Clone, Debug)]
struct W {
    /// Breadth of the box (width top-down).
    breadth: f64,
    /// Which real nodes this box stands for (a range of the members list): one, or a row of
    /// a stack (in order).
    real: std::ops::Range<usize>,
    /// A row of a compact stack.
    stack: bool,
    parent: usize,
    children: Kids,
    /// Number among the siblings.
    number: usize,
    depth: usize,
    prelim: f64,
    modifier: f64,
    change: f64,
    shift: f64,
    thread: Option<usize>,
    ancestor: usize,
    default_ancestor: Option<usize>,
    x: f64,
}

const ROOT: usize = 0;

/// The children of a working node. A node's children get consecutive ids (the working tree
/// is built breadth-first), so a start and a count describe them without an allocation.
#[derive(Clone, Copy, Debug, Default)]
struct Kids {
    start: usize,
    len: usize,
}

impl Kids {
    fn push(&mut self, id: usize) {
        if self.len == 0 {
            self.start = id;
        }
        debug_assert_eq!(id, self.start + self.len, "children are consecutive");
        self.len += 1;
    }
    fn first(&self) -> Option<usize> {
        (self.len > 0).then_some(self.start)
    }
    fn last(&self) -> Option<usize> {
        (self.len > 0).then(|| self.start + self.len - 1)
    }
    fn at(&self, i: usize) -> usize {
        debug_assert!(i < self.len);
        self.start + i
    }
    fn len(&self) -> usize {
        self.len
    }
    fn is_empty(&self) -> bool {
        self.len == 0
    }
    fn iter(&self) -> std::ops::Range<usize> {
        self.start..self.start + self.len
    }
}

struct Walker<'a> {
    w: Vec<W>,
    opts: &'a Options,
}

impl Walker<'_> {
    fn separation(&self, a: usize, b: usize) -> f64 {
        let gap = if self.w[a].parent == self.w[b].parent && self.w[a].parent != ROOT {
            self.opts.sibling_gap
        } else {
            self.opts.cousin_gap
        };
        (self.w[a].breadth + self.w[b].breadth) / 2.0 + gap
    }

    fn next_left(&self, v: usize) -> Option<usize> {
        self.w[v].children.first().or(self.w[v].thread)
    }

    fn next_right(&self, v: usize) -> Option<usize> {
        self.w[v].children.last().or(self.w[v].thread)
    }

    fn move_subtree(&mut self, wm: usize, wp: usize, shift: f64) {
        let subtrees = (self.w[wp].number - self.w[wm].number) as f64;
        let change = shift / subtrees;
        self.w[wp].change -= change;
        self.w[wp].shift += shift;
        self.w[wm].change += change;
        self.w[wp].prelim += shift;
        self.w[wp].modifier += shift;
    }

    fn execute_shifts(&mut self, v: usize) {
        let mut shift = 0.0;
        let mut change = 0.0;
        for i in (0..self.w[v].children.len()).rev() {
            let c = self.w[v].children.at(i);
            self.w[c].prelim += shift;
            self.w[c].modifier += shift;
            change += self.w[c].change;
            shift += self.w[c].shift + change;
        }
    }

    fn next_ancestor(&self, vim: usize, v: usize, default: usize) -> usize {
        let a = self.w[vim].ancestor;
        if self.w[a].parent == self.w[v].parent && a != ROOT {
            a
        } else {
            default
        }
    }

    fn apportion(&mut self, v: usize, left_sibling: Option<usize>, mut default: usize) -> usize {
        let Some(w) = left_sibling else {
            return default;
        };
        let parent = self.w[v].parent;
        let (mut vip, mut vop, mut vim, mut vom) = (v, v, w, self.w[parent].children.at(0));
        let (mut sip, mut sop, mut sim, mut som) = (
            self.w[vip].modifier,
            self.w[vop].modifier,
            self.w[vim].modifier,
            self.w[vom].modifier,
        );
        while let (Some(nim), Some(nip)) = (self.next_right(vim), self.next_left(vip)) {
            vim = nim;
            vip = nip;
            vom = self.next_left(vom).expect("the outer contour is as deep");
            vop = self.next_right(vop).expect("the outer contour is as deep");
            self.w[vop].ancestor = v;
            let shift =
                self.w[vim].prelim + sim - self.w[vip].prelim - sip + self.separation(vim, vip);
            if shift > 0.0 {
                let a = self.next_ancestor(vim, v, default);
                self.move_subtree(a, v, shift);
                sip += shift;
                sop += shift;
            }
            sim += self.w[vim].modifier;
            sip += self.w[vip].modifier;
            som += self.w[vom].modifier;
            sop += self.w[vop].modifier;
        }
        if let Some(nim) = self.next_right(vim) {
            if self.next_right(vop).is_none() {
                self.w[vop].thread = Some(nim);
                self.w[vop].modifier += sim - sop;
            }
        }
        if let Some(nip) = self.next_left(vip) {
            if self.next_left(vom).is_none() {
                self.w[vom].thread = Some(nip);
                self.w[vom].modifier += sip - som;
                default = v;
            }
        }
        default
    }

    /// Post-order first walk (iterative, so deep trees do not exhaust the stack).
    fn first_walk_all(&mut self) {
        let order = self.post_order();
        for v in order {
            if v == ROOT {
                continue;
            }
            let parent = self.w[v].parent;
            let number = self.w[v].number;
            let left = (number > 0).then(|| self.w[parent].children.at(number - 1));
            if !self.w[v].children.is_empty() {
                self.execute_shifts(v);
                let first = self.w[v].children.at(0);
                let last = self.w[v].children.last().expect("not empty");
                let midpoint = (self.w[first].prelim + self.w[last].prelim) / 2.0;
                if let Some(l) = left {
                    self.w[v].prelim = self.w[l].prelim + self.separation(v, l);
                    self.w[v].modifier = self.w[v].prelim - midpoint;
                } else {
                    self.w[v].prelim = midpoint;
                }
            } else if let Some(l) = left {
                self.w[v].prelim = self.w[l].prelim + self.separation(v, l);
            }
            let first_sibling = self.w[parent].children.at(0);
            let default = self.w[parent].default_ancestor.unwrap_or(first_sibling);
            let a = self.apportion(v, left, default);
            self.w[parent].default_ancestor = Some(a);
        }
        // The virtual root: centre over its children like any parent.
        if !self.w[ROOT].children.is_empty() {
            self.execute_shifts(ROOT);
        }
    }

    fn post_order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.w.len());
        let mut stack = vec![(ROOT, 0usize)];
        while let Some((v, i)) = stack.pop() {
            if i < self.w[v].children.len() {
                stack.push((v, i + 1));
                stack.push((self.w[v].children.at(i), 0));
            } else {
                out.push(v);
            }
        }
        out
    }

    fn second_walk_all(&mut self) {
        // Pre-order: x = prelim + sum of ancestors' modifiers.
        let mut stack = vec![(ROOT, 0.0)];
        while let Some((v, m)) = stack.pop() {
            self.w[v].x = self.w[v].prelim + m;
            let m = m + self.w[v].modifier;
            for c in self.w[v].children.iter().rev() {
                stack.push((c, m));
            }
        }
    }
}

/// Lay out a forest.
pub fn layout(forest: &Forest, opts: &Options) -> Layout {
    let n = forest.sizes.len();
    // (breadth, depth) of a box in the chosen orientation.
    let oriented = |(w, h): (f64, f64)| match opts.orientation {
        Orientation::TopDown => (w, h),
        Orientation::LeftRight => (h, w),
    };
    let blank = |breadth: f64,
                 real: std::ops::Range<usize>,
                 parent: usize,
                 number: usize,
                 depth: usize,
                 id: usize| W {
        breadth,
        real,
        stack: false,
        parent,
        children: Kids::default(),
        number,
        depth,
        prelim: 0.0,
        modifier: 0.0,
        change: 0.0,
        shift: 0.0,
        thread: None,
        ancestor: id,
        default_ancestor: None,
        x: 0.0,
    };
    let mut w = Vec::with_capacity(n + 1);
    w.push(blank(0.0, 0..0, ROOT, 0, 0, ROOT));
    // The real nodes behind each working node, in order (ranges of this list).
    let mut members: Vec<usize> = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    // Build the working tree breadth-first from the roots (cycles and repeats are ignored).
    let mut queue = std::collections::VecDeque::new();
    for &r in &forest.roots {
        if r < n && !seen[r] {
            seen[r] = true;
            let id = w.len();
            let number = w[ROOT].children.len();
            members.push(r);
            w.push(blank(
                oriented(forest.sizes[r]).0,
                members.len() - 1..members.len(),
                ROOT,
                number,
                1,
                id,
            ));
            w[ROOT].children.push(id);
            queue.push_back(id);
        }
    }
    let mut kids: Vec<usize> = Vec::new();
    while let Some(v) = queue.pop_front() {
        if w[v].stack {
            continue;
        }
        let real = members[w[v].real.start];
        kids.clear();
        kids.extend(
            forest.children[real]
                .iter()
                .copied()
                .filter(|&c| c < n && !std::mem::replace(&mut seen[c], true)),
        );
        if kids.is_empty() {
            continue;
        }
        let all_leaves = kids.iter().all(|&c| forest.children[c].is_empty());
        let compact = opts.compact_from.is_some_and(|k| kids.len() >= k.max(2)) && all_leaves;
        let depth = w[v].depth + 1;
        if compact {
            // Rows of `cols` leaves, as a chain under the manager, in equal columns as wide as
            // the widest leaf.
            let cols = opts.compact_columns.max(1);
            let column = kids
                .iter()
                .map(|&c| oriented(forest.sizes[c]).0)
                .fold(0.0, f64::max);
            let breadth = column * cols as f64 + opts.sibling_gap * (cols - 1) as f64;
            let mut parent = v;
            for (r, row) in kids.chunks(cols).enumerate() {
                let id = w.len();
                let start = members.len();
                members.extend_from_slice(row);
                w.push(W {
                    stack: true,
                    ..blank(breadth, start..members.len(), parent, 0, depth + r, id)
                });
                w[parent].children.push(id);
                parent = id;
            }
        } else {
            for &c in &kids {
                let id = w.len();
                let number = w[v].children.len();
                members.push(c);
                w.push(blank(
                    oriented(forest.sizes[c]).0,
                    members.len() - 1..members.len(),
                    v,
                    number,
                    depth,
                    id,
                ));
                w[v].children.push(id);
                queue.push_back(id);
            }
        }
    }
    let mut walker = Walker { w, opts };
    walker.first_walk_all();
    walker.second_walk_all();
    let w = walker.w;

    // Depth of each level: the tallest box on it.
    let levels = w.iter().map(|x| x.depth).max().unwrap_or(0);
    let mut level_size = vec![0.0_f64; levels + 1];
    for node in w.iter().skip(1) {
        for &r in &members[node.real.clone()] {
            level_size[node.depth] = level_size[node.depth].max(oriented(forest.sizes[r]).1);
        }
    }
    let mut level_pos = vec![0.0; levels + 2];
    for d in 1..=levels {
        level_pos[d + 1] = level_pos[d] + level_size[d] + opts.level_gap;
    }

    let mut boxes: Vec<Option<Placed>> = vec![None; n];
    let min_x = w
        .iter()
        .skip(1)
        .map(|x| x.x - x.breadth / 2.0)
        .fold(f64::INFINITY, f64::min);
    let shift = if min_x.is_finite() { -min_x } else { 0.0 };
    for node in w.iter().skip(1) {
        let depth_at = level_pos[node.depth];
        match (node.stack, &members[node.real.clone()]) {
            (false, [r]) => {
                boxes[*r] = Some(turn(
                    node.x + shift,
                    depth_at,
                    forest.sizes[*r],
                    opts.orientation,
                ));
            }
            _ => {
                // A row of a compact stack: equal columns across the row's breadth.
                let cols = opts.compact_columns.max(1);
                let col = (node.breadth - opts.sibling_gap * (cols - 1) as f64) / cols as f64;
                let left = node.x + shift - node.breadth / 2.0;
                for (j, &r) in members[node.real.clone()].iter().enumerate() {
                    let cx = left + col / 2.0 + j as f64 * (col + opts.sibling_gap);
                    boxes[r] = Some(turn(cx, depth_at, forest.sizes[r], opts.orientation));
                }
            }
        }
    }
    let width = boxes
        .iter()
        .flatten()
        .map(|b| b.right())
        .fold(0.0, f64::max);
    let height = boxes
        .iter()
        .flatten()
        .map(|b| b.bottom())
        .fold(0.0, f64::max);
    Layout {
        boxes,
        width,
        height,
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
