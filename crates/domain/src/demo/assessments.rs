//! The demo's assessments: a maturity assessment taken twice and by a second respondent, a
//! PMO-type assessment, and a PMO analyst's skills.

use chrono::NaiveDate;

use super::days;
use crate::model::*;

/// Answers for every asked question of `q`, around `base` (a level 1–5) with some spread.
fn demo_answers(q: &crate::model::Questionnaire, base: i32, seed: usize) -> Vec<Answer> {
    use crate::model::QuestionKind;
    let mut answers: Vec<Answer> = Vec::new();
    for (i, x) in q.questions.iter().enumerate() {
        if !crate::assessment::asked(q, &answers)[i] {
            continue;
        }
        let wobble = ((i * 7 + seed * 3) % 3) as i32 - 1;
        let level = (base + wobble).clamp(1, 5);
        let value = match x.kind {
            QuestionKind::Statements => x
                .statements
                .iter()
                .position(|s| i32::from(s.level) == level)
                .map_or(1, |p| p + 1) as u8,
            QuestionKind::Scale => level as u8,
            QuestionKind::YesPartlyNo => ((level + 1) / 2).clamp(1, 3) as u8,
        };
        answers.push(Answer {
            question_id: x.id.clone(),
            value: Some(value),
            note: String::new(),
        });
    }
    answers
}

/// Three maturity assessments of the enterprise PMO (two people, half a year apart), a
/// PMO type check and an analyst's skills self-assessment, so that results, the trend and the team view have something to show.
pub(super) fn demo_assessments(ws: &Workspace, today: NaiveDate) -> Vec<Assessment> {
    let built = crate::assessment::questionnaire::built_in();
    let (maturity, pmo_type, skills) = (&built[0], &built[1], &built[2]);
    let who = |k: usize| {
        ws.people
            .get(k)
            .map_or("PMO lead".to_string(), |p| p.name.clone())
    };
    let make = |id: &str,
                q: &crate::model::Questionnaire,
                person: String,
                ago: i64,
                answers: Vec<Answer>| {
        let started = days(today, -ago);
        Assessment {
            id: id.into(),
            questionnaire_id: q.id.clone(),
            questionnaire_version: q.version,
            unit_id: Some("u-epmo".into()),
            respondent: person,
            started,
            finished: Some(days(started, 2)),
            answers,
            position: 0,
            by_dimension: false,
        }
    };
    let analyst = ws
        .people
        .iter()
        .find(|p| p.id == "pmo-an-1")
        .map_or("PMO analyst".to_string(), |p| p.name.clone());
    // Strong on analysis and organisation, still growing in negotiation.
    let mut skill_answers = demo_answers(skills, 3, 2);
    for a in &mut skill_answers {
        if a.question_id.starts_with("analysis") || a.question_id.starts_with("organisation") {
            a.value = Some(4);
        } else if a.question_id.starts_with("negotiation") {
            a.value = Some(2);
        }
    }
    // The organisation's PMO is controlling, and the type check says so too.
    let mut type_answers = demo_answers(pmo_type, 2, 1);
    for a in &mut type_answers {
        if a.question_id.starts_with("controlling") {
            a.value = Some(3);
        }
    }
    vec![
        make("a-001", maturity, who(1), 190, demo_answers(maturity, 2, 0)),
        make("a-002", maturity, who(2), 185, demo_answers(maturity, 2, 2)),
        make("a-003", maturity, who(1), 12, demo_answers(maturity, 3, 1)),
        make("a-004", pmo_type, who(1), 200, type_answers),
        // A PMO analyst's skills, for the career path's next step.
        make("a-005", skills, analyst, 30, skill_answers),
    ]
}
