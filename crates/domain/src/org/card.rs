//! A person's card on the org chart: what it says and where each part sits. The live chart
//! (canvas) and the SVG export both draw from here, so the two never differ.

use std::collections::HashMap;

use crate::model::Workspace;
use crate::org::svg::{fit, report_line, status_colour};
use crate::org::{role_family, OrgForest};

/// Size of a person's card on the chart (top-down).
pub const CARD_W: f64 = 232.0;
pub const CARD_H: f64 = 92.0;
/// At most this many project status dots on a card.
pub const CARD_DOTS: usize = 6;

/// Corner radius of the card.
pub const RADIUS: f64 = 8.0;
/// Width of the coloured bar on the card's left edge (the role family).
pub const BAR_W: f64 = 6.0;
/// Left edge of the texts.
pub const TEXT_X: f64 = 16.0;
/// Baselines of the name, the title and the reporting figures.
pub const NAME_Y: f64 = 22.0;
pub const TITLE_Y: f64 = 40.0;
pub const META_Y: f64 = 58.0;
/// Radius of a project status dot.
pub const DOT_R: f64 = 5.0;

/// Centre of the `j`-th project status dot, for a card `h` high.
pub fn dot_centre(j: usize, h: f64) -> (f64, f64) {
    (20.0 + j as f64 * 14.0, h - 16.0)
}

/// Where "+n" (projects beyond the dots) starts, for a card `h` high.
pub fn more_at(h: f64) -> (f64, f64) {
    (dot_centre(CARD_DOTS, h).0, h - 12.0)
}

/// Characters of the name and the title that fit on a card.
const NAME_CHARS: usize = 26;
const TITLE_CHARS: usize = 32;

/// One project status dot: its colour and its tooltip ("Data lake: At risk").
#[derive(Clone, Debug, PartialEq)]
pub struct Dot {
    pub colour: &'static str,
    pub title: String,
}

/// What a card says.
#[derive(Clone, Debug, PartialEq)]
pub struct CardText {
    /// The name, cut to fit.
    pub name: String,
    /// The title as drawn (cut to fit); an open role says so first.
    pub title: String,
    /// Reporting figures: "3 direct · 12 total", or nothing.
    pub meta: String,
    /// Role family (colour of the bar).
    pub family: &'static str,
    pub vacancy: bool,
    /// The first [`CARD_DOTS`] projects the person manages.
    pub dots: Vec<Dot>,
    /// How many more projects than dots.
    pub more: usize,
    /// How many projects the person manages.
    pub projects: usize,
    /// The whole title, uncut, for the card's accessible name.
    pub full_title: String,
    /// A project manager with no line to a PMO (see [`crate::org::without_pmo_line`]).
    pub no_pmo_line: bool,
}

/// The flag a card carries when its project manager has no line to a PMO.
pub const NO_PMO_LINE: &str = "No PMO line";
/// Width and height of that flag.
pub const FLAG_W: f64 = 82.0;
pub const FLAG_H: f64 = 18.0;

/// Top-left corner of the "No PMO line" flag on a card `w` × `h`: bottom right, clear of
/// the status dots.
pub fn flag_at(w: f64, h: f64) -> (f64, f64) {
    (w - FLAG_W - 8.0, h - FLAG_H - 7.0)
}

/// The title a card shows: an open role says so, followed by the role's title if it has one.
pub fn card_title(vacancy: bool, title: &str) -> String {
    match (vacancy, title.trim().is_empty()) {
        (true, true) => "Open role".into(),
        (true, false) => format!("Open role · {title}"),
        (false, _) => title.to_string(),
    }
}

/// The text of person `i`'s card; `projects` are the projects they manage (indexes into
/// `ws.projects`); `no_pmo_line` marks a project manager with no line to a PMO.
pub fn card_text(
    ws: &Workspace,
    org: &OrgForest,
    i: usize,
    projects: &[usize],
    no_pmo_line: bool,
) -> CardText {
    let p = &ws.people[i];
    let full_title = card_title(p.vacancy, &p.title);
    CardText {
        name: fit(&p.name, NAME_CHARS),
        title: fit(&full_title, TITLE_CHARS),
        meta: report_line(org.direct[i], org.total[i]),
        family: role_family(ws, p),
        vacancy: p.vacancy,
        dots: projects
            .iter()
            .take(CARD_DOTS)
            .filter_map(|&k| ws.projects.get(k))
            .map(|pr| Dot {
                colour: status_colour(pr.status),
                title: format!("{}: {}", pr.name, pr.status.label()),
            })
            .collect(),
        more: projects.len().saturating_sub(CARD_DOTS),
        projects: projects.len(),
        full_title,
        no_pmo_line,
    }
}

/// Below this zoom a card is drawn simplified: a block in its role family's colour with the
/// name, which stays legible when the chart is fitted to the screen.
pub const SIMPLE_BELOW: f64 = 0.5;
/// Size of a simplified card's name on screen, in CSS pixels.
pub const SIMPLE_FONT_PX: f64 = 13.0;

