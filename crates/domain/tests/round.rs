//! The monthly status round: who is asked, request and reply files, and merging replies
//! (applied within the PM's own projects, once, late ones marked, conflicts kept and shown).

use chrono::NaiveDate;
use pmo_domain::demo::{demo_at, reference_day};
use pmo_domain::model::{Rag, Risk, RiskKind, RiskStatus, Status, Workspace};
use pmo_domain::portfolio::report::{monthly_report, Month};
use pmo_domain::round::{
    decode_reply, decode_request, encode, merge, open, request, tracker, who_to_ask, FileError,
    OpenError, Reply, ReplyState, Request, FILE_VERSION, MAX_FILE,
};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The demo with a round opened for the reference month, due in five days.
fn with_round() -> (Workspace, String, NaiveDate) {
    let today = reference_day();
    let mut ws = demo_at(today);
    let due = today + chrono::Days::new(5);
    let id = open(&mut ws, Month::containing(today), due, today).expect("opens");
    (ws, id, today)
}

/// Two PMs asked in the round, each with at least one project the other does not manage.
fn two_pms(ws: &Workspace, round: &str) -> (String, String) {
    let r = ws.rounds.iter().find(|r| r.id == round).unwrap();
    let a = &r.requests[0];
    let b = r
        .requests
        .iter()
        .find(|b| {
            b.projects.iter().any(|p| !a.projects.contains(p)) && b.manager_id != a.manager_id
        })
        .expect("a second PM with a project of their own");
    (a.manager_id.clone(), b.manager_id.clone())
}

/// `manager`'s reply, through the files: request written and read, answers changed by `f`.
fn reply_of(
    ws: &Workspace,
    round: &str,
    manager: &str,
    saved: &str,
    f: impl FnOnce(&mut Reply),
) -> Reply {
    let r = ws.rounds.iter().find(|r| r.id == round).unwrap();
    let text = encode(&request(ws, r, Some(manager)));
    let req = decode_request(&text).expect("the request reads back");
    let mut reply = Reply::blank(&req, manager).expect("the PM is in the request");
    f(&mut reply);
    let reply = reply.sealed(format!("{saved}T10:00:00Z"), day(saved));
    decode_reply(&encode(&reply)).expect("the reply reads back")
}

#[test]
fn a_round_asks_each_manager_of_a_live_project_about_those_projects() {
    let (ws, id, _) = with_round();
    let asked = who_to_ask(&ws);
    assert!(asked.len() >= 2, "the demo has several PMs");
    for r in &asked {
        for p in &r.projects {
            let p = ws.projects.iter().find(|x| x.id == *p).unwrap();
            assert!(p.managers.iter().any(|m| m.person_id == r.manager_id));
            assert!(!p.archived && !matches!(p.status, Status::Finished | Status::Discontinued));
        }
    }
    let round = ws.rounds.iter().find(|r| r.id == id).unwrap();
    assert_eq!(round.requests, asked);
    // One round per month; a due date in the past is refused.
    let mut again = ws.clone();
    let today = reference_day();
    assert!(matches!(
        open(&mut again, Month::containing(today), today, today),
        Err(OpenError::Exists(_))
    ));
    assert_eq!(
        open(
            &mut again,
            Month::containing(today).next(),
            today - chrono::Days::new(1),
            today
        ),
        Err(OpenError::DueInPast)
    );
    assert!(pmo_domain::validate::validate(&ws).is_empty());
}

