//! The role catalogue and the career paths it forms.
//!
//! A role sits on a *ladder* (`pmo`, `delivery`, `executive`, or any ladder a user adds) at a
//! *seniority* rung; rung 1 is the entry role. Several roles may share a rung: they are
//! alternatives at the same level (a stage manager and an implementation manager are both
//! rung-3 delivery roles). A role lists the skills the PMO skills self-assessment measures,
//! each with the level (1–5) the role typically asks for, so a person can compare their own
//! result with the role they hold and the next one up.

use std::collections::HashSet;

use crate::model::{Person, Role, SkillTarget, Workspace};

/// Highest seniority rung a role may have.
pub const MAX_SENIORITY: u8 = 9;

/// The ladders the app knows by name, in the order the career view draws them.
pub const LADDERS: [(&str, &str); 3] = [
    ("pmo", "PMO path"),
    ("delivery", "Delivery path"),
    ("executive", "Executives"),
];

/// The heading of a ladder: its known name, or the ladder id itself.
pub fn ladder_name(ladder: &str) -> String {
    LADDERS
        .iter()
        .find(|(id, _)| *id == ladder)
        .map_or_else(|| ladder.to_string(), |(_, name)| (*name).to_string())
}

/// The skills the PMO skills questionnaire measures, as (id, name).
pub fn skills() -> Vec<(String, String)> {
    crate::assessment::questionnaire::find(&[], crate::assessment::questionnaire::SKILLS)
        .map(|q| {
            q.dimensions
                .iter()
                .map(|d| (d.id.clone(), d.name.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// The ids of [`skills`], worked out once (the skills questionnaire is built in).
fn skill_ids() -> &'static HashSet<String> {
    static IDS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| skills().into_iter().map(|(id, _)| id).collect())
}

/// The standard catalogue: executives, the PMO path, the delivery path and the other project
/// titles in use.
pub fn standard_catalogue() -> Vec<Role> {
    #[allow(clippy::too_many_arguments)]
    fn r(
        id: &str,
        name: &str,
        ladder: &str,
        seniority: u8,
        description: &str,
        responsibilities: &[&str],
        skills: &[(&str, u8)],
    ) -> Role {
        Role {
            id: id.into(),
            name: name.into(),
            description: description.into(),
            ladder: ladder.into(),
            seniority,
            responsibilities: responsibilities.iter().map(|s| (*s).to_string()).collect(),
            skills: skills
                .iter()
                .map(|(skill, level)| SkillTarget {
                    skill: (*skill).into(),
                    level: *level,
                })
                .collect(),
        }
    }
    const ORG: &str = "organisation";
    const PROB: &str = "problem_solving";
    const COMM: &str = "communication";
    const AWARE: &str = "awareness";
    const NEG: &str = "negotiation";
    const FLEX: &str = "flexibility";
    const ANA: &str = "analysis";
    const EI: &str = "emotional_intelligence";
    vec![
        r(
            "ceo",
            "Chief Executive Officer",
            "executive",
            3,
            "Leads the organisation; the enterprise PMO often reports here.",
            &["Sets the strategy projects are scored against", "Sponsors the enterprise PMO"],
            &[],
        ),
        r(
            "executive",
            "Business executive",
            "executive",
            2,
            "Heads a business line; sponsors projects.",
            &["Sponsors projects and owns their benefits", "Provides people for project teams"],
            &[],
        ),
        r(
            "pmo-coordinator",
            "PMO Coordinator",
            "pmo",
            1,
            "Keeps schedules, minutes and the project register up to date.",
            &[
                "Keeps the project register and calendars current",
                "Collects status updates on time",
                "Organises meetings and writes the minutes",
            ],
            &[(ORG, 3), (COMM, 2), (AWARE, 2)],
        ),
        r(
            "pmo-analyst",
            "PMO Analyst",
            "pmo",
            2,
            "Collects status data, analyses it and prepares reports.",
            &[
                "Checks status data and chases gaps",
                "Prepares the monthly PMO report",
                "Analyses trends in cost, schedule and risk",
            ],
            &[(ORG, 3), (ANA, 3), (PROB, 3), (COMM, 3), (AWARE, 2)],
        ),
        r(
            "pmo-manager",
            "PMO Manager",
            "pmo",
            3,
            "Runs the PMO day to day: standards, routines, reporting.",
            &[
                "Owns the PMO's standards, templates and routines",
                "Leads the PMO team",
                "Runs gate reviews and the monthly reporting cycle",
            ],
            &[(ORG, 4), (ANA, 3), (PROB, 3), (COMM, 4), (AWARE, 3), (NEG, 3), (FLEX, 3), (EI, 3)],
        ),
        r(
            "pmo-director",
            "PMO Director",
            "pmo",
            4,
            "Heads the PMO and its governance.",
            &[
                "Sets the PMO's direction and governance",
                "Reports to the sponsor and the board",
                "Balances resources across the portfolio",
            ],
            &[(ORG, 4), (ANA, 4), (PROB, 4), (COMM, 4), (AWARE, 4), (NEG, 4), (FLEX, 4), (EI, 4)],
        ),
        r(
            "cpo",
            "Chief Project Officer",
            "pmo",
            5,
            "The most senior PMO role; owns the project portfolio for the board.",
            &[
                "Owns the project portfolio for the board",
                "Aligns every programme and project with strategy",
                "Builds the organisation's project capability",
            ],
            &[(ORG, 5), (ANA, 4), (PROB, 5), (COMM, 5), (AWARE, 5), (NEG, 5), (FLEX, 5), (EI, 5)],
        ),
        r(
            "team-assistant",
            "Team Assistant",
            "delivery",
            1,
            "Supports a project team with logistics and records.",
            &["Keeps team calendars, rooms and records", "Tracks actions from meetings"],
            &[(ORG, 2), (COMM, 2)],
        ),
        r(
            "pm-assistant",
            "Project Management Assistant",
            "delivery",
            1,
            "Supports project managers with planning and administration.",
            &["Maintains plans, logs and registers", "Prepares status reports for the PM"],
            &[(ORG, 3), (COMM, 2), (AWARE, 2)],
        ),
        r(
            "comms-officer",
            "Project Communications Officer",
            "delivery",
            2,
            "Plans and runs a project's communication with its stakeholders.",
            &["Writes the communication plan", "Keeps stakeholders informed"],
            &[(COMM, 4), (AWARE, 3), (EI, 3)],
        ),
        r(
            "associate-pm",
            "Associate Project Manager",
            "delivery",
            2,
            "Runs smaller projects or work streams under guidance.",
            &["Runs a work stream or a small project", "Keeps its plan, risks and status current"],
            &[(ORG, 3), (PROB, 3), (COMM, 3), (AWARE, 2), (NEG, 2)],
        ),
        r(
            "project-manager",
            "Project Manager",
            "delivery",
            3,
            "Leads one project from start to finish: scope, cost, schedule.",
            &[
                "Plans the project and controls scope, cost and schedule",
                "Manages risks, issues and the project team",
                "Reports status to the sponsor and the PMO",
            ],
            &[(ORG, 4), (PROB, 3), (COMM, 3), (AWARE, 3), (NEG, 3), (FLEX, 3), (EI, 3)],
        ),
        r(
            "business-pm",
            "Business Project Manager",
            "delivery",
            3,
            "The business side's PM on a project that has two PMs.",
            &["Represents the business's needs and benefits", "Prepares the business for the change"],
            &[(COMM, 4), (NEG, 3), (AWARE, 3), (EI, 3)],
        ),
        r(
            "technical-pm",
            "Technical Project Manager",
            "delivery",
            3,
            "The technical side's PM on a project that has two PMs.",
            &["Plans and controls the technical work", "Manages technical risks and suppliers"],
            &[(ORG, 4), (PROB, 4), (ANA, 3)],
        ),
        r(
            "stage-manager",
            "Stage Manager",
            "delivery",
            3,
            "Manages one stage of a larger project.",
            &["Delivers a stage to its plan", "Prepares the stage-end review"],
            &[(ORG, 4), (PROB, 3), (COMM, 3)],
        ),
        r(
            "implementation-manager",
            "Implementation Manager",
            "delivery",
            3,
            "Brings a delivered solution into use in the business.",
            &["Plans roll-out and hand-over", "Makes sure the benefits can be realised"],
            &[(ORG, 3), (COMM, 4), (FLEX, 3), (EI, 3)],
        ),
        r(
            "senior-pm",
            "Senior Project Manager",
            "delivery",
            4,
            "Leads large or critical projects and coaches other PMs.",
            &["Leads large or critical projects", "Coaches project managers"],
            &[(ORG, 4), (PROB, 4), (COMM, 4), (AWARE, 4), (NEG, 4), (FLEX, 3), (EI, 4)],
        ),
        r(
            "programme-manager",
            "Programme Manager",
            "delivery",
            5,
            "Coordinates related projects towards shared benefits.",
            &["Coordinates related projects", "Manages benefits and dependencies across them"],
            &[(ORG, 4), (PROB, 4), (COMM, 4), (AWARE, 4), (NEG, 4), (FLEX, 4), (ANA, 4), (EI, 4)],
        ),
        r(
            "portfolio-manager",
            "Portfolio Manager",
            "delivery",
            6,
            "Selects and balances projects and programmes against strategy.",
            &["Selects and prioritises projects", "Balances the portfolio against capacity and strategy"],
            &[(ANA, 5), (PROB, 4), (COMM, 4), (AWARE, 5), (NEG, 4), (FLEX, 4)],
        ),
        r(
            "head-of-pm",
            "Head of Programme and Project Management",
            "delivery",
            7,
            "The senior executive over all project work; also called VP of project management or manager of project managers.",
            &[
                "Gives overall direction to all programmes and projects",
                "Manages the project managers",
                "Represents project management at executive level",
            ],
            &[(ORG, 5), (ANA, 5), (PROB, 5), (COMM, 5), (AWARE, 5), (NEG, 5), (FLEX, 5), (EI, 5)],
        ),
    ]
}

/// Bring a catalogue stored by version 3 or earlier up to date: roles of the standard
/// catalogue (same id) gain its responsibilities and skills when they have none, a missing
/// seniority becomes 1 and a missing ladder `other`, repeated names get a number, and the
/// standard roles the catalogue lacks (by id and by name) are added at the end.
pub fn upgrade_catalogue(mut roles: Vec<Role>) -> Vec<Role> {
    let standard = standard_catalogue();
    for r in &mut roles {
        if let Some(s) = standard.iter().find(|s| s.id == r.id) {
            if r.responsibilities.is_empty() {
                r.responsibilities = s.responsibilities.clone();
            }
            if r.skills.is_empty() {
                r.skills = s.skills.clone();
            }
        }
        if r.seniority == 0 {
            r.seniority = 1;
        }
        if r.ladder.trim().is_empty() {
            r.ladder = "other".into();
        }
    }
    let mut names: HashSet<String> = HashSet::new();
    for r in &mut roles {
        let base = if r.name.trim().is_empty() {
            r.id.clone()
        } else {
            r.name.trim().to_string()
        };
        let mut name = base.clone();
        let mut n = 2;
        while !names.insert(name.to_lowercase()) {
            name = format!("{base} ({n})");
            n += 1;
        }
        r.name = name;
    }
    for s in standard {
        if !roles.iter().any(|r| r.id == s.id) && !names.contains(&s.name.to_lowercase()) {
            names.insert(s.name.to_lowercase());
            roles.push(s);
        }
    }
    roles
}

/// What a user typed for a role, before it is checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoleDraft {
    pub name: String,
    pub description: String,
    pub ladder: String,
    pub seniority: u8,
    /// One responsibility per line.
    pub responsibilities: String,
    pub skills: Vec<SkillTarget>,
}

impl RoleDraft {
    pub fn of(r: &Role) -> RoleDraft {
        RoleDraft {
            name: r.name.clone(),
            description: r.description.clone(),
            ladder: r.ladder.clone(),
            seniority: r.seniority,
            responsibilities: r.responsibilities.join("\n"),
            skills: r.skills.clone(),
        }
    }
}

/// How a role is named in messages: `role "PMO Analyst"` (its id when it has no name).
pub fn role_label(r: &Role) -> String {
    if r.name.trim().is_empty() {
        format!("role \"{}\"", r.id)
    } else {
        format!("role \"{}\"", r.name.trim())
    }
}

/// Every problem with one role of a catalogue (empty when it is fine), e.g.
/// `skill "typing" is not one the PMO skills self-assessment measures`. A name already used
/// by an earlier role of the catalogue is a problem of the later one.
pub fn role_problems(roles: &[Role], i: usize) -> Vec<String> {
    let name = roles[i].name.trim().to_lowercase();
    let named_before = roles[..i]
        .iter()
        .any(|o| o.name.trim().to_lowercase() == name);
    problems_of(&roles[i], named_before)
}

/// [`role_problems`] of every role, in one pass (linear in the size of the catalogue).
pub fn all_role_problems(roles: &[Role]) -> Vec<Vec<String>> {
    let mut names = HashSet::with_capacity(roles.len());
    roles
        .iter()
        .map(|r| {
            let fresh = names.insert(r.name.trim().to_lowercase());
            problems_of(r, !fresh)
        })
        .collect()
}

fn problems_of(r: &Role, named_before: bool) -> Vec<String> {
    let known = skill_ids();
    let mut out = Vec::new();
    if r.id.trim().is_empty() {
        out.push("the id is empty".to_string());
    }
    if r.name.trim().is_empty() {
        out.push("the name is empty".into());
    } else if named_before {
        out.push(format!(
            "another role is already called \"{}\"",
            r.name.trim()
        ));
    }
    if r.ladder.trim().is_empty() {
        out.push("the career ladder is empty".into());
    }
    if !(1..=MAX_SENIORITY).contains(&r.seniority) {
        out.push(format!(
            "seniority {} is outside 1–{MAX_SENIORITY}",
            r.seniority
        ));
    }
    let mut seen = HashSet::new();
    for s in &r.skills {
        if !known.contains(&s.skill) {
            out.push(format!(
                "skill \"{}\" is not one the PMO skills self-assessment measures",
                s.skill
            ));
        } else if !seen.insert(s.skill.as_str()) {
            out.push(format!("skill \"{}\" is listed twice", s.skill));
        }
        if !(1..=5).contains(&s.level) {
            out.push(format!(
                "skill \"{}\" asks for level {}, outside 1–5",
                s.skill, s.level
            ));
        }
    }
    out
}

/// Every problem with the catalogue, each with the role it is about (empty when valid).
pub fn catalogue_problems(roles: &[Role]) -> Vec<String> {
    roles
        .iter()
        .zip(all_role_problems(roles))
        .flat_map(|(r, problems)| {
            let at = role_label(r);
            problems.into_iter().map(move |p| format!("{at}: {p}"))
        })
        .collect()
}

/// Check a draft and turn it into a role with the given id.
pub fn role_from_draft(id: &str, d: &RoleDraft, others: &[Role]) -> Result<Role, String> {
    let role = Role {
        id: id.to_string(),
        name: d.name.trim().to_string(),
        description: d.description.trim().to_string(),
        ladder: d.ladder.trim().to_lowercase(),
        seniority: d.seniority,
        responsibilities: d
            .responsibilities
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        skills: d.skills.iter().filter(|s| s.level > 0).cloned().collect(),
    };
    let mut all: Vec<Role> = others.iter().filter(|r| r.id != id).cloned().collect();
    all.push(role.clone());
    match role_problems(&all, all.len() - 1).into_iter().next() {
        Some(p) => Err(capitalise(&p)),
        None => Ok(role),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A new role id from a name: `"Risk Lead"` → `"risk-lead"`, made unique with a number.
pub fn new_role_id(ws: &Workspace, name: &str) -> String {
    let slug = crate::common::slug::slug(name);
    let base = if slug.is_empty() { "role" } else { &slug };
    let mut id = crate::common::ids::for_this_copy(base.to_string());
    let mut n = 2;
    while ws.roles.iter().any(|r| r.id == id) {
        id = crate::common::ids::for_this_copy(format!("{base}-{n}"));
        n += 1;
    }
    id
}

/// Add a role or change one (by id) from a draft. Returns the role's id.
pub fn save_role(ws: &mut Workspace, id: Option<&str>, d: &RoleDraft) -> Result<String, String> {
    let id = id.map_or_else(|| new_role_id(ws, &d.name), str::to_string);
    let role = role_from_draft(&id, d, &ws.roles)?;
    match ws.roles.iter_mut().find(|r| r.id == id) {
        Some(r) => *r = role,
        None => ws.roles.push(role),
    }
    Ok(id)
}

/// Remove a role nobody holds; a role in use is refused with who holds it.
pub fn remove_role(ws: &mut Workspace, id: &str) -> Result<(), String> {
    let holders = holders(ws, id);
    if !holders.is_empty() {
        let names: Vec<&str> = holders
            .iter()
            .take(3)
            .map(|&i| ws.people[i].name.as_str())
            .collect();
        let more = holders.len().saturating_sub(3);
        return Err(format!(
            "{} {} this role ({}{}): give them another role first",
            holders.len(),
            if holders.len() == 1 {
                "person holds"
            } else {
                "people hold"
            },
            names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    ws.roles.retain(|r| r.id != id);
    Ok(())
}

/// People (by index) who hold a role, open roles last, then by name.
pub fn holders(ws: &Workspace, role_id: &str) -> Vec<usize> {
    let mut out: Vec<usize> = (0..ws.people.len())
        .filter(|&i| ws.people[i].role_id.as_deref() == Some(role_id))
        .collect();
    sort_people(ws, &mut out);
    out
}

/// Order people (by index) for lists: people before open roles, then by name.
pub fn sort_people(ws: &Workspace, people: &mut [usize]) {
    people.sort_by_cached_key(|&i| {
        let p = &ws.people[i];
        (p.vacancy, p.name.to_lowercase())
    });
}

/// For each role of the catalogue (in its order): how many people hold it and how many open
/// roles it has, counted in one pass over the people.
pub fn holder_counts(ws: &Workspace) -> Vec<(usize, usize)> {
    let at: std::collections::HashMap<&str, usize> = ws
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut counts = vec![(0, 0); ws.roles.len()];
    for p in &ws.people {
        if let Some(&i) = p.role_id.as_deref().and_then(|r| at.get(r)) {
            if p.vacancy {
                counts[i].1 += 1;
            } else {
                counts[i].0 += 1;
            }
        }
    }
    counts
}

/// One ladder of the career view: its rungs from the entry role up, each with its roles.
#[derive(Clone, Debug, PartialEq)]
pub struct Ladder {
    pub id: String,
    pub name: String,
    /// (seniority, role indices in catalogue order), lowest rung first.
    pub rungs: Vec<(u8, Vec<usize>)>,
}

/// The catalogue as ladders: known ladders first in their order, then the others by id.
pub fn ladders(roles: &[Role]) -> Vec<Ladder> {
    let mut ids: Vec<&str> = Vec::new();
    for (id, _) in LADDERS {
        if roles.iter().any(|r| r.ladder == id) {
            ids.push(id);
        }
    }
    let mut others: Vec<&str> = roles
        .iter()
        .map(|r| r.ladder.as_str())
        .filter(|l| !LADDERS.iter().any(|(id, _)| id == l))
        .collect();
    others.sort_unstable();
    others.dedup();
    ids.extend(others);
    ids.into_iter()
        .map(|id| {
            let mut rungs: Vec<(u8, Vec<usize>)> = Vec::new();
            let mut members: Vec<usize> = (0..roles.len())
                .filter(|&i| roles[i].ladder == id)
                .collect();
            members.sort_by_key(|&i| roles[i].seniority);
            for i in members {
                match rungs.last_mut() {
                    Some((s, list)) if *s == roles[i].seniority => list.push(i),
                    _ => rungs.push((roles[i].seniority, vec![i])),
                }
            }
            Ladder {
                id: id.to_string(),
                name: ladder_name(id),
                rungs,
            }
        })
        .collect()
}

/// The next step up from a role: the roles on the lowest higher rung of the same ladder.
pub fn next_steps(roles: &[Role], role_id: &str) -> Vec<usize> {
    let Some(r) = roles.iter().find(|r| r.id == role_id) else {
        return Vec::new();
    };
    let next = roles
        .iter()
        .filter(|o| o.ladder == r.ladder && o.seniority > r.seniority)
        .map(|o| o.seniority)
        .min();
    match next {
        Some(s) => (0..roles.len())
            .filter(|&i| roles[i].ladder == r.ladder && roles[i].seniority == s)
            .collect(),
        None => Vec::new(),
    }
}

/// How a person's measured skill compares with what a role asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct SkillGap {
    pub skill: String,
    pub name: String,
    /// The level the role asks for.
    pub target: u8,
    /// The person's latest measured score, if they answered that skill.
    pub current: Option<f64>,
}

impl SkillGap {
    /// True when the person reaches the level (a level is reached when the score reaches it).
    pub fn met(&self) -> bool {
        self.current
            .is_some_and(|c| c + 1e-9 >= f64::from(self.target))
    }
}

/// The role's skills next to a person's latest PMO skills result (matched by respondent name,
/// loosely), in the order the questionnaire lists the skills.
pub fn skill_gaps(ws: &Workspace, role: &Role, person: Option<&Person>) -> Vec<SkillGap> {
    let score = person.and_then(|p| latest_skills_score(ws, &p.name));
    skills()
        .into_iter()
        .filter_map(|(id, name)| {
            let t = role.skills.iter().find(|s| s.skill == id)?;
            let current = score.as_ref().and_then(|s| {
                s.dimensions
                    .iter()
                    .find(|d| d.dimension == id)
                    .and_then(|d| d.score)
            });
            Some(SkillGap {
                skill: id,
                name,
                target: t.level,
                current,
            })
        })
        .collect()
}

/// The score of a person's latest PMO skills self-assessment (finished or not).
pub fn latest_skills_score(ws: &Workspace, name: &str) -> Option<crate::assessment::Score> {
    let q = crate::assessment::questionnaire::find(
        &ws.questionnaires,
        crate::assessment::questionnaire::SKILLS,
    )?;
    let key = crate::assessment::respondent_key(name);
    let a = ws
        .assessments
        .iter()
        .filter(|a| {
            a.questionnaire_id == crate::assessment::questionnaire::SKILLS
                && crate::assessment::respondent_key(&a.respondent) == key
        })
        .max_by_key(|a| (a.finished.unwrap_or(a.started), a.started))?;
    Some(crate::assessment::score(q, &a.answers))
}
