use pmo_domain::route::*;

#[test]
fn every_page_round_trips_through_its_href() {
    for page in Page::NAV.iter().chain([Page::PanicTest].iter()) {
        assert_eq!(&parse(&page.href()).page, page, "{}", page.href());
    }
}

#[test]
fn empty_and_trailing_slash_forms() {
    assert_eq!(parse("").page, Page::Dashboard);
    assert_eq!(parse("#").page, Page::Dashboard);
    assert_eq!(parse("#/").page, Page::Dashboard);
    assert_eq!(parse("#/org/").page, Page::OrgChart);
    assert_eq!(parse("/data").page, Page::Data);
}

#[test]
fn unknown_paths_are_not_found_with_the_path() {
    assert_eq!(
        parse("#/nope%20here").page,
        Page::NotFound("/nope here".into())
    );
}

#[test]
fn query_parameters_are_decoded_and_encoded() {
    let r = parse("#/portfolio?status=at-risk&q=Data%20lake%20%26%20more&empty");
    assert_eq!(r.page, Page::Portfolio);
    assert_eq!(r.param("status"), Some("at-risk"));
    assert_eq!(r.param("q"), Some("Data lake & more"));
    assert_eq!(r.param("empty"), Some(""));
    let h = to_hash(
        &Page::Portfolio,
        &[("q", "Data lake & more"), ("phase", "execution")],
    );
    assert_eq!(h, "#/portfolio?q=Data%20lake%20%26%20more&phase=execution");
    assert_eq!(
        to_hash(&Page::Portfolio, &[("status", "at-risk,off-track")]),
        "#/portfolio?status=at-risk,off-track"
    );
    assert_eq!(parse(&h).param("q"), Some("Data lake & more"));
}

#[test]
fn bad_escapes_are_kept() {
    assert_eq!(decode_component("100%"), "100%");
    assert_eq!(decode_component("%zz"), "%zz");
    assert_eq!(decode_component("caf%C3%A9"), "café");
}

#[test]
fn project_pages_carry_their_id_and_belong_to_portfolio() {
    let page = Page::Project("p 7/x".into());
    assert_eq!(page.href(), "#/project/p%207%2Fx");
    assert_eq!(parse(&page.href()).page, page);
    assert_eq!(parse("#/portfolio/new").page, Page::NewProject);
    assert_eq!(parse("#/project/").page, Page::NotFound("/project/".into()));
    assert_eq!(
        parse("#/project/a/b").page,
        Page::NotFound("/project/a/b".into())
    );
    assert_eq!(
        parse("#/project/p-001").page.section(),
        Some(Page::Portfolio)
    );
    assert_eq!(parse("#/nope").page.section(), None);
}

#[test]
fn portfolio_views_and_the_report_have_addresses_in_the_portfolio_section() {
    for (hash, page) in [
        ("#/portfolio/priorities", Page::Priorities),
        ("#/portfolio/roadmap", Page::Roadmap),
        ("#/report", Page::Report),
        ("#/round", Page::Round),
    ] {
        assert_eq!(parse(hash).page, page);
        assert_eq!(page.href(), hash);
        assert_eq!(page.section(), Some(Page::Portfolio));
    }
}

#[test]
fn a_pm_answers_a_status_request_outside_any_section() {
    assert_eq!(parse("#/reply").page, Page::Reply);
    assert_eq!(Page::Reply.href(), "#/reply");
    assert_eq!(Page::Reply.section(), None);
}

#[test]
fn assessment_pages_carry_their_id_and_belong_to_assessment() {
    for page in [
        Page::TakeAssessment("a-001".into()),
        Page::AssessmentResults("a 2/x".into()),
    ] {
        assert_eq!(parse(&page.href()).page, page);
        assert_eq!(page.section(), Some(Page::Assessment));
    }
    assert_eq!(
        Page::AssessmentResults("a-1".into()).href(),
        "#/assessment/a-1/results"
    );
    assert_eq!(
        parse("#/assessment/a-1/").page,
        Page::TakeAssessment("a-1".into())
    );
    assert_eq!(parse("#/assessment/").page, Page::Assessment);
    assert_eq!(
        parse("#/assessment/a/b").page,
        Page::NotFound("/assessment/a/b".into())
    );
    assert_eq!(
        parse("#/assessment//results").page,
        Page::NotFound("/assessment//results".into())
    );
}

#[test]
fn set_up_pages_belong_to_start_a_pmo() {
    for (page, href) in [
        (Page::Setup, "#/setup"),
        (Page::Charter, "#/setup/charter"),
        (Page::Routines, "#/setup/routines"),
    ] {
        assert_eq!(page.href(), href);
        assert_eq!(parse(href).page, page);
        assert_eq!(page.section(), Some(Page::Setup));
    }
    assert_eq!(parse("#/roles/").page, Page::Roles);
    assert_eq!(Page::Roles.section(), Some(Page::Roles));
    assert_eq!(Page::Setup.title(), "Start a PMO");
    assert_eq!(
        parse("#/setup/unknown").page,
        Page::NotFound("/setup/unknown".into())
    );
}

#[test]
fn a_register_view_round_trips_through_its_address() {
    use pmo_domain::portfolio::{Column, Query};
    use pmo_domain::{Phase, Status};
    let q = Query {
        portfolio: Some("pf 1/α".into()),
        phases: vec![Phase::Planning, Phase::Execution],
        statuses: vec![Status::AtRisk],
        manager: Some("pm-1".into()),
        text: "data & lake, 100%".into(),
        sort: Column::Planned,
        descending: true,
        page: 2,
        ..Query::default()
    };
    let hash = portfolio_hash(&q);
    assert!(hash.starts_with("#/portfolio?"), "{hash}");
    let route = parse(&hash);
    assert_eq!(route.page, Page::Portfolio);
    assert_eq!(Query::from_params(&route.query), q);
    assert_eq!(portfolio_hash(&Query::default()), "#/portfolio");
}