#[test]
fn a_request_holds_only_its_pms_projects_and_a_reply_changes_only_those() {
    let (mut ws, id, today) = with_round();
    let (a, b) = two_pms(&ws, &id);
    let round = ws.rounds.iter().find(|r| r.id == id).unwrap().clone();
    let req = request(&ws, &round, Some(&a));
    assert_eq!(req.managers.len(), 1);
    let mine = &round
        .requests
        .iter()
        .find(|r| r.manager_id == a)
        .unwrap()
        .projects;
    assert_eq!(req.projects.len(), mine.len());
    assert!(req.projects.iter().all(|p| mine.contains(&p.id)));

    // A's reply changes one of A's projects, and slips in one of B's.
    let theirs = round
        .requests
        .iter()
        .find(|r| r.manager_id == b)
        .unwrap()
        .projects
        .iter()
        .find(|p| !mine.contains(p))
        .unwrap()
        .clone();
    let saved = today.to_string();
    let reply = reply_of(&ws, &id, &a, &saved, |r| {
        let x = &mut r.answers[0];
        x.given.status = Status::AtRisk;
        x.given.rag.schedule = Rag::Red;
        x.given.percent_complete = 55;
        x.commentary = "Supplier late by two weeks".into();
        x.given.risks.push(Risk {
            id: "r-new".into(),
            kind: RiskKind::Risk,
            title: "Supplier capacity".into(),
            probability: 3,
            impact: 4,
            owner_id: None,
            status: RiskStatus::Open,
        });
        let mut other = x.clone();
        other.id = theirs.clone();
        other.given.status = Status::OffTrack;
        r.answers.push(other);
    });
    let first = reply.answers[0].id.clone();
    let before_other = ws.projects.iter().find(|p| p.id == theirs).unwrap().clone();
    let out = merge(&mut ws, std::slice::from_ref(&reply), today);
    assert_eq!(out.len(), 1);
    let out = &out[0];
    assert_eq!(out.refused, None);
    assert!(!out.late);
    assert_eq!(out.not_applied.len(), 1, "{out:?}");
    assert!(out.not_applied[0].contains("not one of"));
    let p = ws.projects.iter().find(|p| p.id == first).unwrap();
    assert_eq!(p.status, Status::AtRisk);
    assert_eq!(p.rag.schedule, Rag::Red);
    assert_eq!(p.percent_complete, 55);
    assert!(p.risks.iter().any(|r| r.title == "Supplier capacity"));
    let u = p.updates.iter().max_by_key(|u| u.date).unwrap();
    assert_eq!(u.commentary, "Supplier late by two weeks");
    assert_eq!(u.author_id.as_deref(), Some(a.as_str()));
    assert_eq!(
        ws.projects.iter().find(|p| p.id == theirs).unwrap(),
        &before_other,
        "another PM's project is untouched"
    );
    assert!(pmo_domain::validate::validate(&ws).is_empty());

    // Merged again: nothing changes.
    let snapshot = ws.clone();
    let again = merge(&mut ws, &[reply], today);
    assert!(again[0].already);
    assert_eq!(ws, snapshot);

    // The tracker: A submitted, B awaiting, then missing after the due date.
    let round = ws.rounds.iter().find(|r| r.id == id).unwrap();
    let lines = tracker(&ws, round, today);
    let state = |m: &str, lines: &[pmo_domain::round::TrackLine]| {
        lines.iter().find(|l| l.manager_id == m).unwrap().state
    };
    assert_eq!(state(&a, &lines), ReplyState::Submitted);
    assert_eq!(state(&b, &lines), ReplyState::Awaiting);
    let later = tracker(&ws, round, round.due + chrono::Days::new(1));
    assert_eq!(state(&b, &later), ReplyState::Missing);

    // The monthly report reads the PM's update for the month asked about.
    let report = monthly_report(&ws, Month::containing(today), today);
    let line = report
        .by_status
        .iter()
        .flat_map(|(_, l)| l)
        .find(|l| ws.projects[l.project].id == first)
        .expect("the project is in the report");
    assert_eq!(
        line.latest.as_ref().map(|(_, c)| c.as_str()),
        Some("Supplier late by two weeks")
    );
}

