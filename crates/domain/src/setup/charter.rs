//! The PMO charter, built from the decisions, and its Markdown export.

use crate::common::text::markdown_inline as md;
use std::collections::HashSet;

use chrono::NaiveDate;

use super::calendar::next_dates;
use super::pmo_type::authority;
use super::staffing::staffing;
use super::steps::{missing, service_name, step_title, STEPS};
use crate::common::text::day;
use crate::model::{Person, PmoLevel, SetupPlan, Workspace};

/// A part of a charter section.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Text(String),
    List(Vec<String>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// An outline: (depth, line), depth 0 at the top.
    Tree(Vec<(usize, String)>),
    /// A decision not made yet: what is missing and in which step.
    Missing(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub heading: &'static str,
    pub blocks: Vec<Block>,
}

/// The PMO charter, built from the decisions.
#[derive(Clone, Debug, PartialEq)]
pub struct Charter {
    pub title: String,
    pub organisation: String,
    pub sections: Vec<Section>,
    /// Every decision still missing: (step, what).
    pub missing: Vec<(u8, String)>,
}

/// Build the charter from the workspace's decisions; `today` dates the routines calendar.
pub fn charter(ws: &Workspace, today: NaiveDate) -> Charter {
    let empty = SetupPlan::default();
    let plan = ws.setup.as_ref().unwrap_or(&empty);
    let missing: Vec<(u8, String)> = STEPS
        .iter()
        .flat_map(|s| missing(ws, plan, s.0).into_iter().map(move |m| (s.0, m)))
        .collect();
    let gap = |step: u8, what: &str| {
        Block::Missing(format!(
            "Not decided yet: {what} (step {step}, {}).",
            step_title(step)
        ))
    };
    let unit = plan
        .unit_id
        .as_deref()
        .and_then(|u| ws.units.iter().find(|x| x.id == u));
    let pmo_name = unit.map_or_else(|| "PMO".to_string(), |u| u.name.clone());
    let mut sections = Vec::new();

    // Purpose
    sections.push(Section {
        heading: "Purpose",
        blocks: vec![if plan.purpose.trim().is_empty() {
            gap(1, "the PMO's purpose")
        } else {
            Block::Text(plan.purpose.trim().to_string())
        }],
    });

    // Objectives and measures
    let objectives = plan.named_objectives();
    sections.push(Section {
        heading: "Objectives and measures",
        blocks: if objectives.is_empty() {
            vec![gap(1, "the objectives")]
        } else {
            let dash = |s: &str| {
                if s.trim().is_empty() {
                    "—".to_string()
                } else {
                    s.trim().to_string()
                }
            };
            vec![Block::Table {
                head: vec!["Objective".into(), "Measure".into(), "Target".into()],
                rows: objectives
                    .iter()
                    .map(|o| vec![o.text.trim().to_string(), dash(&o.measure), dash(&o.target)])
                    .collect(),
            }]
        },
    });

    // Scope
    let mut scope = Vec::new();
    // "Enterprise PMO is an enterprise PMO" says nothing: a unit named after its level is
    // "The Enterprise PMO", and the sentence says what it covers.
    let named_as_level = |level: PmoLevel| pmo_name.trim().eq_ignore_ascii_case(level.label());
    if let Some(level) = plan.level {
        let subject = if named_as_level(level) {
            format!("The {pmo_name}")
        } else {
            format!(
                "{pmo_name} is {}:",
                match level {
                    PmoLevel::Enterprise => "an enterprise PMO",
                    PmoLevel::Programme => "a programme PMO",
                }
            )
        };
        let verb_enterprise = if named_as_level(level) {
            "covers"
        } else {
            "it covers"
        };
        let verb_programme = if named_as_level(level) {
            "supports"
        } else {
            "it supports"
        };
        scope.push(Block::Text(match level {
            PmoLevel::Enterprise => {
                let counts: Vec<String> = [
                    (ws.portfolios.len(), "portfolio"),
                    (ws.programmes.len(), "programme"),
                    (ws.projects.iter().filter(|p| !p.archived).count(), "project"),
                ]
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, one)| crate::common::text::plural(n, one, None))
                .collect();
                if counts.is_empty() {
                    format!(
                        "{subject} {verb_enterprise} every portfolio, programme and project of {}.",
                        ws.organisation.name
                    )
                } else {
                    format!(
                        "{subject} {verb_enterprise} every portfolio, programme and project of {}, today {}.",
                        ws.organisation.name,
                        crate::common::text::join_and(&counts)
                    )
                }
            }
            PmoLevel::Programme => {
                format!("{subject} {verb_programme} one programme and its projects.")
            }
        }));
    }
    if plan.scope.trim().is_empty() {
        scope.push(gap(7, "the scope"));
    } else {
        scope.push(Block::Text(plan.scope.trim().to_string()));
    }
    sections.push(Section {
        heading: "Scope",
        blocks: scope,
    });

    // Type and authority
    sections.push(Section {
        heading: "PMO type and authority",
        blocks: if plan.type_decided {
            let t = ws.organisation.pmo_type;
            vec![
                Block::Text(format!("{} PMO.", t.label())),
                Block::Text(authority(t).to_string()),
            ]
        } else {
            vec![gap(4, "the PMO type")]
        },
    });

    // Sponsor
    let sponsor = plan.sponsor_id.as_deref().and_then(|id| ws.person(id));
    let mut sb = Vec::new();
    match sponsor {
        Some(p) => sb.push(Block::Text(crate::org::edit::person_label(p))),
        None => sb.push(gap(2, "the sponsor")),
    }
    if plan.commitment.trim().is_empty() {
        sb.push(gap(2, "what the sponsor commits"));
    } else {
        sb.push(Block::Text(format!(
            "Commitment: {}",
            plan.commitment.trim()
        )));
    }
    sections.push(Section {
        heading: "Sponsor",
        blocks: sb,
    });

    // Organisation
    let mut ob = Vec::new();
    match unit {
        Some(u) => {
            let tree = unit_tree(ws, &u.id);
            if tree.is_empty() {
                ob.push(Block::Text(format!(
                    "{} has nobody in the org chart yet.",
                    u.name
                )));
            } else {
                ob.push(Block::Tree(tree));
            }
        }
        None => ob.push(gap(4, "the PMO's unit")),
    }
    let rows = staffing(ws, plan);
    if rows.iter().any(|r| r.planned > 0) {
        ob.push(Block::Table {
            head: vec![
                "Role".into(),
                "Planned".into(),
                "In post".into(),
                "Open".into(),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        r.role.clone(),
                        r.planned.to_string(),
                        r.filled.to_string(),
                        (r.open + r.to_propose()).to_string(),
                    ]
                })
                .collect(),
        });
    } else {
        ob.push(gap(4, "the staffing"));
    }
    sections.push(Section {
        heading: "Organisation",
        blocks: ob,
    });

    // Services
    let mut services: Vec<String> = plan.services.iter().map(|s| service_name(s)).collect();
    let mut sv = Vec::new();
    if services.is_empty() {
        sv.push(gap(3, "the services"));
    } else {
        if plan.lifecycle {
            services.push(
                "A project lifecycle of initiation, planning, execution and closing, with a gate review at the end of each phase".into(),
            );
        }
        sv.push(Block::List(services));
    }
    if !plan.standards.trim().is_empty() {
        sv.push(Block::Text(format!(
            "Standards and templates: {}",
            plan.standards.trim()
        )));
    }
    if !plan.tools.trim().is_empty() {
        sv.push(Block::Text(format!("Tools: {}", plan.tools.trim())));
    }
    sections.push(Section {
        heading: "Services",
        blocks: sv,
    });

    // Communication
    let audiences = plan.named_audiences();
    sections.push(Section {
        heading: "Engagement and communication",
        blocks: if audiences.is_empty() {
            vec![gap(5, "the audiences")]
        } else {
            vec![Block::Table {
                head: vec!["Audience".into(), "Channel".into(), "How often".into()],
                rows: audiences
                    .iter()
                    .map(|a| {
                        vec![
                            a.who.trim().to_string(),
                            a.channel.trim().to_string(),
                            a.frequency.trim().to_string(),
                        ]
                    })
                    .collect(),
            }]
        },
    });

    // Routines
    sections.push(Section {
        heading: "Routines calendar",
        blocks: if plan.routines.is_empty() {
            vec![gap(6, "the routines")]
        } else {
            vec![Block::Table {
                head: vec!["Routine".into(), "When".into(), "Next dates".into()],
                rows: plan
                    .routines
                    .iter()
                    .map(|r| {
                        let next: Vec<String> =
                            next_dates(r, today, 3).into_iter().map(day).collect();
                        vec![r.name.trim().to_string(), r.describe(), next.join(", ")]
                    })
                    .collect(),
            }]
        },
    });

    // Success measures
    let measures: Vec<String> = objectives
        .iter()
        .filter(|o| !o.measure.trim().is_empty())
        .map(|o| {
            if o.target.trim().is_empty() {
                o.measure.trim().to_string()
            } else {
                format!("{}: {}", o.measure.trim(), o.target.trim())
            }
        })
        .collect();
    sections.push(Section {
        heading: "Success measures",
        blocks: if measures.is_empty() {
            vec![gap(1, "the measures of the objectives")]
        } else {
            vec![Block::List(measures)]
        },
    });

    // Review
    sections.push(Section {
        heading: "Review",
        blocks: vec![match plan.review {
            Some(d) => Block::Text(format!(
                "This charter is reviewed on {} by the sponsor and the head of the PMO.",
                day(d)
            )),
            None => gap(7, "the review date"),
        }],
    });

    Charter {
        title: format!("{pmo_name} charter"),
        organisation: ws.organisation.name.clone(),
        sections,
        missing,
    }
}

