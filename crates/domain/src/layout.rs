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
#[derive(Clone, Debug, Default, PartialEq)]
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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub boxes: Vec<Option<Placed>>,
    pub width: f64,
    pub height: f64,
}

const ROOT: usize = 0;
const NONE: u32 = u32::MAX;

/// The working tree, one array per field (index 0 is a virtual root above the real roots).
/// Ids are given breadth-first, so a node's children have consecutive ids: `first` and
/// `count` describe them. A working node stands for one real node, or for a row of a
/// compact stack (`members[mem_start..mem_start + mem_len]`).
struct Tree {
    breadth: Vec<f64>,
    parent: Vec<u32>,
    first: Vec<u32>,
    count: Vec<u32>,
    number: Vec<u32>,
    depth: Vec<u32>,
    stack: Vec<bool>,
    mem_start: Vec<u32>,
    mem_len: Vec<u32>,
    prelim: Vec<f64>,
    modifier: Vec<f64>,
    change: Vec<f64>,
    shift: Vec<f64>,
    thread: Vec<u32>,
    ancestor: Vec<u32>,
    default_ancestor: Vec<u32>,
    /// Scratch of the level-by-level walk: node ids by depth and where each depth starts.
    order: Vec<u32>,
    level_start: Vec<usize>,
    sibling_gap: f64,
    cousin_gap: f64,
}

impl Tree {
    /// Empty the tree for a new layout, keeping the memory of the last one.
    fn reset(&mut self, n: usize, opts: &Options) {
        for v in [
            &mut self.breadth,
            &mut self.prelim,
            &mut self.modifier,
            &mut self.change,
            &mut self.shift,
        ] {
            v.clear();
        }
        for v in [
            &mut self.parent,
            &mut self.first,
            &mut self.count,
            &mut self.number,
            &mut self.depth,
            &mut self.mem_start,
            &mut self.mem_len,
            &mut self.thread,
            &mut self.ancestor,
            &mut self.default_ancestor,
            &mut self.order,
        ] {
            v.clear();
        }
        self.stack.clear();
        self.breadth.reserve(n);
        self.parent.reserve(n);
        self.first.reserve(n);
        self.count.reserve(n);
        self.number.reserve(n);
        self.depth.reserve(n);
        self.stack.reserve(n);
        self.mem_start.reserve(n);
        self.mem_len.reserve(n);
        self.sibling_gap = opts.sibling_gap;
        self.cousin_gap = opts.cousin_gap;
    }

    fn len(&self) -> usize {
        self.parent.len()
    }

    /// Add a node under `parent` (its children must be added one after another).
    fn add(
        &mut self,
        parent: usize,
        breadth: f64,
        depth: usize,
        stack: bool,
        mem: (usize, usize),
    ) -> usize {
        let id = self.len();
        self.breadth.push(breadth);
        self.parent.push(parent as u32);
        self.first.push(0);
        self.count.push(0);
        self.depth.push(depth as u32);
        self.stack.push(stack);
        self.mem_start.push(mem.0 as u32);
        self.mem_len.push(mem.1 as u32);
        if id != ROOT {
            let p = parent;
            if self.count[p] == 0 {
                self.first[p] = id as u32;
            }
            debug_assert_eq!(
                id,
                (self.first[p] + self.count[p]) as usize,
                "children are consecutive"
            );
            self.number.push(self.count[p]);
            self.count[p] += 1;
        } else {
            self.number.push(0);
        }
        id
    }

    fn start_walks(&mut self) {
        let n = self.len();
        self.prelim.resize(n, 0.0);
        self.modifier.resize(n, 0.0);
        self.change.resize(n, 0.0);
        self.shift.resize(n, 0.0);
        self.thread.resize(n, NONE);
        self.ancestor.extend(0..n as u32);
        self.default_ancestor.resize(n, NONE);
    }

