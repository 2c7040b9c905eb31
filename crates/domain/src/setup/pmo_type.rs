//! The PMO type: what it means, and which one the assessment suggests.

use chrono::NaiveDate;

use crate::model::{PmoType, Workspace};

/// What the PMO type means for authority and reporting lines.
pub fn authority(t: PmoType) -> &'static str {
    match t {
        PmoType::Supportive => "The PMO advises: it provides templates, best practice and training, and projects use them by choice. Project managers report to their business lines and keep a dotted line to the PMO.",
        PmoType::Controlling => "The PMO sets standards that projects must follow and checks them at gate reviews and in monthly reporting. Project managers report to their business lines; the PMO can stop a project at a gate.",
        PmoType::Directive => "The PMO runs the projects: it assigns project managers from its own pool, who report directly into the PMO and are measured by it.",
    }
}

/// The organisation's PMO type, suggested by the latest finished "Which PMO type fits"
/// assessment with a single best fit: (type, finished on, respondent).
pub fn suggested_type(ws: &Workspace) -> Option<(PmoType, NaiveDate, String)> {
    let q = crate::assessment::questionnaire::find(
        &ws.questionnaires,
        crate::assessment::questionnaire::PMO_TYPE,
    )?;
    ws.assessments
        .iter()
        .filter(|a| a.questionnaire_id == q.id)
        .filter_map(|a| a.finished.map(|f| (f, a)))
        .max_by_key(|(f, a)| (*f, a.started))
        .and_then(|(f, a)| {
            let s = crate::assessment::score(q, &a.answers);
            let fit = crate::assessment::best_fit(q, &a.answers, &s)?;
            match fit.best.as_slice() {
                [one] => PmoType::from_id(one).map(|t| (t, f, a.respondent.clone())),
                _ => None,
            }
        })
}
