//! Questionnaires and assessments: the built-in questionnaires, validation with locations,
//! the scoring rules as tables, comparisons, the team view and the exports.

use chrono::NaiveDate;
use pmo_domain::assessment::questionnaire::{self, read, ReadError};
use pmo_domain::assessment::*;
use pmo_domain::model::{Answer, Assessment};
use pmo_domain::{QuestionKind, ResultKind};

/// The example of `docs/questionnaire-format.md`, so the documented example is tested too.
fn documented() -> pmo_domain::Questionnaire {
    let doc = include_str!("../../../docs/questionnaire-format.md");
    let start = doc.find("```json\n").expect("the example") + 8;
    let end = start + doc[start..].find("```").expect("end of the example");
    // The app shows and offers the same example where a questionnaire is imported.
    assert_eq!(
        &doc[start..end],
        questionnaire::EXAMPLE,
        "one example, in the docs and the app"
    );
    read(&doc[start..end]).expect("the documented example is valid")
}

fn answers(list: &[(&str, Option<u8>)]) -> Vec<Answer> {
    list.iter()
        .map(|(q, v)| Answer {
            question_id: (*q).into(),
            value: *v,
            note: String::new(),
        })
        .collect()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn the_built_in_questionnaires_are_valid_and_complete() {
    let all = questionnaire::built_in();
    let ids: Vec<&str> = all.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            questionnaire::MATURITY,
            questionnaire::PMO_TYPE,
            questionnaire::SKILLS
        ]
    );
    for q in all {
        assert!(questionnaire::validate(q).is_empty(), "{} is valid", q.id);
        assert_eq!(q.levels.len(), 5, "{} has five levels", q.id);
        assert!(
            questionnaire::missing_recommendations(q).is_empty(),
            "{} has a recommendation for every dimension and level: missing {:?}",
            q.id,
            questionnaire::missing_recommendations(q)
        );
        for d in &q.dimensions {
            assert!(
                q.questions_of(&d.id).count() >= 3,
                "{} / {} has questions",
                q.id,
                d.id
            );
        }
    }
    let maturity = &all[0];
    assert!((8..=10).contains(&maturity.dimensions.len()));
    assert!(maturity.questions.len() >= 40);
    for kind in [
        QuestionKind::Statements,
        QuestionKind::Scale,
        QuestionKind::YesPartlyNo,
    ] {
        assert!(
            maturity.questions.iter().any(|q| q.kind == kind),
            "{kind:?} is used"
        );
    }
    assert!(
        maturity.questions.iter().any(|q| q.show_if.is_some()),
        "a conditional question"
    );
    assert_eq!(all[1].result, ResultKind::BestFit);
    let types: Vec<&str> = all[1].dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(types, ["supportive", "controlling", "directive"]);
    let skills: Vec<&str> = all[2].dimensions.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        skills,
        [
            "Organisation",
            "Problem solving",
            "Communication",
            "Awareness",
            "Negotiation",
            "Flexibility",
            "Analytical ability",
            "Emotional intelligence"
        ]
    );
}