    #[inline]
    fn separation(&self, a: usize, b: usize) -> f64 {
        let pa = self.parent[a];
        let gap = if pa == self.parent[b] && pa as usize != ROOT {
            self.sibling_gap
        } else {
            self.cousin_gap
        };
        (self.breadth[a] + self.breadth[b]) * 0.5 + gap
    }

    #[inline]
    fn next_left(&self, v: usize) -> Option<usize> {
        if self.count[v] > 0 {
            Some(self.first[v] as usize)
        } else {
            (self.thread[v] != NONE).then_some(self.thread[v] as usize)
        }
    }

    #[inline]
    fn next_right(&self, v: usize) -> Option<usize> {
        if self.count[v] > 0 {
            Some((self.first[v] + self.count[v] - 1) as usize)
        } else {
            (self.thread[v] != NONE).then_some(self.thread[v] as usize)
        }
    }

    fn move_subtree(&mut self, wm: usize, wp: usize, shift: f64) {
        let change = shift / f64::from(self.number[wp] - self.number[wm]);
        self.change[wp] -= change;
        self.shift[wp] += shift;
        self.change[wm] += change;
        self.prelim[wp] += shift;
        self.modifier[wp] += shift;
    }

    fn execute_shifts(&mut self, v: usize) {
        let (mut shift, mut change) = (0.0, 0.0);
        let first = self.first[v] as usize;
        for c in (first..first + self.count[v] as usize).rev() {
            self.prelim[c] += shift;
            self.modifier[c] += shift;
            change += self.change[c];
            shift += self.shift[c] + change;
        }
    }

    fn apportion(&mut self, v: usize, left: Option<usize>, mut default: usize) -> usize {
        let Some(w) = left else {
            return default;
        };
        let parent = self.parent[v] as usize;
        let (mut vip, mut vop, mut vim, mut vom) = (v, v, w, self.first[parent] as usize);
        let (mut sip, mut sop, mut sim, mut som) = (
            self.modifier[vip],
            self.modifier[vop],
            self.modifier[vim],
            self.modifier[vom],
        );
        while let (Some(nim), Some(nip)) = (self.next_right(vim), self.next_left(vip)) {
            vim = nim;
            vip = nip;
            vom = self.next_left(vom).expect("the outer contour is as deep");
            vop = self.next_right(vop).expect("the outer contour is as deep");
            self.ancestor[vop] = v as u32;
            let shift = self.prelim[vim] + sim - self.prelim[vip] - sip + self.separation(vim, vip);
            if shift > 0.0 {
                let a = self.ancestor[vim] as usize;
                let a = if a != ROOT && self.parent[a] == self.parent[v] {
                    a
                } else {
                    default
                };
                self.move_subtree(a, v, shift);
                sip += shift;
                sop += shift;
            }
            sim += self.modifier[vim];
            sip += self.modifier[vip];
            som += self.modifier[vom];
            sop += self.modifier[vop];
        }
        if let Some(nim) = self.next_right(vim) {
            if self.next_right(vop).is_none() {
                self.thread[vop] = nim as u32;
                self.modifier[vop] += sim - sop;
            }
        }
        if let Some(nip) = self.next_left(vip) {
            if self.next_left(vom).is_none() {
                self.thread[vom] = nip as u32;
                self.modifier[vom] += sip - som;
                default = v;
            }
        }
        default
    }

    fn first_walk(&mut self, v: usize) {
        let parent = self.parent[v] as usize;
        let number = self.number[v] as usize;
        let left = (number > 0).then(|| v - 1);
        if self.count[v] > 0 {
            self.execute_shifts(v);
            let first = self.first[v] as usize;
            let last = first + self.count[v] as usize - 1;
            let midpoint = (self.prelim[first] + self.prelim[last]) * 0.5;
            if let Some(l) = left {
                self.prelim[v] = self.prelim[l] + self.separation(v, l);
                self.modifier[v] = self.prelim[v] - midpoint;
            } else {
                self.prelim[v] = midpoint;
            }
        } else if let Some(l) = left {
            self.prelim[v] = self.prelim[l] + self.separation(v, l);
        }
        let default = match self.default_ancestor[parent] {
            NONE => self.first[parent] as usize,
            a => a as usize,
        };
        let a = self.apportion(v, left, default);
        self.default_ancestor[parent] = a as u32;
    }

