//! The reporting structure as the org chart draws it: the solid-line forest of people (with
//! collapsed subtrees left out), and the figures each card shows.

pub mod card;
pub mod edit;
pub mod layout;
pub mod lines;
pub mod print;
pub mod svg;
pub mod viewport;

use std::collections::HashSet;

use crate::model::{Id, Person, Workspace};
use crate::org::layout::Forest;

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
    /// People drawn under a PMO member they have a dotted line to, not a solid-line manager
    /// (the "PMO lines only" view): their connector is drawn dashed.
    pub dotted_parent: Vec<bool>,
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
    org_forest_of(ws, collapsed, None, size)
}

/// [`org_forest`] of a part of the organisation: only the people marked in `keep` (all when
/// `None`); each reports to their nearest kept manager up the solid line.
pub fn org_forest_of(
    ws: &Workspace,
    collapsed: &HashSet<Id>,
    keep: Option<&[bool]>,
    size: impl Fn(&Person) -> (f64, f64),
) -> OrgForest {
    let n = ws.people.len();
    let index = ws.person_index();
    let kept = |i: usize| keep.is_none_or(|k| k.get(i).copied().unwrap_or(false));
    let manager = solid_managers(ws, &index);
    let parent: Vec<Option<usize>> = (0..n)
        .map(|i| {
            if !kept(i) {
                return None;
            }
            nearest_kept(&manager, i, kept)
        })
        .collect();
    forest_of_parents(ws, collapsed, keep, &parent, vec![false; n], size)
}

/// Each person's solid-line manager by index (none for an unknown id, or for oneself).
fn solid_managers(
    ws: &Workspace,
    index: &std::collections::HashMap<&str, usize>,
) -> Vec<Option<usize>> {
    ws.people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.manager_id
                .as_deref()
                .and_then(|m| index.get(m).copied())
                .filter(|&m| m != i)
        })
        .collect()
}

/// The nearest manager of `i` up the solid line that `kept` accepts. The walk is bounded, so
/// a reporting loop in unchecked data ends it.
fn nearest_kept(
    manager: &[Option<usize>],
    i: usize,
    kept: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut m = manager[i];
    let mut steps = 0;
    while let Some(x) = m {
        if kept(x) || steps > manager.len() {
            break;
        }
        steps += 1;
        m = manager[x];
    }
    m.filter(|&x| x != i && kept(x))
}

