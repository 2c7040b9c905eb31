//! Questionnaires and assessments: custom questionnaires pass their checks and do not take a
//! built-in id; every assessment names a questionnaire and unit that exist.

use super::{label, Checker, Known, ProblemKind};

/// Custom questionnaires and assessments.
pub(super) fn check_assessments(c: &mut Checker, known: &Known) {
    let ws = c.ws;
    let Known { units, .. } = known;
    c.unique_ids("questionnaire", ws.questionnaires.iter().map(|q| &q.id));
    for q in c.pick(&ws.questionnaires, |_| &[]) {
        let at = label("questionnaire", &q.id, &q.title);
        if crate::assessment::questionnaire::is_built_in(&q.id) {
            c.push(
                at,
                ProblemKind::DuplicateId,
                format!("the id \"{}\" belongs to a built-in questionnaire", q.id),
            );
        }
        for p in crate::assessment::questionnaire::validate(q) {
            c.push(at, ProblemKind::OutOfRange, p.to_string());
        }
    }
    for a in c.pick(&ws.assessments, |o| &o.assessments) {
        let known = crate::assessment::questionnaire::is_built_in(&a.questionnaire_id)
            || ws.questionnaires.iter().any(|q| q.id == a.questionnaire_id);
        if !known {
            c.push(
                label("assessment", &a.id, &a.respondent),
                ProblemKind::DanglingReference,
                format!(
                    "it was taken with questionnaire \"{}\", which does not exist",
                    a.questionnaire_id
                ),
            );
        }
        if let Some(u) = &a.unit_id {
            c.reference(
                label("assessment", &a.id, &a.respondent),
                "unit",
                "unit",
                u,
                units,
            );
        }
    }
}