#[test]
fn a_late_reply_after_the_pmo_edited_keeps_both_and_shows_the_conflict() {
    let (mut ws, id, today) = with_round();
    let (a, _) = two_pms(&ws, &id);
    let reply = reply_of(&ws, &id, &a, "2099-01-01", |r| {
        let x = &mut r.answers[0];
        x.given.status = Status::OffTrack;
        x.given.percent_complete = x.asked.percent_complete.saturating_add(1).min(100);
        x.commentary = "Blocked on the vendor".into();
    });
    let pid = reply.answers[0].id.clone();
    let asked_pc = reply.answers[0].asked.percent_complete;
    // The PMO changed the status after sending the request.
    let i = ws.projects.iter().position(|p| p.id == pid).unwrap();
    let pmo_status = if reply.answers[0].asked.status == Status::AtRisk {
        Status::OnTrack
    } else {
        Status::AtRisk
    };
    ws.projects[i].status = pmo_status;
    let out = merge(&mut ws, &[reply], today);
    let out = &out[0];
    assert!(out.late, "saved after the due date");
    assert_eq!(out.conflicts.len(), 1, "{out:?}");
    let c = &out.conflicts[0];
    assert_eq!(c.field, "status");
    assert_eq!(c.ours, pmo_status.label());
    assert_eq!(c.theirs, "Off track");
    let p = &ws.projects[i];
    assert_eq!(p.status, pmo_status, "the PMO's value stays");
    assert_eq!(
        p.percent_complete,
        (asked_pc + 1).min(100),
        "the field not in conflict applies"
    );
    let u = p.updates.last().unwrap();
    assert_eq!(
        u.status,
        Status::OffTrack,
        "the PM's value is kept in their update"
    );
    // Dated within the month asked about.
    assert!(Month::containing(today).contains(u.date));
    let round = ws.rounds.iter().find(|r| r.id == id).unwrap();
    let lines = tracker(&ws, round, today);
    assert_eq!(
        lines.iter().find(|l| l.manager_id == a).unwrap().state,
        ReplyState::Late
    );
}

#[test]
fn replies_from_elsewhere_are_refused_whole() {
    let (mut ws, id, today) = with_round();
    let (a, _) = two_pms(&ws, &id);
    let mut reply = reply_of(&ws, &id, &a, &today.to_string(), |r| {
        r.answers[0].given.status = Status::OffTrack;
    });
    let before = ws.clone();
    let mut stranger = reply.clone();
    stranger.round = "round-elsewhere".into();
    let out = merge(&mut ws, &[stranger], today);
    assert!(out[0]
        .refused
        .as_deref()
        .unwrap()
        .contains("another workspace"));
    reply.manager = "nobody".into();
    let out = merge(&mut ws, &[reply.clone()], today);
    assert!(out[0].refused.as_deref().unwrap().contains("was not asked"));
    // A reply whose values break a rule (a % complete over 100) is refused, not clamped.
    reply.manager = a.clone();
    reply.answers[0].given.percent_complete = 180;
    let out = merge(&mut ws, &[reply], today);
    assert!(
        out[0].refused.as_deref().unwrap().contains("rule"),
        "{out:?}"
    );
    assert_eq!(ws, before);
}

#[test]
fn status_files_are_read_strictly_with_clear_messages() {
    let (ws, id, _) = with_round();
    let round = ws.rounds.iter().find(|r| r.id == id).unwrap();
    let text = encode(&request(&ws, round, None));
    let req: Request = decode_request(&text).unwrap();
    assert_eq!(req.managers.len(), round.requests.len());
    // A request opened as a reply, and the reverse.
    let e = decode_reply(&text).unwrap_err();
    assert!(matches!(e, FileError::WrongKind { .. }));
    assert!(e.to_string().contains("not a status reply"), "{e}");
    // Newer, unknown field, not JSON, too large, inconsistent.
    let newer = text.replacen(
        &format!("\"version\": {FILE_VERSION}"),
        "\"version\": 99",
        1,
    );
    assert!(matches!(
        decode_request(&newer),
        Err(FileError::Newer { found: 99 })
    ));
    let extra = text.replacen("\"round\"", "\"surprise\": 1,\n  \"round\"", 1);
    let e = decode_request(&extra).unwrap_err();
    assert!(e.to_string().contains("surprise"), "{e}");
    assert!(matches!(
        decode_request("{not json"),
        Err(FileError::Malformed(_))
    ));
    assert!(matches!(
        decode_request(&" ".repeat(MAX_FILE + 1)),
        Err(FileError::TooLarge { .. })
    ));
    let mut bad = req.clone();
    bad.month = "November".into();
    assert!(matches!(
        decode_request(&encode(&bad)),
        Err(FileError::Inconsistent(_))
    ));
    let mut twice = req.clone();
    twice.projects.push(twice.projects[0].clone());
    assert!(decode_request(&encode(&twice))
        .unwrap_err()
        .to_string()
        .contains("twice"));
}