/// The forest of the kept people (all when `keep` is `None`) under the given parents
/// (`None`: a root); `dotted_parent` marks the children hung under a dotted line.
fn forest_of_parents(
    ws: &Workspace,
    collapsed: &HashSet<Id>,
    keep: Option<&[bool]>,
    parent: &[Option<usize>],
    dotted_parent: Vec<bool>,
    size: impl Fn(&Person) -> (f64, f64),
) -> OrgForest {
    let n = ws.people.len();
    let kept = |i: usize| keep.is_none_or(|k| k.get(i).copied().unwrap_or(false));
    let mut all_children = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for i in (0..n).filter(|&i| kept(i)) {
        match parent[i] {
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
        if !reached[i] && kept(i) {
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
        .iter()
        .zip(&is_collapsed)
        .map(|(kids, &c)| if c { &[][..] } else { &kids[..] });
    OrgForest {
        forest: Forest::new(children, roots, ws.people.iter().map(size).collect()),
        direct,
        total,
        collapsed: is_collapsed,
        dotted_parent,
    }
}

/// The forest a view of the chart draws. "PMO lines only" shows the PMO (with the line it
/// reports up) and the project managers: a PM hangs under the PMO member or PM their solid
/// line leads to, else under the PMO member they have a dotted line to (drawn dashed), else
/// stands alone (and carries the "No PMO line" flag). Other views: [`org_forest_of`].
pub fn org_forest_view(
    ws: &Workspace,
    collapsed: &HashSet<Id>,
    view: &OrgView,
    keep: Option<&[bool]>,
    size: impl Fn(&Person) -> (f64, f64),
) -> OrgForest {
    if *view != OrgView::PmoLines {
        return org_forest_of(ws, collapsed, keep, size);
    }
    let n = ws.people.len();
    let index = ws.person_index();
    let pmo = crate::org::edit::pmo_members(ws);
    let pms = crate::org::edit::project_managers(ws);
    let keep: Vec<bool> = match keep {
        Some(k) => k.to_vec(),
        None => view_members(ws, view).unwrap_or_default(),
    };
    let manager = solid_managers(ws, &index);
    let mut dotted_to: Vec<Option<usize>> = vec![None; n];
    for d in &ws.dotted_lines {
        if let (Some(&f), Some(&t)) = (index.get(d.from.as_str()), index.get(d.to.as_str())) {
            if pmo[t] && f != t && dotted_to[f].is_none() {
                dotted_to[f] = Some(t);
            }
        }
    }
    let mut dotted_parent = vec![false; n];
    let parent: Vec<Option<usize>> = (0..n)
        .map(|i| {
            if !keep[i] {
                return None;
            }
            let m = nearest_kept(&manager, i, |x| keep[x]);
            if pmo[i] || m.is_some_and(|x| pmo[x] || pms[x]) {
                return m;
            }
            // A PM whose solid line leaves the PMO's world: their dotted line, if any.
            let d = dotted_to[i];
            dotted_parent[i] = d.is_some();
            d
        })
        .collect();
    forest_of_parents(ws, collapsed, Some(&keep), &parent, dotted_parent, size)
}

/// Which part of the organisation the chart shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrgView {
    /// Everybody.
    Whole,
    /// The PMO (with the managers it reports up to) and the project managers.
    PmoLines,
    /// The people working on one portfolio's projects, with the managers that connect them.
    Portfolio(Id),
}

impl OrgView {
    /// The `view` address parameter: absent, `pmo` or `portfolio:<id>`.
    pub fn param(&self) -> Option<String> {
        match self {
            OrgView::Whole => None,
            OrgView::PmoLines => Some("pmo".into()),
            OrgView::Portfolio(id) => Some(format!("portfolio:{id}")),
        }
    }

    pub fn from_param(value: Option<&str>) -> OrgView {
        match value {
            Some("pmo") => OrgView::PmoLines,
            Some(v) => v
                .strip_prefix("portfolio:")
                .filter(|id| !id.is_empty())
                .map_or(OrgView::Whole, |id| OrgView::Portfolio(id.to_string())),
            None => OrgView::Whole,
        }
    }
}

/// Mark `seeds` and everyone above them on the solid line.
fn with_managers(ws: &Workspace, mut keep: Vec<bool>) -> Vec<bool> {
    let index = ws.person_index();
    let seeds: Vec<usize> = (0..keep.len()).filter(|&i| keep[i]).collect();
    for s in seeds {
        let mut cur = ws.people[s].manager_id.as_deref();
        let mut steps = 0;
        while let Some(&m) = cur.and_then(|id| index.get(id)) {
            if keep[m] || steps > keep.len() {
                break;
            }
            keep[m] = true;
            steps += 1;
            cur = ws.people[m].manager_id.as_deref();
        }
    }
    keep
}

/// Who the view shows, by person index (`None`: everybody).
pub fn view_members(ws: &Workspace, view: &OrgView) -> Option<Vec<bool>> {
    match view {
        OrgView::Whole => None,
        OrgView::PmoLines => {
            let pms = crate::org::edit::project_managers(ws);
            let up = with_managers(ws, crate::org::edit::pmo_members(ws));
            Some(up.iter().zip(&pms).map(|(a, b)| *a || *b).collect())
        }
        OrgView::Portfolio(id) => {
            let index = ws.person_index();
            let mut seeds = vec![false; ws.people.len()];
            let mut mark = |p: Option<&str>| {
                if let Some(&i) = p.and_then(|p| index.get(p)) {
                    seeds[i] = true;
                }
            };
            for p in ws.portfolios.iter().filter(|p| &p.id == id) {
                mark(p.manager_id.as_deref());
            }
            for p in ws.programmes.iter().filter(|p| &p.portfolio_id == id) {
                mark(p.manager_id.as_deref());
            }
            for p in ws
                .projects
                .iter()
                .filter(|p| &p.portfolio_id == id && !p.archived)
            {
                for m in &p.managers {
                    mark(Some(&m.person_id));
                }
                mark(p.sponsor_id.as_deref());
                mark(p.pmo_contact_id.as_deref());
            }
            Some(with_managers(ws, seeds))
        }
    }
}

/// The projects each person manages (not archived), by project index in workspace order.
pub fn projects_by_person(ws: &Workspace) -> Vec<Vec<usize>> {
    let index = ws.person_index();
    let mut out = vec![Vec::new(); ws.people.len()];
    for (k, p) in ws.projects.iter().enumerate().filter(|(_, p)| !p.archived) {
        for m in &p.managers {
            if let Some(&i) = index.get(m.person_id.as_str()) {
                if out[i].last() != Some(&k) {
                    out[i].push(k);
                }
            }
        }
    }
    out
}

/// People whose name, title or role contains every word of `query` (case-insensitive), in
/// workspace order; only among `keep` when given.
pub fn search_people(ws: &Workspace, query: &str, keep: Option<&[bool]>) -> Vec<usize> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let role_names: std::collections::HashMap<&str, &str> = ws
        .roles
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect();
    ws.people
        .iter()
        .enumerate()
        .filter(|(i, _)| keep.is_none_or(|k| k.get(*i).copied().unwrap_or(false)))
        .filter(|(_, p)| {
            let role = p
                .role_id
                .as_deref()
                .and_then(|r| role_names.get(r))
                .unwrap_or(&"");
            let hay = format!("{} {} {}", p.name, p.title, role).to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Everyone above person `i` on the solid line, nearest first.
pub fn managers_of(ws: &Workspace, i: usize) -> Vec<usize> {
    let index = ws.person_index();
    let mut out = Vec::new();
    let mut cur = ws.people.get(i).and_then(|p| p.manager_id.as_deref());
    while let Some(&m) = cur.and_then(|id| index.get(id)) {
        if m == i || out.contains(&m) {
            break;
        }
        out.push(m);
        cur = ws.people[m].manager_id.as_deref();
    }
    out
}

/// The colour family of a person's card, from the role's ladder: `executive`, `pmo`,
/// `delivery` or `other`.
pub fn role_family(ws: &Workspace, p: &Person) -> &'static str {
    let ladder = ws.role_of(p).map(|r| r.ladder.as_str());
    match ladder {
        Some("executive") => "executive",
        Some("pmo") => "pmo",
        Some("delivery") => "delivery",
        _ => "other",
    }
}

/// Thresholds of the chart's warnings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Managers with more direct reports than this are flagged.
    pub max_direct: usize,
    /// PMs running more active projects than this are flagged.
    pub max_active_projects: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_direct: 8,
            max_active_projects: 3,
        }
    }
}