/// The people (and open roles) of a unit, by index.
pub(super) fn unit_members(ws: &Workspace, unit_id: &str) -> Vec<usize> {
    (0..ws.people.len())
        .filter(|&i| ws.people[i].unit_id.as_deref() == Some(unit_id))
        .collect()
}

/// A person's role as the charter shows it: the catalogue name, else their title.
pub(super) fn role_name(ws: &Workspace, p: &Person) -> String {
    ws.role_of(p)
        .map_or_else(|| p.title.clone(), |r| r.name.clone())
}

/// The members of a unit as an outline: each under their manager when the manager is in the
/// unit too, by name; open roles are marked.
pub fn unit_tree(ws: &Workspace, unit_id: &str) -> Vec<(usize, String)> {
    let members = unit_members(ws, unit_id);
    let inside: HashSet<&str> = members.iter().map(|&i| ws.people[i].id.as_str()).collect();
    let line = |i: usize| {
        let p = &ws.people[i];
        let role = role_name(ws, p);
        if p.vacancy {
            format!("{} (open role)", role)
        } else if role.is_empty() {
            p.name.clone()
        } else {
            format!("{} — {role}", p.name)
        }
    };
    let sort = |v: &mut Vec<usize>| crate::roles::sort_people(ws, v);
    let mut roots: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| {
            ws.people[i]
                .manager_id
                .as_deref()
                .is_none_or(|m| !inside.contains(m))
        })
        .collect();
    sort(&mut roots);
    let mut out = Vec::new();
    let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|i| (i, 0)).collect();
    let mut seen = HashSet::new();
    while let Some((i, depth)) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        out.push((depth, line(i)));
        let id = ws.people[i].id.as_str();
        let mut kids: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&k| ws.people[k].manager_id.as_deref() == Some(id))
            .collect();
        sort(&mut kids);
        stack.extend(kids.into_iter().rev().map(|k| (k, depth + 1)));
    }
    out
}