    /// The first walk level by level, deepest first and left to right within a level: every
    /// node comes after its children and its left siblings, as the recursive walk has it
    /// (families of one level do not touch each other's contours).
    fn first_walk_all(&mut self) {
        let n = self.len();
        let levels = self.depth.iter().copied().max().unwrap_or(0) as usize;
        let mut start = std::mem::take(&mut self.level_start);
        let mut order = std::mem::take(&mut self.order);
        start.clear();
        start.resize(levels + 2, 0);
        for &d in &self.depth[1..] {
            start[d as usize + 1] += 1;
        }
        for d in 1..start.len() {
            start[d] += start[d - 1];
        }
        order.resize(n.saturating_sub(1), 0);
        // `start[d]` is used as the fill position of depth `d` and ends at the next depth's start.
        for v in 1..n {
            let d = self.depth[v] as usize;
            order[start[d]] = v as u32;
            start[d] += 1;
        }
        for d in (1..=levels).rev() {
            let (from, to) = (start[d - 1], start[d]);
            for &v in &order[from..to] {
                self.first_walk(v as usize);
            }
        }
        self.level_start = start;
        self.order = order;
        if self.count[ROOT] > 0 {
            self.execute_shifts(ROOT);
        }
    }

    /// Final breadth positions: prelim plus the modifiers of all ancestors (ids are
    /// breadth-first, so parents come first).
    /// Done in place, without new arrays: afterwards `prelim` holds the positions and
    /// `modifier` the running sums (both are no longer needed as such).
    fn positions(&mut self) {
        self.modifier[ROOT] = 0.0;
        for v in 1..self.len() {
            let p = self.parent[v] as usize;
            self.prelim[v] += self.modifier[p];
            self.modifier[v] += self.modifier[p];
        }
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
    members: Vec<usize>,
    seen: Vec<bool>,
    kids: Vec<usize>,
    level_size: Vec<f64>,
    level_pos: Vec<f64>,
    out: Layout,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            breadth: Vec::new(),
            parent: Vec::new(),
            first: Vec::new(),
            count: Vec::new(),
            number: Vec::new(),
            depth: Vec::new(),
            stack: Vec::new(),
            mem_start: Vec::new(),
            mem_len: Vec::new(),
            prelim: Vec::new(),
            modifier: Vec::new(),
            change: Vec::new(),
            shift: Vec::new(),
            thread: Vec::new(),
            ancestor: Vec::new(),
            default_ancestor: Vec::new(),
            order: Vec::new(),
            level_start: Vec::new(),
            sibling_gap: 0.0,
            cousin_gap: 0.0,
        }
    }
}

impl Layouter {
    /// Lay out `forest`; the result stays in the layouter until the next run.
    pub fn run(&mut self, forest: &Forest, opts: &Options) -> &Layout {
        let Layouter {
            t,
            members,
            seen,
            kids,
            level_size,
            level_pos,
            out,
        } = self;
        layout_with(
            forest, opts, t, members, seen, kids, level_size, level_pos, out,
        );
        out
    }
}