/// Figures and warnings about the reporting structure.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgMetrics {
    /// People, not counting open roles.
    pub headcount: usize,
    pub vacancies: usize,
    /// People with at least one direct report.
    pub managers: usize,
    /// Mean direct reports per manager.
    pub mean_span: f64,
    /// (person, direct reports) of every manager, widest first.
    pub spans: Vec<(usize, usize)>,
    /// Managers with more than `max_direct` direct reports, widest first.
    pub wide_spans: Vec<(usize, usize)>,
    /// Active projects (not archived) with no project manager, by project index.
    pub projects_without_pm: Vec<usize>,
    /// PMs with more than `max_active_projects` active projects, busiest first.
    pub busy_pms: Vec<(usize, usize)>,
    /// Project managers with neither a solid line into a PMO (themselves or up their line)
    /// nor a dotted line to a PMO member.
    pub pms_without_pmo_line: Vec<usize>,
    /// PMO units.
    pub pmo_units: usize,
}

pub fn org_metrics(ws: &Workspace, limits: Limits) -> OrgMetrics {
    let all = org_forest(ws, &HashSet::new(), |_| (0.0, 0.0));
    let headcount = ws.people.iter().filter(|p| !p.vacancy).count();
    let mut spans: Vec<(usize, usize)> = all
        .direct
        .iter()
        .enumerate()
        .filter(|(_, d)| **d > 0)
        .map(|(i, d)| (i, *d))
        .collect();
    spans.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let managers = spans.len();
    let mean_span = if managers == 0 {
        0.0
    } else {
        spans.iter().map(|s| s.1).sum::<usize>() as f64 / managers as f64
    };
    let wide_spans = spans
        .iter()
        .copied()
        .filter(|s| s.1 > limits.max_direct)
        .collect();
    let projects_without_pm = ws
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.archived && p.status.is_active() && p.managers.is_empty())
        .map(|(k, _)| k)
        .collect();
    let index = ws.person_index();
    let mut active = vec![0usize; ws.people.len()];
    for p in ws
        .projects
        .iter()
        .filter(|p| !p.archived && p.status.is_active())
    {
        for m in &p.managers {
            if let Some(&i) = index.get(m.person_id.as_str()) {
                active[i] += 1;
            }
        }
    }
    let mut busy_pms: Vec<(usize, usize)> = active
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > limits.max_active_projects)
        .map(|(i, n)| (i, *n))
        .collect();
    busy_pms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let lonely = without_pmo_line(ws);
    let pms_without_pmo_line = (0..ws.people.len()).filter(|&i| lonely[i]).collect();
    OrgMetrics {
        headcount,
        vacancies: ws.people.len() - headcount,
        managers,
        mean_span,
        spans,
        wide_spans,
        projects_without_pm,
        busy_pms,
        pms_without_pmo_line,
        pmo_units: ws
            .units
            .iter()
            .filter(|u| crate::org::edit::is_pmo_unit(u.kind))
            .count(),
    }
}

