//! The org chart's drawing rules shared by the page and the export: connector paths, text
//! fitting, colours, and the chart as one self-contained SVG file with every text escaped.

use std::fmt::Write;

use crate::model::{Status, Workspace};
use crate::org::card::{
    card_text, chart_dotted, dot_centre, flag_at, more_at, BAR_W, DOT_R, FLAG_H, FLAG_W, META_Y,
    NAME_Y, NO_PMO_LINE, RADIUS, TEXT_X, TITLE_Y,
};
use crate::org::layout::{Layout, Orientation, Placed};
use crate::org::OrgForest;

pub use crate::common::text::escape_xml;

/// Shorten text to `max` characters with an ellipsis.
pub fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Card colour of a role family (see [`crate::org::role_family`]).
pub fn family_colour(family: &str) -> &'static str {
    match family {
        "executive" => "#334155",
        "pmo" => "#6d28d9",
        "delivery" => "#0f766e",
        _ => "#64748b",
    }
}

/// Dot colour of a project status.
pub fn status_colour(s: Status) -> &'static str {
    match s {
        Status::OnTrack => "#17703a",
        Status::AtRisk => "#b26a00",
        Status::OffTrack => "#b42318",
        Status::Finished => "#1f4e8c",
        Status::Discontinued => "#3f4a5a",
        Status::NotSet | Status::NotStarted => "#8794a6",
    }
}

/// The connector from a manager's card to a report's: an elbow through the gap between the
/// levels. In a compact stack (`stacked`) the line runs down a spine below the manager and
/// meets the card's side.
pub fn edge_path(parent: &Placed, child: &Placed, o: Orientation, stacked: bool) -> String {
    match o {
        Orientation::TopDown if stacked => {
            let y = child.y + child.h / 2.0;
            let side = if child.x < parent.x {
                child.right()
            } else {
                child.left()
            };
            format!("M{:.1} {:.1}V{y:.1}H{side:.1}", parent.x, parent.bottom())
        }
        Orientation::TopDown => {
            let mid = (parent.bottom() + child.y) / 2.0;
            format!(
                "M{:.1} {:.1}V{mid:.1}H{:.1}V{:.1}",
                parent.x,
                parent.bottom(),
                child.x,
                child.y
            )
        }
        Orientation::LeftRight => {
            let mid = (parent.right() + child.left()) / 2.0;
            format!(
                "M{:.1} {:.1}H{mid:.1}V{:.1}H{:.1}",
                parent.right(),
                parent.y + parent.h / 2.0,
                child.y + child.h / 2.0,
                child.left()
            )
        }
    }
}

/// A dotted line between two cards: a gentle curve from the side of one to the side of the
/// other, drawn over the layout.
pub fn dotted_path(from: &Placed, to: &Placed) -> String {
    let (fy, ty) = (from.y + from.h / 2.0, to.y + to.h / 2.0);
    let (fx, tx) = if from.x <= to.x {
        (from.right(), to.left())
    } else {
        (from.left(), to.right())
    };
    let bend = ((tx - fx).abs() / 2.0).clamp(24.0, 160.0);
    let (c1, c2) = if fx <= tx {
        (fx + bend, tx - bend)
    } else {
        (fx - bend, tx + bend)
    };
    format!("M{fx:.1} {fy:.1}C{c1:.1} {fy:.1} {c2:.1} {ty:.1} {tx:.1} {ty:.1}")
}

/// "3 direct · 12 total", or "No reports".
pub fn report_line(direct: usize, total: usize) -> String {
    match (direct, total) {
        (0, 0) => "No reports".into(),
        (d, t) if d == t => format!("{d} direct"),
        (d, t) => format!("{d} direct · {t} total"),
    }
}

/// Everything the export draws.
pub struct SvgChart<'a> {
    pub ws: &'a Workspace,
    pub org: &'a OrgForest,
    pub layout: &'a Layout,
    pub orientation: Orientation,
    /// Projects each person manages (see [`crate::org::projects_by_person`]).
    pub projects: &'a [Vec<usize>],
    pub title: &'a str,
}

/// The export's styles. Every class starts with `oc-`, so the drawing can also sit inside the
/// app's page (printing) without its styles reaching anything else.
pub const SVG_STYLE: &str = ".oc-edge{fill:none;stroke:#8794a6;stroke-width:1.5}.oc-dotted{fill:none;stroke:#6d28d9;stroke-width:1.5;stroke-dasharray:5 4}.oc-card{fill:#fff;stroke:#c3ccd8}.oc-vacancy{stroke-dasharray:6 4}.oc-name{font-size:14px;font-weight:600;fill:#18212d}.oc-title{font-size:12px;fill:#526071}.oc-meta{font-size:11px;fill:#526071}.oc-flag{fill:#fff4e0;stroke:#9a5b00}.oc-flag-text{font-size:11px;font-weight:600;fill:#7a4800}";