#[allow(clippy::too_many_arguments)]
fn layout_with(
    forest: &Forest,
    opts: &Options,
    t: &mut Tree,
    members: &mut Vec<usize>,
    seen: &mut Vec<bool>,
    kids: &mut Vec<usize>,
    level_size: &mut Vec<f64>,
    level_pos: &mut Vec<f64>,
    out: &mut Layout,
) {
    let n = forest.sizes.len();
    // (breadth, depth) of a box in the chosen orientation.
    let oriented = |(w, h): (f64, f64)| match opts.orientation {
        Orientation::TopDown => (w, h),
        Orientation::LeftRight => (h, w),
    };
    t.reset(n + 1, opts);
    // The real nodes behind each working node, in order.
    members.clear();
    members.reserve(n);
    seen.clear();
    seen.resize(n, false);
    t.add(ROOT, 0.0, 0, false, (0, 0));
    for &r in &forest.roots {
        if r < n && !seen[r] {
            seen[r] = true;
            members.push(r);
            t.add(
                ROOT,
                oriented(forest.sizes[r]).0,
                1,
                false,
                (members.len() - 1, 1),
            );
        }
    }
    // Breadth-first: the ids themselves are the queue.
    let mut head = 1;
    while head < t.len() {
        let v = head;
        head += 1;
        if t.stack[v] {
            continue;
        }
        let real = members[t.mem_start[v] as usize];
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
        let depth = t.depth[v] as usize + 1;
        let compact = opts.compact_from.is_some_and(|k| kids.len() >= k.max(2))
            && kids.iter().all(|&c| forest.children[c].is_empty());
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
                let start = members.len();
                members.extend_from_slice(row);
                parent = t.add(parent, breadth, depth + r, true, (start, row.len()));
            }
        } else {
            for &c in kids.iter() {
                members.push(c);
                t.add(
                    v,
                    oriented(forest.sizes[c]).0,
                    depth,
                    false,
                    (members.len() - 1, 1),
                );
            }
        }
    }
    t.start_walks();
    t.first_walk_all();
    t.positions();
    let x = &t.prelim;

    // Each level is as deep as its deepest box.
    let levels = t.depth.iter().copied().max().unwrap_or(0) as usize;
    level_size.clear();
    level_size.resize(levels + 1, 0.0);
    for v in 1..t.len() {
        let d = t.depth[v] as usize;
        let (s, l) = (t.mem_start[v] as usize, t.mem_len[v] as usize);
        for &r in &members[s..s + l] {
            level_size[d] = larger(level_size[d], oriented(forest.sizes[r]).1);
        }
    }
    level_pos.clear();
    level_pos.resize(levels + 2, 0.0);
    for d in 1..=levels {
        level_pos[d + 1] = level_pos[d] + level_size[d] + opts.level_gap;
    }

    let min_x = (1..t.len())
        .map(|v| x[v] - t.breadth[v] / 2.0)
        .fold(f64::INFINITY, |a, b| if b < a { b } else { a });
    let shift = if min_x.is_finite() { -min_x } else { 0.0 };
    let boxes = &mut out.boxes;
    boxes.clear();
    boxes.resize(n, None);
    let (mut width, mut height) = (0.0_f64, 0.0_f64);
    for v in 1..t.len() {
        let depth_at = level_pos[t.depth[v] as usize];
        let (s, l) = (t.mem_start[v] as usize, t.mem_len[v] as usize);
        let row = &members[s..s + l];
        let mut place = |r: usize, centre: f64| {
            let b = turn(centre, depth_at, forest.sizes[r], opts.orientation);
            width = larger(width, b.right());
            height = larger(height, b.bottom());
            boxes[r] = Some(b);
        };
        if !t.stack[v] {
            place(row[0], x[v] + shift);
        } else {
            // A row of a compact stack: equal columns across the row's breadth.
            let cols = opts.compact_columns.max(1);
            let col = (t.breadth[v] - opts.sibling_gap * (cols - 1) as f64) / cols as f64;
            let left = x[v] + shift - t.breadth[v] / 2.0;
            for (j, &r) in row.iter().enumerate() {
                place(r, left + col / 2.0 + j as f64 * (col + opts.sibling_gap));
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
    let mut f = Forest {
        children: vec![Vec::new(); n],
        roots: (0..n.min(3)).collect(),
        sizes: (0..n)
            .map(|i| (140.0 + (i * 37 % 80) as f64, 64.0))
            .collect(),
    };
    let (mut next, mut manager) = (n.min(3), 0);
    while next < n {
        for _ in 0..2 + (manager * 7919 % 11) {
            if next == n {
                break;
            }
            f.children[manager].push(next);
            next += 1;
        }
        manager += 1;
    }
    f
}