#[test]
fn validation_names_every_problem_and_where_it_is() {
    let text = r##"{
      "id": "x", "title": "Broken",
      "levels": [ {"value": 1, "name": "Low", "colour": "#111111"},
                  {"value": 2, "name": "High", "colour": "red"} ],
      "dimensions": [ {"id": "a", "name": "A"}, {"id": "a", "name": "A again"}, {"id": "b", "name": "B"} ],
      "questions": [
        {"id": "q1", "dimension": "a", "text": "One", "kind": "statements",
         "statements": [ {"text": "Low", "level": 1}, {"text": "Top", "level": 4} ]},
        {"id": "q1", "dimension": "zz", "text": "Two", "kind": "scale"},
        {"id": "q3", "dimension": "a", "text": "Three", "kind": "scale",
         "show_if": {"question": "nope", "answers": [1]}},
        {"id": "q4", "dimension": "a", "text": "Four", "kind": "yes_partly_no",
         "show_if": {"question": "q5", "answers": [3]}},
        {"id": "q5", "dimension": "a", "text": "Five", "kind": "yes_partly_no",
         "show_if": {"question": "q3", "answers": [9]}}
      ],
      "recommendations": [ {"dimension": "c", "level": 1, "text": "Do it"} ]
    }"##;
    let Err(ReadError::Invalid(problems)) = read(text) else {
        panic!("the file is refused");
    };
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let expect = [
        "level 2 (number 2): the colour \"red\" is not of the form #rrggbb",
        "dimension \"a\" (number 2): the id \"a\" is used twice",
        "question \"q1\", statement 2: the statement is mapped to level 4, which is not one of the levels",
        "question \"q1\", field \"id\": the id \"q1\" is used twice",
        "question \"q1\", field \"dimension\": unknown dimension \"zz\"",
        "question \"q3\", field \"show_if\": the condition refers to question \"nope\", which does not exist",
        "question \"q4\", field \"show_if\": the condition refers to question \"q5\", which comes later; conditions may only look back",
        "question \"q5\", field \"show_if\": question \"q3\" has no answer 9",
        "dimension \"b\": the dimension has no questions",
        "recommendation 1 (dimension \"c\", level 1): unknown dimension \"c\"",
    ];
    for e in expect {
        assert!(shown.iter().any(|s| s == e), "missing {e:?} in {shown:#?}");
    }
    assert_eq!(shown.len(), expect.len(), "{shown:#?}");
    let summary = ReadError::Invalid(problems).to_string();
    assert!(
        summary.starts_with("10 problems in the questionnaire: "),
        "{summary}"
    );
    assert!(summary.ends_with("and 5 more"), "{summary}");
}

#[test]
fn unreadable_files_say_what_and_where() {
    let e = read("{ \"id\": \"x\",\n  \"title\": }")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("The file is not valid JSON (line 2, column 12)"),
        "{e}"
    );
    let e = read("{ \"id\": \"x\" }").unwrap_err().to_string();
    assert!(
        e.starts_with("The file is not shaped like a questionnaire (line 1, column 13): missing field `title`"),
        "{e}"
    );
    let e = read("[1, 2]").unwrap_err().to_string();
    assert!(e.contains("not shaped like a questionnaire"), "{e}");
}