/// A simplified card's name at zoom `k`: the whole name when it fits the block, else the
/// initial and surname ("A. Lovelace"), else the surname cut to fit, else nothing. With the
/// font size in chart units that keeps it [`SIMPLE_FONT_PX`] high on screen.
pub fn simple_name(name: &str, k: f64) -> (String, f64) {
    let k = k.max(0.01);
    let font = SIMPLE_FONT_PX / k;
    // About 0.62 em per character of a bold sans-serif font, 14 px of padding.
    let room = ((CARD_W * k - 14.0) / (SIMPLE_FONT_PX * 0.62))
        .floor()
        .max(0.0) as usize;
    let name = name.trim();
    let count = name.chars().count();
    if room < 3 {
        return (String::new(), font);
    }
    if count <= room {
        return (name.to_string(), font);
    }
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or_default();
    let last = name.split_whitespace().last().unwrap_or_default();
    if first != last {
        let short = format!("{}. {last}", first.chars().next().unwrap_or(' '));
        if short.chars().count() <= room {
            return (short, font);
        }
    }
    (fit(last, room), font)
}

/// What a card's accessible name says of the projects a person runs: ", runs 2 projects".
pub fn report_projects(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", runs 1 project".into(),
        n => format!(", runs {n} projects"),
    }
}

/// The tooltip of a dotted line: "Dotted line: Ada Lovelace to Grace Hopper (reporting)".
pub fn dotted_title(from: &str, to: &str, label: &str) -> String {
    if label.is_empty() {
        format!("Dotted line: {from} to {to}")
    } else {
        format!("Dotted line: {from} to {to} ({label})")
    }
}

/// The dotted lines of the chart, between people by index (lines to or from someone unknown
/// are left out), and for each person with any, the note their card carries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartDotted {
    /// (from, to, tooltip) per line of `ws.dotted_lines` that can be drawn.
    pub lines: Vec<(usize, usize, String)>,
    /// "Dotted line to Grace Hopper, Alan Turing", by the person the lines start from.
    pub marks: HashMap<usize, String>,
}

/// See [`ChartDotted`].
pub fn chart_dotted(ws: &Workspace) -> ChartDotted {
    let index = ws.person_index();
    let mut out = ChartDotted::default();
    let mut to_names: HashMap<usize, Vec<&str>> = HashMap::new();
    for d in &ws.dotted_lines {
        let (Some(&f), Some(&t)) = (index.get(d.from.as_str()), index.get(d.to.as_str())) else {
            continue;
        };
        to_names.entry(f).or_default().push(&ws.people[t].name);
        out.lines.push((
            f,
            t,
            dotted_title(&ws.people[f].name, &ws.people[t].name, &d.label),
        ));
    }
    out.marks = to_names
        .into_iter()
        .map(|(f, names)| (f, format!("Dotted line to {}", names.join(", "))))
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_role_says_so_on_screen_and_in_the_export() {
        assert_eq!(card_title(true, ""), "Open role");
        assert_eq!(card_title(true, "PMO analyst"), "Open role · PMO analyst");
        assert_eq!(card_title(false, "PMO analyst"), "PMO analyst");
    }

    #[test]
    fn a_simplified_card_keeps_its_name_legible_as_far_as_it_fits() {
        // At full size the whole name fits; the font stays 13 px on screen at every zoom.
        let (name, font) = simple_name("Ada Lovelace", 0.48);
        assert_eq!(name, "Ada Lovelace");
        assert!((font * 0.48 - SIMPLE_FONT_PX).abs() < 1e-9);
        // Smaller: initial and surname, then the surname cut, then nothing.
        assert_eq!(simple_name("Ada Augusta Lovelace", 0.45).0, "A. Lovelace");
        let cut = simple_name("Ada Augusta Lovelace-Byron", 0.2).0;
        assert!(cut.ends_with('…') && cut.chars().count() <= 6, "{cut}");
        assert_eq!(simple_name("Ada Lovelace", 0.05).0, "");
        // A single word is cut, never turned into an initial.
        assert!(simple_name("Cher-Sarkisian-Bono", 0.2).0.starts_with("Che"));
    }

    #[test]
    fn the_no_pmo_line_flag_sits_clear_of_the_status_dots() {
        let (x, y) = flag_at(CARD_W, CARD_H);
        let last_dot = dot_centre(CARD_DOTS - 1, CARD_H).0 + DOT_R;
        assert!(x > more_at(CARD_H).0 + 20.0 && x > last_dot, "{x}");
        assert!(x + FLAG_W <= CARD_W && y + FLAG_H <= CARD_H);
    }

    #[test]
    fn dots_sit_in_a_row_above_the_bottom_edge() {
        assert_eq!(dot_centre(0, CARD_H), (20.0, 76.0));
        assert_eq!(dot_centre(2, CARD_H), (48.0, 76.0));
        assert_eq!(more_at(CARD_H), (104.0, 80.0));
    }

    #[test]
    fn a_dotted_line_reads_the_same_everywhere() {
        assert_eq!(dotted_title("A", "B", ""), "Dotted line: A to B");
        assert_eq!(dotted_title("A", "B", "PMO"), "Dotted line: A to B (PMO)");
    }
}
