//! Portfolios and programmes of a generated organisation, each with its manager, and the
//! strategic objectives projects are scored against.

use super::people::Leadership;
use super::Generator;
use crate::model::*;

const PORTFOLIOS: [&str; 3] = [
    "Customer & Growth",
    "Operations Excellence",
    "Technology Platform",
];
const PROGRAMMES: [&str; 8] = [
    "Digital Channels",
    "Customer Data",
    "Supply Chain Renewal",
    "Finance Transformation",
    "Workplace Modernisation",
    "Cloud Migration",
    "Security Uplift",
    "Data & Analytics",
];
/// `n_portfolios` portfolios and `n_programmes` programmes spread over them, with their
/// managers.
pub(super) fn portfolios_and_programmes(
    g: &mut Generator,
    n_portfolios: usize,
    n_programmes: usize,
    lead: &Leadership,
) {
    for i in 0..n_portfolios {
        let pm = g.add(
            format!("pfm-{}", i + 1),
            "Portfolio Manager",
            "portfolio-manager",
            "u-epmo",
            Some(&lead.cpo),
        );
        g.ws.portfolios.push(Portfolio {
            id: format!("pf-{}", i + 1),
            name: PORTFOLIOS
                .get(i)
                .map_or_else(|| format!("Portfolio {}", i + 1), |s| s.to_string()),
            description: String::new(),
            manager_id: Some(pm),
        });
    }
    for i in 0..n_programmes {
        let portfolio = i % n_portfolios;
        let mgr = g.add(
            format!("pgm-{}", i + 1),
            "Programme Manager",
            "programme-manager",
            lead.head_units[portfolio % 3],
            Some(&format!("pfm-{}", portfolio + 1)),
        );
        g.ws.programmes.push(Programme {
            id: format!("pg-{}", i + 1),
            name: PROGRAMMES
                .get(i)
                .map_or_else(|| format!("Programme {}", i + 1), |s| s.to_string()),
            portfolio_id: format!("pf-{}", portfolio + 1),
            manager_id: Some(mgr),
            pmo_unit_id: (i == 0).then(|| "u-ppmo".to_string()),
        });
    }
}

/// The strategic objectives, weighted.
pub(super) fn objectives() -> Vec<Objective> {
    vec![
        Objective {
            id: "obj-growth".into(),
            name: "Grow revenue".into(),
            weight: 40,
        },
        Objective {
            id: "obj-cost".into(),
            name: "Reduce operating cost".into(),
            weight: 30,
        },
        Objective {
            id: "obj-risk".into(),
            name: "Reduce regulatory risk".into(),
            weight: 20,
        },
        Objective {
            id: "obj-people".into(),
            name: "Improve employee experience".into(),
            weight: 10,
        },
    ]
}