/// The scoring rules of `assess.rs` on the documented example (levels 1–3; dimension
/// "follow" weighs 2; question follow-2 weighs 2 and is asked only after partly or yes).
#[test]
fn scoring_table() {
    let q = documented();
    struct Row {
        answers: Vec<(&'static str, Option<u8>)>,
        intake: Option<f64>,
        follow: Option<f64>,
        overall: Option<f64>,
        level: Option<u8>,
        asked: usize,
        percent: u32,
        firm: bool,
    }
    let rows = [
        // Everything answered: intake (2 + 3) / 2; follow (3·1 + 1.5·2) / 3; overall (2.5 + 2·2) / 3.
        Row {
            answers: vec![
                ("intake-1", Some(2)),
                ("intake-2", Some(5)),
                ("follow-1", Some(3)),
                ("follow-2", Some(2)),
            ],
            intake: Some(2.5),
            follow: Some(2.0),
            overall: Some(6.5 / 3.0),
            level: Some(2),
            asked: 4,
            percent: 100,
            firm: true,
        },
        // "No" hides follow-2, even with an old answer to it left over.
        Row {
            answers: vec![
                ("intake-1", Some(3)),
                ("intake-2", Some(5)),
                ("follow-1", Some(1)),
                ("follow-2", Some(5)),
            ],
            intake: Some(3.0),
            follow: Some(1.0),
            overall: Some(5.0 / 3.0),
            level: Some(1),
            asked: 3,
            percent: 100,
            firm: true,
        },
        // Not applicable counts as answered but not in the mean; an unanswered question makes
        // the result provisional.
        Row {
            answers: vec![("intake-1", Some(1)), ("follow-1", None)],
            intake: Some(1.0),
            follow: None,
            overall: Some(1.0),
            level: Some(1),
            asked: 3,
            percent: 66,
            firm: false,
        },
        // Nothing answered yet.
        Row {
            answers: vec![],
            intake: None,
            follow: None,
            overall: None,
            level: None,
            asked: 3,
            percent: 0,
            firm: false,
        },
        // A scale of 4 is 2.5 on a 1–3 scale: level 2, not 3 (levels are reached, not rounded).
        Row {
            answers: vec![
                ("intake-1", Some(3)),
                ("intake-2", Some(1)),
                ("follow-1", Some(2)),
                ("follow-2", Some(4)),
            ],
            intake: Some(2.0),
            follow: Some((2.0 + 2.5 * 2.0) / 3.0),
            overall: Some((2.0 + 2.0 * 7.0 / 3.0) / 3.0),
            level: Some(2),
            asked: 4,
            percent: 100,
            firm: true,
        },
    ];
    for (n, r) in rows.iter().enumerate() {
        let s = score(&q, &answers(&r.answers));
        let d = |id: &str| s.of(id).unwrap().score;
        assert_eq!(d("intake").is_some(), r.intake.is_some(), "row {n}");
        assert!(
            r.intake.is_none_or(|x| close(d("intake"), x)),
            "row {n}: intake {:?}",
            d("intake")
        );
        assert!(
            r.follow.is_none_or(|x| close(d("follow"), x)),
            "row {n}: follow {:?}",
            d("follow")
        );
        assert_eq!(d("follow").is_some(), r.follow.is_some(), "row {n}");
        assert_eq!(s.overall.is_some(), r.overall.is_some(), "row {n}");
        assert!(
            r.overall.is_none_or(|x| close(s.overall, x)),
            "row {n}: overall {:?}",
            s.overall
        );
        assert_eq!(s.level, r.level, "row {n}");
        assert_eq!(s.asked, r.asked, "row {n}");
        assert_eq!(s.percent(), r.percent, "row {n}");
        assert_eq!(s.firm(), r.firm, "row {n}");
    }
}

#[test]
fn levels_are_reached_not_rounded() {
    let q = &questionnaire::built_in()[0];
    for (score, level) in [
        (1.0, 1),
        (1.99, 1),
        (2.0, 2),
        (2.9, 2),
        (3.0, 3),
        (4.999, 4),
        (5.0, 5),
        (0.5, 1),
    ] {
        assert_eq!(level_of(q, score), Some(level), "{score}");
    }
}

#[test]
fn dimension_and_overall_firmness_and_extremes() {
    let q = documented();
    let s = score(
        &q,
        &answers(&[
            ("intake-1", Some(3)),
            ("intake-2", Some(5)),
            ("follow-1", Some(1)),
        ]),
    );
    assert!(s.of("intake").unwrap().firm() && s.of("follow").unwrap().firm());
    let (strong, weak) = extremes(&s);
    assert_eq!(
        strong
            .iter()
            .map(|d| d.dimension.as_str())
            .collect::<Vec<_>>(),
        ["intake"]
    );
    assert_eq!(
        weak.iter()
            .map(|d| d.dimension.as_str())
            .collect::<Vec<_>>(),
        ["follow"]
    );
    let tied = score(
        &q,
        &answers(&[("intake-1", Some(1)), ("follow-1", Some(1))]),
    );
    assert_eq!(
        extremes(&tied),
        (vec![], vec![]),
        "no strongest when all are equal"
    );
    assert!(!tied.of("intake").unwrap().firm(), "intake-2 is open");
}

#[test]
fn the_pmo_type_questionnaire_names_the_best_fit_and_why() {
    let q = &questionnaire::built_in()[1];
    let mut list = Vec::new();
    for x in &q.questions {
        let v = match x.dimension.as_str() {
            "directive" => 3,
            "controlling" => 2,
            _ => 1,
        };
        list.push(Answer {
            question_id: x.id.clone(),
            value: Some(v),
            note: String::new(),
        });
    }
    // One directive statement does not apply.
    list[2].value = None;
    let s = score(q, &list);
    let fit = best_fit(q, &list, &s).expect("a best fit");
    assert_eq!(fit.best, ["directive"]);
    assert_eq!(
        fit.reasons.len(),
        4,
        "the four directive answers, not the N/A one"
    );
    assert!(fit.reasons.iter().all(|(_, a)| a == "Yes"));
    assert_eq!(s.of("directive").unwrap().level, Some(5));
    assert_eq!(s.of("controlling").unwrap().level, Some(3));
    assert!(
        best_fit(&questionnaire::built_in()[0], &list, &s).is_none(),
        "only for best-fit questionnaires"
    );
}

fn taken(id: &str, who: &str, day: u32, list: &[(&str, Option<u8>)]) -> Assessment {
    Assessment {
        id: id.into(),
        questionnaire_id: "service-desk".into(),
        questionnaire_version: 1,
        unit_id: Some("u1".into()),
        respondent: who.into(),
        started: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
        finished: None,
        answers: answers(list),
        position: 0,
        by_dimension: false,
    }
}

#[test]
fn comparison_team_spread_and_history() {
    let q = documented();
    let all = [
        taken(
            "a-003",
            "Ann",
            20,
            &[("intake-1", Some(3)), ("follow-1", Some(3))],
        ),
        taken(
            "a-001",
            "Ann",
            1,
            &[("intake-1", Some(1)), ("follow-1", Some(3))],
        ),
        taken(
            "a-002",
            " ben ",
            5,
            &[("intake-1", Some(2)), ("follow-1", Some(1))],
        ),
        taken(
            "a-004",
            "Ben",
            9,
            &[("intake-1", Some(2)), ("follow-1", Some(2))],
        ),
    ];
    let history = history(&all, "service-desk", Some("u1"));
    assert_eq!(
        history.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["a-001", "a-002", "a-004", "a-003"]
    );
    assert!(
        pmo_domain::assessment::history(&all, "service-desk", None).is_empty(),
        "another unit"
    );
    // A result is compared at first with the same respondent's latest earlier one (names
    // compared without case or spaces), never with someone else's.
    let earlier = |id: &str| {
        let a = all.iter().find(|a| a.id == id).unwrap();
        earlier_to_compare(&history, a).map(|e| e.id.clone())
    };
    assert_eq!(
        earlier("a-003").as_deref(),
        Some("a-001"),
        "Ann's own, not Ben's later one"
    );
    assert_eq!(earlier("a-004").as_deref(), Some("a-002"));
    assert_eq!(
        earlier("a-002"),
        None,
        "Ben had none before; Ann's does not count"
    );
    // The unit's trend: one series per respondent, on a time axis.
    let owned: Vec<_> = history.iter().map(|a| (*a).clone()).collect();
    let (series, span) = trend_series(&q, &owned);
    assert_eq!(series.len(), 2);
    assert_eq!(series[0].respondent, "Ann");
    assert_eq!(
        series[0]
            .points
            .iter()
            .map(|p| p.2.as_str())
            .collect::<Vec<_>>(),
        ["a-001", "a-003"]
    );
    assert_eq!(
        series[1].points.len(),
        2,
        "' ben ' and 'Ben' are one person"
    );
    let (from, to) = span.unwrap();
    assert_eq!(time_fraction(from, from, to), 0.0);
    assert_eq!(time_fraction(to, from, to), 1.0);
    let mid = from + chrono::Duration::days((to - from).num_days() / 2);
    assert!((time_fraction(mid, from, to) - 0.5).abs() < 0.06);
    assert_eq!(time_fraction(from, from, from), 0.5);
    assert_eq!(
        earlier("a-001"),
        None,
        "the first has nothing to compare with"
    );

    let first = score(&q, &all[1].answers);
    let last = score(&q, &all[0].answers);
    let (per, overall) = deltas(&first, &last);
    assert!(close(per[0], 2.0) && close(per[1], 0.0), "{per:?}");
    assert!(close(overall, 2.0 / 3.0));
    assert_eq!(show_delta(per[0]), "+2.0");
    assert_eq!(show_delta(Some(-0.24)), "−0.2");
    assert_eq!(show_delta(per[1]), "±0.0");

    let team_list = latest_per_respondent(&all, "service-desk", Some("u1"));
    assert_eq!(
        team_list.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["a-003", "a-004"],
        "latest per person, names matched loosely"
    );
    let scores: Vec<Score> = team_list.iter().map(|a| score(&q, &a.answers)).collect();
    let (per, overall) = team(&q, &scores);
    let intake = per[0].clone().unwrap();
    assert!(
        close(Some(intake.mean), 2.5) && intake.min == 2.0 && intake.max == 3.0 && intake.n == 2
    );
    assert!(
        disagrees(&intake),
        "a spread of a whole level is disagreement"
    );
    let follow = per[1].clone().unwrap();
    assert!(close(Some(follow.mean), 2.5) && follow.range() == 1.0);
    let close_enough = Spread {
        mean: 2.2,
        min: 2.0,
        max: 2.5,
        n: 3,
    };
    assert!(!disagrees(&close_enough), "half a level apart is agreement");
    assert!(
        !disagrees(&Spread {
            mean: 2.0,
            min: 1.0,
            max: 3.0,
            n: 1
        }),
        "one person cannot disagree"
    );
    assert_eq!(overall.unwrap().n, 2);
}

#[test]
fn moving_through_questions_skips_the_ones_not_asked() {
    let q = documented();
    let no = answers(&[("follow-1", Some(1))]);
    assert_eq!(
        step(&q, &no, 2, true),
        None,
        "follow-2 is not asked after no"
    );
    let partly = answers(&[("follow-1", Some(2))]);
    assert_eq!(step(&q, &partly, 2, true), Some(3));
    assert_eq!(step(&q, &partly, 3, false), Some(2));
    assert_eq!(step(&q, &partly, 0, false), None);
    assert_eq!(first_open(&q, &partly, 0), Some(0));
    assert_eq!(
        first_open(&q, &partly, 3),
        Some(3),
        "resume looks from where the person was"
    );
    let done = answers(&[
        ("intake-1", Some(1)),
        ("intake-2", None),
        ("follow-1", Some(1)),
    ]);
    assert_eq!(
        first_open(&q, &done, 1),
        None,
        "all asked questions answered"
    );

    let mut list = Vec::new();
    set_answer(&mut list, "intake-1", Some(2));
    assert!(
        !set_note(&mut list, "intake-2", "no answer yet"),
        "a note needs an answer"
    );
    assert!(set_note(&mut list, "intake-1", "evidence: the form"));
    set_answer(&mut list, "intake-1", Some(3));
    assert_eq!(
        list,
        vec![Answer {
            question_id: "intake-1".into(),
            value: Some(3),
            note: "evidence: the form".into()
        }]
    );
    clear_answer(&mut list, "intake-1");
    assert!(list.is_empty());
}

#[test]
fn results_export_as_csv_and_json() {
    let q = documented();
    let mut a = taken(
        "a-001",
        "=HYPERLINK(\"x\")",
        1,
        &[
            ("intake-1", Some(2)),
            ("intake-2", Some(5)),
            ("follow-1", Some(1)),
        ],
    );
    a.answers[0].note = "Seen in the \"form\" log".into();
    let s = score(&q, &a.answers);
    let csv = results_csv(&q, &a, "Service desk", &s);
    let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().collect();
    assert_eq!(lines.len(), 4, "heading, two dimensions, overall");
    assert!(
        lines[1].contains("'=HYPERLINK"),
        "formulas are neutralised: {}",
        lines[1]
    );
    assert!(
        lines[1].contains(",Intake,2.50,2,Improving,2,0,2,yes"),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].contains(",Overall,1.50,1,Starting,3,0,3,yes"),
        "{}",
        lines[3]
    );
    let json: serde_json::Value =
        serde_json::from_str(&results_json(&q, &a, "Service desk", &s)).unwrap();
    assert_eq!(json["overall"]["level"]["name"], "Starting");
    assert_eq!(
        json["dimensions"][0]["recommendation"],
        "Close the other channels and measure response times."
    );
    assert_eq!(json["answers"][0]["note"], "Seen in the \"form\" log");
    assert_eq!(json["answers"][2]["answer"], "No");
    assert_eq!(json["firm"], true);
}

