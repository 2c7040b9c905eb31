//! The PMO's own organisation chart, drawn in the charter.

use super::charter::{role_name, unit_members};
use crate::model::Workspace;

/// One card of the PMO's organisation chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartCard {
    pub at: crate::org::layout::Placed,
    pub name: String,
    pub role: String,
    pub vacancy: bool,
}

/// The PMO's own organisation chart, laid out by the org chart's tidy-tree layout: its
/// members under their managers (a member whose manager is outside the unit is a root).
#[derive(Clone, Debug, PartialEq)]
pub struct UnitChart {
    pub cards: Vec<ChartCard>,
    /// Connector paths (SVG path data) from managers to their reports.
    pub edges: Vec<String>,
    pub width: f64,
    pub height: f64,
}

/// Card size of the PMO chart.
pub const CHART_CARD: (f64, f64) = (160.0, 46.0);

/// The chart of a unit's members; `None` when the unit has nobody.
pub fn unit_chart(ws: &Workspace, unit_id: &str) -> Option<UnitChart> {
    use crate::org::layout::{layout, Forest, Options, Orientation};
    let members = unit_members(ws, unit_id);
    if members.is_empty() {
        return None;
    }
    let pos: std::collections::HashMap<&str, usize> = members
        .iter()
        .enumerate()
        .map(|(k, &i)| (ws.people[i].id.as_str(), k))
        .collect();
    let parents: Vec<Option<usize>> = members
        .iter()
        .map(|&i| {
            ws.people[i]
                .manager_id
                .as_deref()
                .and_then(|m| pos.get(m).copied())
        })
        .collect();
    let forest = Forest::from_parents(&parents, vec![CHART_CARD; members.len()]);
    let opts = Options {
        orientation: Orientation::TopDown,
        compact_from: Some(4),
        compact_columns: 2,
        level_gap: 36.0,
        ..Options::default()
    };
    let lay = layout(&forest, &opts);
    let mut edges = Vec::new();
    for (p, kids) in forest.families() {
        let Some(pb) = lay.boxes[p] else { continue };
        let stacked = kids
            .first()
            .and_then(|&k| lay.boxes[k])
            .zip(kids.last().and_then(|&k| lay.boxes[k]))
            .is_some_and(|(a, b)| a.y != b.y);
        for &k in kids {
            if let Some(kb) = lay.boxes[k] {
                edges.push(crate::org::svg::edge_path(
                    &pb,
                    &kb,
                    Orientation::TopDown,
                    stacked,
                ));
            }
        }
    }
    let cards = members
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| {
            let p = &ws.people[i];
            let role = role_name(ws, p);
            lay.boxes[k].map(|at| ChartCard {
                at,
                name: if p.vacancy {
                    "Open role".into()
                } else {
                    p.name.clone()
                },
                role,
                vacancy: p.vacancy,
            })
        })
        .collect();
    Some(UnitChart {
        cards,
        edges,
        width: lay.width,
        height: lay.height,
    })
}