/// Project managers with neither a solid line into a PMO (themselves or up their line) nor a
/// dotted line to a PMO member, by person index: the chart marks their cards and the
/// structure's health lists them.
pub fn without_pmo_line(ws: &Workspace) -> Vec<bool> {
    let index = ws.person_index();
    let pmo = crate::org::edit::pmo_members(ws);
    let pms = crate::org::edit::project_managers(ws);
    let mut dotted_to_pmo = vec![false; ws.people.len()];
    for d in &ws.dotted_lines {
        if let (Some(&f), Some(&t)) = (index.get(d.from.as_str()), index.get(d.to.as_str())) {
            if pmo[t] {
                dotted_to_pmo[f] = true;
            }
        }
    }
    let manager: Vec<Option<usize>> = ws
        .people
        .iter()
        .map(|p| p.manager_id.as_deref().and_then(|m| index.get(m).copied()))
        .collect();
    let pmo_above = |i: usize| {
        let mut cur = manager[i];
        for _ in 0..ws.people.len() {
            match cur {
                Some(m) if pmo[m] => return true,
                Some(m) => cur = manager[m],
                None => return false,
            }
        }
        false
    };
    (0..ws.people.len())
        .map(|i| pms[i] && !dotted_to_pmo[i] && !pmo_above(i))
        .collect()
}

/// Where each shown node sits in the tree, for keyboard moves and ARIA: parent, level
/// (1 = root), and position among its siblings (1-based) with the number of siblings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TreePos {
    pub parent: Vec<Option<usize>>,
    pub level: Vec<u32>,
    pub pos: Vec<u32>,
    pub siblings: Vec<u32>,
}

pub fn tree_positions(f: &Forest) -> TreePos {
    let n = f.len();
    let mut t = TreePos {
        parent: vec![None; n],
        level: vec![0; n],
        pos: vec![0; n],
        siblings: vec![0; n],
    };
    let mut queue: Vec<usize> = Vec::with_capacity(n);
    for (k, &r) in f.roots().iter().enumerate() {
        if r < n && t.level[r] == 0 {
            t.level[r] = 1;
            t.pos[r] = k as u32 + 1;
            t.siblings[r] = f.roots().len() as u32;
            queue.push(r);
        }
    }
    let mut head = 0;
    while head < queue.len() {
        let v = queue[head];
        head += 1;
        let kids = f.children(v);
        for (k, &c) in kids.iter().enumerate() {
            if c < n && t.level[c] == 0 {
                t.level[c] = t.level[v] + 1;
                t.parent[c] = Some(v);
                t.pos[c] = k as u32 + 1;
                t.siblings[c] = kids.len() as u32;
                queue.push(c);
            }
        }
    }
    t
}