#[test]
fn radar_geometry() {
    let (x, y) = radar_point(0, 4, 5.0, (1.0, 5.0), 100.0);
    assert!(
        x.abs() < 1e-9 && (y + 100.0).abs() < 1e-9,
        "the first axis points up"
    );
    let (x, y) = radar_point(1, 4, 3.0, (1.0, 5.0), 100.0);
    assert!(
        (x - 50.0).abs() < 1e-9 && y.abs() < 1e-9,
        "then clockwise, halfway out"
    );
    assert_eq!(
        radar_point(2, 4, 1.0, (1.0, 5.0), 100.0),
        (0.0, 0.0),
        "the lowest level is the centre"
    );
    assert_eq!(
        radar_path(&[Some(5.0), None, Some(3.0)], (1.0, 5.0), 10.0),
        "M0.0,-10.0L0.0,0.0L-4.3,2.5Z"
    );
}

#[test]
fn new_assessments_start_today_with_the_next_id() {
    let q = documented();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let a = start(next_id(&[]), &q, Some("u1".into()), "  Ann  ", today, true);
    assert_eq!(
        (a.id.as_str(), a.respondent.as_str(), a.started, a.finished),
        ("a-001", "Ann", today, None)
    );
    assert_eq!(next_id(std::slice::from_ref(&a)), "a-002");
}
