//! The people of a generated organisation: names, units, the leadership and the PMO, and the
//! project managers with their dotted lines to the PMO.

use super::Generator;
use crate::model::*;

const FIRST: [&str; 24] = [
    "Amara", "Ben", "Chloé", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kavya",
    "Luca", "Maya", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera",
    "Wen", "Yusuf",
];
const LAST: [&str; 20] = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Petrov",
    "Yılmaz",
    "Haddad",
    "Becker",
    "Tanaka",
    "García",
    "Weber",
    "Iyer",
    "Rossi",
    "Cohen",
    "Berg",
    "Novak",
    "Silva",
    "Murphy",
    "Costa",
    "Nakamura",
    "Ahmed",
];
/// Unique names: past the 480 first/last combinations a number tells namesakes apart, as
/// people expect when they look someone up.
#[derive(Default)]
pub(super) struct Names {
    counter: usize,
    used: std::collections::HashSet<String>,
}

impl Names {
    pub(super) fn next(&mut self, rng: &mut super::Rng) -> String {
        loop {
            let first = FIRST[(self.counter * 7 + rng.below(3) as usize) % FIRST.len()];
            let last = LAST[(self.counter * 11 + rng.below(5) as usize) % LAST.len()];
            let round = self.counter / (FIRST.len() * LAST.len());
            self.counter += 1;
            let name = if round == 0 {
                format!("{first} {last}")
            } else {
                format!("{first} {last} {}", round + 1)
            };
            if self.used.insert(name.clone()) {
                return name;
            }
        }
    }
}

/// The people every generated organisation has, by id.
pub(super) struct Leadership {
    pub heads: [Id; 3],
    pub head_units: [&'static str; 3],
    pub cpo: Id,
    pub pmo_mgr: Id,
    pub analysts: Vec<Id>,
}

/// The organisation, its units, and the leadership with the enterprise PMO (and its open role).
pub(super) fn leadership(g: &mut Generator) -> Leadership {
    g.ws.organisation = Organisation {
        name: "Northwind Group".into(),
        pmo_type: PmoType::Controlling,
        currency: "EUR".into(),
    };
    g.ws.units = vec![
        Unit {
            id: "u-epmo".into(),
            name: "Enterprise PMO".into(),
            kind: UnitKind::EnterprisePmo,
        },
        Unit {
            id: "u-ppmo".into(),
            name: "Digital Channels programme PMO".into(),
            kind: UnitKind::ProgrammePmo,
        },
        Unit {
            id: "u-ops".into(),
            name: "Operations".into(),
            kind: UnitKind::Business,
        },
        Unit {
            id: "u-tech".into(),
            name: "Technology".into(),
            kind: UnitKind::Business,
        },
        Unit {
            id: "u-fin".into(),
            name: "Finance".into(),
            kind: UnitKind::Business,
        },
    ];

    let ceo = g.add(
        "ceo".into(),
        "Chief Executive Officer",
        "ceo",
        "u-ops",
        None,
    );
    let heads = [
        g.add(
            "coo".into(),
            "Chief Operating Officer",
            "executive",
            "u-ops",
            Some(&ceo),
        ),
        g.add(
            "cio".into(),
            "Chief Information Officer",
            "executive",
            "u-tech",
            Some(&ceo),
        ),
        g.add(
            "cfo".into(),
            "Chief Financial Officer",
            "executive",
            "u-fin",
            Some(&ceo),
        ),
    ];
    let head_units = ["u-ops", "u-tech", "u-fin"];
    let cpo = g.add(
        "cpo".into(),
        "Chief Project Officer",
        "cpo",
        "u-epmo",
        Some(&ceo),
    );
    let pmo_mgr = g.add(
        "pmo-mgr".into(),
        "PMO Manager",
        "pmo-manager",
        "u-epmo",
        Some(&cpo),
    );
    let analysts: Vec<Id> = (1..=3)
        .map(|i| {
            g.add(
                format!("pmo-an-{i}"),
                "PMO Analyst",
                "pmo-analyst",
                "u-epmo",
                Some(&pmo_mgr),
            )
        })
        .collect();
    for i in 1..=3 {
        g.add(
            format!("pmo-co-{i}"),
            "PMO Coordinator",
            "pmo-coordinator",
            "u-epmo",
            Some(&pmo_mgr),
        );
    }
    g.ws.people.push(Person {
        id: "pmo-vacancy-1".into(),
        name: "Open role: PMO Analyst".into(),
        title: "PMO Analyst (hiring)".into(),
        role_id: Some("pmo-analyst".into()),
        unit_id: Some("u-epmo".into()),
        manager_id: Some(pmo_mgr.clone()),
        vacancy: true,
    });

    Leadership {
        heads,
        head_units,
        cpo,
        pmo_mgr,
        analysts,
    }
}

/// The programme PMO of the first programme: solid line to its programme manager, dotted line
/// to the enterprise PMO.
pub(super) fn programme_pmo(g: &mut Generator, lead: &Leadership) {
    let ppmo_lead = g.add(
        "ppmo-lead".into(),
        "Programme PMO Lead",
        "pmo-manager",
        "u-ppmo",
        Some("pgm-1"),
    );
    g.add(
        "ppmo-an".into(),
        "Programme PMO Analyst",
        "pmo-analyst",
        "u-ppmo",
        Some(&ppmo_lead),
    );
    g.ws.dotted_lines.push(DottedLine {
        from: ppmo_lead,
        to: lead.pmo_mgr.clone(),
        label: "Enterprise PMO standards".into(),
    });
}

/// Project managers: senior PMs under the business heads, PMs under the senior PMs; most keep
/// a dotted line to the PMO, a few do not (which the org chart flags). Returns their ids.
pub(super) fn project_managers(g: &mut Generator, people: usize, lead: &Leadership) -> Vec<Id> {
    let fixed = g.ws.people.len();
    let n_pms = people.saturating_sub(fixed).max(3);
    let n_seniors = (n_pms / 10).max(3).min(n_pms);
    let mut pms: Vec<Id> = Vec::with_capacity(n_pms);
    for j in 0..n_pms {
        let (title, role, manager, unit) = if j < n_seniors {
            (
                "Senior Project Manager",
                "senior-pm",
                lead.heads[j % 3].clone(),
                lead.head_units[j % 3],
            )
        } else {
            let s = (j - n_seniors) % n_seniors;
            (
                "Project Manager",
                "project-manager",
                format!("pm-{}", s + 1),
                lead.head_units[s % 3],
            )
        };
        let id = g.add(format!("pm-{}", j + 1), title, role, unit, Some(&manager));
        // Most PMs keep a dotted line to the PMO; a few do not, which the org chart flags.
        if !(j + 1).is_multiple_of(7) {
            g.ws.dotted_lines.push(DottedLine {
                from: id.clone(),
                to: lead.pmo_mgr.clone(),
                label: "PMO reporting".into(),
            });
        }
        pms.push(id);
    }

    pms
}