/// Space around the drawing, and the height of the title above it, in the export.
const PAD: f64 = 24.0;
const HEAD: f64 = 40.0;

/// The chart as a standalone SVG document (fonts from the system, no external references).
pub fn org_svg(c: &SvgChart) -> String {
    let (w, h) = (
        c.layout.width + 2.0 * PAD,
        c.layout.height + 2.0 * PAD + HEAD,
    );
    let mut s = String::with_capacity(512 + c.ws.people.len() * 700);
    let _ = write!(
        s,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">
<title>{}</title>
<style>{SVG_STYLE}</style>
<rect width="100%" height="100%" fill="#f5f7fa"/>
<text x="{PAD}" y="28" font-size="18" font-weight="600" fill="#18212d">{}</text>
<g transform="translate({PAD} {})">
"##,
        escape_xml(c.title),
        escape_xml(c.title),
        PAD + HEAD
    );
    svg_body(c, &mut s);
    s.push_str("</g>\n</svg>\n");
    s
}

/// The connectors, dotted lines and cards, in chart units from (0, 0).
pub fn svg_body(c: &SvgChart, s: &mut String) {
    let boxes = &c.layout.boxes;
    let lonely = crate::org::without_pmo_line(c.ws);
    for (p, kids) in c.org.forest.families() {
        let Some(pb) = boxes[p] else { continue };
        let stacked = kids
            .first()
            .and_then(|&k| boxes[k])
            .zip(kids.last().and_then(|&k| boxes[k]))
            .is_some_and(|(a, b)| a.y != b.y);
        for &k in kids {
            if let Some(kb) = boxes[k] {
                let dotted = c.org.dotted_parent.get(k).copied().unwrap_or(false);
                let _ = writeln!(
                    *s,
                    r#"<path class="{}" d="{}"/>"#,
                    if dotted { "oc-dotted" } else { "oc-edge" },
                    edge_path(&pb, &kb, c.orientation, stacked)
                );
            }
        }
    }
    // A dotted line drawn as a dashed connector above is not drawn twice.
    let hung = |f: usize, t: usize| {
        c.org.dotted_parent.get(f).copied().unwrap_or(false)
            && c.org.forest.children(t).contains(&f)
    };
    for (f, t, title) in chart_dotted(c.ws).lines {
        if hung(f, t) {
            continue;
        }
        if let (Some(fb), Some(tb)) = (boxes[f], boxes[t]) {
            let _ = writeln!(
                *s,
                r#"<path class="oc-dotted" d="{}"><title>{}</title></path>"#,
                dotted_path(&fb, &tb),
                escape_xml(&title)
            );
        }
    }
    for (i, b) in boxes.iter().enumerate().take(c.ws.people.len()) {
        let Some(b) = *b else { continue };
        let card = card_text(c.ws, c.org, i, &c.projects[i], lonely[i]);
        let colour = family_colour(card.family);
        let (l, t) = (b.left(), b.y);
        let _ = writeln!(
            *s,
            r#"<g transform="translate({l:.1} {t:.1})"><rect class="oc-card{}" width="{:.0}" height="{:.0}" rx="{RADIUS}"/><rect width="{BAR_W}" height="{:.0}" rx="3" fill="{colour}"/><text class="oc-name" x="{TEXT_X}" y="{NAME_Y}">{}</text><text class="oc-title" x="{TEXT_X}" y="{TITLE_Y}">{}</text><text class="oc-meta" x="{TEXT_X}" y="{META_Y}">{}</text>"#,
            if card.vacancy { " oc-vacancy" } else { "" },
            b.w,
            b.h,
            b.h,
            escape_xml(&card.name),
            escape_xml(&card.title),
            escape_xml(&card.meta),
        );
        for (j, dot) in card.dots.iter().enumerate() {
            let (x, y) = dot_centre(j, b.h);
            let _ = write!(
                *s,
                r#"<circle cx="{x}" cy="{y}" r="{DOT_R}" fill="{}"><title>{}</title></circle>"#,
                dot.colour,
                escape_xml(&dot.title)
            );
        }
        if card.more > 0 {
            let (x, y) = more_at(b.h);
            let _ = write!(
                *s,
                r#"<text class="oc-meta" x="{x}" y="{y}">+{}</text>"#,
                card.more
            );
        }
        if card.no_pmo_line {
            let (x, y) = flag_at(b.w, b.h);
            let _ = write!(
                *s,
                r#"<rect class="oc-flag" x="{x:.0}" y="{y:.0}" width="{FLAG_W}" height="{FLAG_H}" rx="4"/><text class="oc-flag-text" x="{:.0}" y="{:.0}" text-anchor="middle">{NO_PMO_LINE}</text>"#,
                x + FLAG_W / 2.0,
                y + 13.0
            );
        }
        s.push_str("</g>\n");
    }
}