/// Markdown text that shows `s` literally (no emphasis, links or headings).
impl Charter {
    /// The charter as Markdown: a heading per section, tables as pipe tables, the gaps as
    /// quoted notes.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n\n{}\n", md(&self.title), md(&self.organisation));
        for s in &self.sections {
            out.push_str(&format!("\n## {}\n\n", s.heading));
            for b in &s.blocks {
                match b {
                    Block::Text(t) => out.push_str(&format!("{}\n\n", md(t))),
                    Block::Missing(t) => out.push_str(&format!("> {}\n\n", md(t))),
                    Block::List(items) => {
                        for i in items {
                            out.push_str(&format!("- {}\n", md(i)));
                        }
                        out.push('\n');
                    }
                    Block::Tree(lines) => {
                        for (depth, l) in lines {
                            out.push_str(&format!("{}- {}\n", "  ".repeat(*depth), md(l)));
                        }
                        out.push('\n');
                    }
                    Block::Table { head, rows } => {
                        let row = |cells: &[String]| {
                            format!(
                                "| {} |\n",
                                cells.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ")
                            )
                        };
                        out.push_str(&row(head));
                        out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
                        for r in rows {
                            out.push_str(&row(r));
                        }
                        out.push('\n');
                    }
                }
            }
        }
        if !self.missing.is_empty() {
            out.push_str("\n## Still to decide\n\n");
            for (step, what) in &self.missing {
                out.push_str(&format!(
                    "- Step {step} ({}): {}\n",
                    step_title(*step),
                    md(what)
                ));
            }
        }
        out
    }

    /// A file name for the Markdown export: "enterprise-pmo-charter.md".
    pub fn file_name(&self) -> String {
        format!("{}.md", crate::common::slug::slug(&self.title))
    }
}
