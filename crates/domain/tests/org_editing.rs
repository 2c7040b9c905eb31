//! Editing the reporting structure, PMO presets, views, search, metrics and the SVG export.

use std::collections::HashSet;

use pmo_domain::demo::demo;
use pmo_domain::org::card::{CARD_H, CARD_W};
use pmo_domain::org::edit::*;
use pmo_domain::org::layout::{layout, Options, Orientation};
use pmo_domain::org::svg::{escape_xml, org_svg, SvgChart};
use pmo_domain::org::*;
use pmo_domain::validate::validate;
use pmo_domain::*;

fn manager(ws: &Workspace, id: &str) -> Option<String> {
    ws.person(id).unwrap().manager_id.clone()
}

#[test]
fn moving_under_someone_below_is_refused_with_the_loop_named() {
    let mut ws = demo();
    let before = ws.clone();
    // The CPO cannot report to the PMO manager, who reports to the CPO.
    let err = move_person(&mut ws, "cpo", Some("pmo-mgr")).unwrap_err();
    let cpo = ws.person("cpo").unwrap().name.clone();
    let mgr = ws.person("pmo-mgr").unwrap().name.clone();
    assert!(
        err.starts_with(&format!("{cpo} cannot report to {mgr}")),
        "{err}"
    );
    assert!(err.contains("circle"), "{err}");
    assert!(
        err.contains(&format!("{mgr} → {cpo}")),
        "the chain is spelled out: {err}"
    );
    assert_eq!(ws, before, "a refused move changes nothing");
    let err = move_person(&mut ws, "cpo", Some("cpo")).unwrap_err();
    assert!(err.contains("themselves"));
    assert!(move_person(&mut ws, "cpo", Some("nobody")).is_err());
    assert_eq!(ws, before);
}

#[test]
fn a_move_changes_only_the_solid_line_and_the_result_is_valid() {
    let mut ws = demo();
    move_person(&mut ws, "pm-5", Some("pmo-mgr")).unwrap();
    assert_eq!(manager(&ws, "pm-5").as_deref(), Some("pmo-mgr"));
    move_person(&mut ws, "pm-5", None).unwrap();
    assert_eq!(manager(&ws, "pm-5"), None, "a root of its own");
    assert!(validate(&ws).is_empty());
}

#[test]
fn add_edit_and_remove_people() {
    let mut ws = demo();
    let draft = PersonDraft {
        name: "  Ada <Lovelace> & Co ".into(),
        title: "PMO Analyst".into(),
        role_id: Some("pmo-analyst".into()),
        unit_id: Some("u-epmo".into()),
        vacancy: false,
    };
    let id = add_person(&mut ws, &draft, Some("pmo-mgr")).unwrap();
    assert_eq!(ws.person(&id).unwrap().name, "Ada <Lovelace> & Co");
    assert_eq!(manager(&ws, &id).as_deref(), Some("pmo-mgr"));
    let blank = PersonDraft::default();
    assert_eq!(
        add_person(&mut ws, &blank, None).unwrap_err(),
        "Enter the person's name"
    );
    let open = PersonDraft {
        vacancy: true,
        ..PersonDraft::default()
    };
    assert!(add_person(&mut ws, &open, None)
        .unwrap_err()
        .contains("open role"));
    let mut d = PersonDraft::of(ws.person(&id).unwrap());
    d.title = "Senior PMO Analyst".into();
    update_person(&mut ws, &id, &d).unwrap();
    assert_eq!(ws.person(&id).unwrap().title, "Senior PMO Analyst");

    // Removing a manager hands the reports up and clears every reference.
    let pm = "pm-1";
    let reports: Vec<String> = ws
        .people
        .iter()
        .filter(|p| p.manager_id.as_deref() == Some(pm))
        .map(|p| p.id.clone())
        .collect();
    let up = manager(&ws, pm);
    let runs = ws
        .projects
        .iter()
        .filter(|p| p.managers.iter().any(|m| m.person_id == pm))
        .count();
    assert!(runs > 0 || !reports.is_empty());
    let r = remove_person(&mut ws, pm).unwrap();
    assert_eq!(r.reports_moved, reports.len());
    assert!(r.references_cleared >= runs);
    for id in &reports {
        assert_eq!(manager(&ws, id), up);
    }
    assert!(ws.person(pm).is_none());
    assert!(validate(&ws).is_empty(), "{:?}", validate(&ws));
}

#[test]
fn dotted_lines_are_checked() {
    let mut ws = demo();
    add_dotted_line(&mut ws, "cio", "cpo", "Digital portfolio").unwrap();
    assert!(add_dotted_line(&mut ws, "cio", "cpo", "again")
        .unwrap_err()
        .contains("already"));
    assert!(add_dotted_line(&mut ws, "cio", "cio", "").is_err());
    assert!(add_dotted_line(&mut ws, "cio", "ghost", "").is_err());
}

fn pms_under_pmo(ws: &Workspace) -> usize {
    let pmo = pmo_members(ws);
    let pms = project_managers(ws);
    let index = ws.person_index();
    (0..ws.people.len())
        .filter(|&i| pms[i])
        .filter(|&i| {
            ws.people[i]
                .manager_id
                .as_deref()
                .and_then(|m| index.get(m))
                .is_some_and(|&m| pmo[m])
        })
        .count()
}

#[test]
fn directive_preset_puts_pms_under_the_pmo_and_keeps_business_lines_dotted() {
    let mut ws = demo();
    assert_eq!(pms_under_pmo(&ws), 0);
    let plan = preset_plan(&ws, PmoType::Directive);
    assert_eq!(
        plan.anchor.as_deref(),
        Some("pmo-mgr"),
        "most PM dotted lines go there"
    );
    assert!(!plan.moves.is_empty());
    // Only the top of each PM chain moves; PMs under a senior PM move with them.
    for m in &plan.moves {
        assert_eq!(m.to, "pmo-mgr");
        let from = m.from.as_deref().unwrap();
        assert!(!ws
            .person(from)
            .unwrap()
            .role_id
            .as_deref()
            .is_some_and(|r| PM_ROLES.contains(&r)));
        assert!(plan
            .added_dotted
            .iter()
            .any(|d| d.from == m.person && d.to == from && d.label == BUSINESS_LINE));
    }
    // The chart draws the same plan: each mover highlighted, a ghost line to the PMO.
    let marks = plan.marks(&ws);
    assert_eq!(marks.moving.len(), plan.moves.len());
    assert_eq!(marks.solid.len(), plan.moves.len());
    assert_eq!(marks.dotted_added.len(), plan.added_dotted.len());
    let mgr = ws.people.iter().position(|p| p.id == "pmo-mgr").unwrap();
    for (p, t) in &marks.solid {
        assert_eq!(*t, mgr);
        assert_eq!(
            marks.moving[p],
            format!("would report to {}", ws.people[mgr].name)
        );
    }
    // The preview says the same in words, people by name.
    let words = plan.preview(&ws);
    assert_eq!(words.moves.len(), plan.moves.len());
    let first = &plan.moves[0];
    assert_eq!(
        words.moves[0],
        format!(
            "{}: from {} to {}",
            ws.person(&first.person).unwrap().name,
            ws.person(first.from.as_deref().unwrap()).unwrap().name,
            ws.person("pmo-mgr").unwrap().name
        )
    );
    assert!(words.summary.starts_with(&format!(
        "{} would move",
        pmo_domain::common::text::plural(plan.moves.len(), "person", Some("people"))
    )));
    let before = ws.clone();
    apply_preset(&mut ws, &plan);
    assert_ne!(ws, before);
    assert_eq!(ws.organisation.pmo_type, PmoType::Directive);
    assert_eq!(
        preset_plan(&ws, PmoType::Directive).preview(&ws).summary,
        "Nothing in the reporting lines changes."
    );
    assert_eq!(pms_under_pmo(&ws), plan.moves.len());
    assert!(validate(&ws).is_empty());
    assert!(
        preset_plan(&ws, PmoType::Directive).is_empty(),
        "applying twice changes nothing more"
    );

    // Back to supportive: PMs return to their business managers along the business line.
    let back = preset_plan(&ws, PmoType::Supportive);
    assert_eq!(back.moves.len(), plan.moves.len());
    apply_preset(&mut ws, &back);
    assert_eq!(pms_under_pmo(&ws), 0);
    for m in &plan.moves {
        assert_eq!(manager(&ws, &m.person), m.from, "{} is back", m.person);
    }
    assert!(validate(&ws).is_empty());
}

#[test]
fn controlling_preset_gives_every_pm_a_line_to_the_pmo() {
    let mut ws = demo();
    let missing = org_metrics(&ws, Limits::default()).pms_without_pmo_line;
    assert!(!missing.is_empty(), "the demo has PMs without a PMO line");
    let plan = preset_plan(&ws, PmoType::Controlling);
    assert!(plan.moves.is_empty());
    assert_eq!(plan.added_dotted.len(), missing.len());
    apply_preset(&mut ws, &plan);
    assert!(org_metrics(&ws, Limits::default())
        .pms_without_pmo_line
        .is_empty());
    // Supportive adds nothing.
    let mut ws = demo();
    assert!(preset_plan(&ws, PmoType::Supportive).is_empty());
    let plan = preset_plan(&ws, PmoType::Supportive);
    apply_preset(&mut ws, &plan);
    assert_eq!(ws.organisation.pmo_type, PmoType::Supportive);
}

#[test]
fn a_preset_needs_a_pmo() {
    let mut ws = demo();
    for p in &mut ws.people {
        p.unit_id = None;
    }
    let plan = preset_plan(&ws, PmoType::Directive);
    assert!(plan.problem.unwrap().contains("PMO unit"));
    assert!(plan.moves.is_empty());
}

#[test]
fn metrics_and_warnings() {
    let mut ws = demo();
    let m = org_metrics(&ws, Limits::default());
    assert_eq!(m.headcount + m.vacancies, ws.people.len());
    assert!(m.vacancies >= 1);
    assert!(m.mean_span > 1.0);
    assert!(m.spans.windows(2).all(|w| w[0].1 >= w[1].1), "widest first");
    assert!(m.wide_spans.iter().all(|s| s.1 > 8));
    assert_eq!(m.pmo_units, 2);
    // A project without a PM is flagged; an archived one is not.
    ws.projects[0].managers.clear();
    ws.projects[0].status = Status::OnTrack;
    ws.projects[1].managers.clear();
    ws.projects[1].archived = true;
    let m = org_metrics(&ws, Limits::default());
    assert!(m.projects_without_pm.contains(&0));
    assert!(!m.projects_without_pm.contains(&1));
    // Tight limits flag managers and busy PMs.
    let tight = org_metrics(
        &ws,
        Limits {
            max_direct: 1,
            max_active_projects: 0,
        },
    );
    assert_eq!(
        tight.wide_spans.len(),
        tight.spans.iter().filter(|s| s.1 > 1).count()
    );
    assert!(!tight.busy_pms.is_empty());
    // A PM under the PMO has a line even without a dotted one.
    let lonely = m.pms_without_pmo_line[0];
    let id = ws.people[lonely].id.clone();
    move_person(&mut ws, &id, Some("pmo-mgr")).unwrap();
    assert!(!org_metrics(&ws, Limits::default())
        .pms_without_pmo_line
        .contains(&lonely));
}

#[test]
fn pmo_lines_show_the_pmo_and_the_pms_hung_on_their_lines() {
    use pmo_domain::org::edit::{pmo_members, project_managers};
    use pmo_domain::org::{org_forest_view, without_pmo_line};
    let ws = demo();
    let keep = view_members(&ws, &OrgView::PmoLines).unwrap();
    let ceo = ws.people.iter().position(|p| p.id == "ceo").unwrap();
    assert!(keep[ceo], "the line the PMO reports up is kept");
    let (pmo, pms) = (pmo_members(&ws), project_managers(&ws));
    let o = org_forest_view(
        &ws,
        &HashSet::new(),
        &OrgView::PmoLines,
        Some(&keep),
        |_| (1.0, 1.0),
    );
    let mut parent = vec![None; ws.people.len()];
    for (p, kids) in o.forest.families() {
        for &k in kids {
            parent[k] = Some(p);
        }
    }
    let lonely = without_pmo_line(&ws);
    let mut above = vec![false; ws.people.len()];
    for m in (0..ws.people.len()).filter(|&i| pmo[i]) {
        for u in managers_of(&ws, m) {
            above[u] = true;
        }
    }
    let mut hung = 0;
    for i in (0..ws.people.len()).filter(|&i| keep[i]) {
        // Nobody but the PMO, its line up, and the PMs.
        assert!(pmo[i] || pms[i] || above[i], "{}", ws.people[i].id);
        if o.dotted_parent[i] {
            hung += 1;
            let p = parent[i].expect("a dotted parent is a parent");
            assert!(pmo[p]);
            assert!(ws
                .dotted_lines
                .iter()
                .any(|d| d.from == ws.people[i].id && d.to == ws.people[p].id));
        }
        // A PM with a line to the PMO hangs somewhere; one without stands alone or under
        // another PM, never on the PMO's line.
        if pms[i] && !pmo[i] && !lonely[i] {
            assert!(parent[i].is_some(), "{}", ws.people[i].name);
        }
        if lonely[i] {
            assert!(
                parent[i].is_none_or(|p| pms[p] && !pmo[p]),
                "{}",
                ws.people[i].name
            );
        }
    }
    assert!(hung > 0, "the demo has PMs on a dotted line to the PMO");
    // Outside this view the forest is the solid lines as before.
    let whole = org_forest_view(&ws, &HashSet::new(), &OrgView::Whole, None, |_| (1.0, 1.0));
    assert_eq!(whole.forest.roots(), vec![ceo]);
    assert!(!whole.dotted_parent.iter().any(|d| *d));
}

#[test]
fn views_keep_the_connecting_managers() {
    let ws = demo();
    let pf = &ws.portfolios[0];
    let part = view_members(&ws, &OrgView::Portfolio(pf.id.clone())).unwrap();
    let shown = part.iter().filter(|k| **k).count();
    assert!(shown > 3 && shown < ws.people.len());
    for p in ws
        .projects
        .iter()
        .filter(|p| p.portfolio_id == pf.id && !p.archived)
    {
        for m in &p.managers {
            assert!(part[ws.people.iter().position(|x| x.id == m.person_id).unwrap()]);
        }
    }
    // A person whose manager is hidden reports to the nearest shown manager above.
    let o = org_forest_of(&ws, &HashSet::new(), Some(&part), |_| (1.0, 1.0));
    let listed: usize =
        o.forest.roots().len() + o.forest.families().map(|(_, k)| k.len()).sum::<usize>();
    assert_eq!(listed, shown);
    assert_eq!(OrgView::from_param(Some("pmo")), OrgView::PmoLines);
    assert_eq!(
        OrgView::from_param(OrgView::Portfolio("pf-1".into()).param().as_deref()),
        OrgView::Portfolio("pf-1".into())
    );
    assert_eq!(OrgView::from_param(Some("portfolio:")), OrgView::Whole);
}

#[test]
fn search_by_name_title_or_role() {
    let ws = demo();
    let cpo = search_people(&ws, "chief project", None);
    assert_eq!(cpo.len(), 1);
    assert_eq!(ws.people[cpo[0]].id, "cpo");
    let name = ws.people[10].name.to_uppercase();
    assert!(search_people(&ws, &name, None).contains(&10));
    assert!(search_people(&ws, "   ", None).is_empty());
    assert!(search_people(&ws, "zzzz", None).is_empty());
    let up = managers_of(&ws, cpo[0]);
    assert_eq!(ws.people[up[0]].id, "ceo");
}

/// The whole chart exported as SVG, with what it was drawn from.
fn export(ws: &Workspace, title: &str) -> (OrgForest, Vec<Vec<usize>>, String) {
    let o = org_forest(ws, &HashSet::new(), |_| (CARD_W, CARD_H));
    let l = layout(&o.forest, &Options::default());
    let projects = projects_by_person(ws);
    let svg = org_svg(&SvgChart {
        ws,
        org: &o,
        layout: &l,
        orientation: Orientation::TopDown,
        projects: &projects,
        title,
    });
    (o, projects, svg)
}

#[test]
fn svg_export_escapes_every_text() {
    let mut ws = demo();
    ws.people[0].name = "<script>alert('x')</script> & \"Co\"".into();
    ws.people[1].title = "R&D <lead>".into();
    ws.dotted_lines[0].label = "a<b".into();
    let (_, _, svg) = export(&ws, "Org chart of A&B <Ltd>");
    assert!(!svg.contains("<script"));
    assert!(svg.contains("&lt;script&gt;"));
    assert!(svg.contains("R&amp;D &lt;lead&gt;"));
    assert!(svg.contains("Org chart of A&amp;B &lt;Ltd&gt;"));
    // Every `&` starts an entity.
    for (i, _) in svg.match_indices('&') {
        let rest = &svg[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| rest.starts_with(e)),
            "bare & at {i}"
        );
    }
    assert_eq!(svg.matches("<g transform").count(), ws.people.len() + 1);
    assert_eq!(escape_xml("a\u{1}b"), "a b");
}

/// The export draws each card with the text the live chart shows (one card text for both).
#[test]
fn the_export_says_what_the_cards_on_screen_say() {
    use pmo_domain::org::card::{card_text, chart_dotted};
    let ws = demo();
    let (o, projects, svg) = export(&ws, "Org chart");
    let open = ws
        .people
        .iter()
        .position(|p| p.vacancy)
        .expect("the demo has an open role");
    let lonely = pmo_domain::org::without_pmo_line(&ws);
    let card = card_text(&ws, &o, open, &projects[open], false);
    assert!(card.title.starts_with("Open role"), "{}", card.title);
    for (i, runs) in projects.iter().enumerate().take(ws.people.len()) {
        let card = card_text(&ws, &o, i, runs, lonely[i]);
        assert!(svg.contains(&format!(">{}</text>", escape_xml(&card.title))));
        assert!(svg.contains(&format!(">{}</text>", escape_xml(&card.meta))));
    }
    // PMs with no line to a PMO carry the flag in the export as on screen, one per PM.
    let flags = svg.matches(pmo_domain::org::card::NO_PMO_LINE).count();
    assert_eq!(flags, lonely.iter().filter(|l| **l).count());
    assert!(flags > 0, "the demo has a PM with no line to the PMO");
    let dotted = chart_dotted(&ws);
    assert!(!dotted.lines.is_empty());
    for (_, _, title) in &dotted.lines {
        assert!(title.contains(" to "), "{title}");
        assert!(svg.contains(&format!("<title>{}</title>", escape_xml(title))));
    }
}

mod viewport {
    use pmo_domain::org::layout::{Layout, Placed};
    use pmo_domain::org::viewport::*;

    fn boxes() -> Layout {
        let b = |x: f64, y: f64| {
            Some(Placed {
                x,
                y,
                w: 100.0,
                h: 50.0,
            })
        };
        Layout {
            boxes: vec![b(50.0, 0.0), None, b(1000.0, 0.0), b(50.0, 5000.0)],
            width: 1050.0,
            height: 5050.0,
        }
    }

    #[test]
    fn fit_zoom_centre_and_back() {
        let v = Viewport::fit(1000.0, 500.0, 800.0, 600.0, 20.0);
        assert!((v.k - 0.76).abs() < 1e-9);
        assert_eq!(
            Viewport::fit(100.0, 50.0, 800.0, 600.0, 20.0).k,
            1.0,
            "never enlarged"
        );
        // The point under the pointer stays put.
        let z = v.zoom_at(300.0, 200.0, 2.0);
        let before = v.to_chart(300.0, 200.0);
        let after = z.to_chart(300.0, 200.0);
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        assert_eq!(v.zoom_at(0.0, 0.0, 1e9).k, MAX_ZOOM);
        let c = Viewport::default().centre_on(500.0, 250.0, 800.0, 600.0);
        assert_eq!(c.to_chart(400.0, 300.0), (500.0, 250.0));
        assert_eq!(c.pan_transform(), "translate(-100.000 50.000)");
        // Zoomed: the element is laid out larger, in powers of two, and scaled so it covers
        // the stage; the pan is in chart units.
        let z = Viewport {
            tx: -50.0,
            ty: 20.0,
            k: 0.5,
        };
        assert_eq!(
            z.svg_style(),
            "width:200%;height:200%;transform:scale(0.500000)"
        );
        let size = |k: f64| Viewport { k, ..z }.svg_style();
        assert_eq!(
            size(1.0),
            "width:100%;height:100%;transform:scale(1.000000)"
        );
        assert_eq!(
            size(2.5),
            "width:100%;height:100%;transform:scale(2.500000)"
        );
        assert_eq!(
            size(0.4),
            "width:400%;height:400%;transform:scale(0.400000)"
        );
        assert!(
            size(0.3).starts_with("width:400%"),
            "no resize within a power of two"
        );
        assert!(size(MIN_ZOOM).starts_with("width:6400%"));
        assert_eq!(z.pan_transform(), "translate(-100.000 40.000)");
    }

    #[test]
    fn visible_cards_hits_and_overview() {
        let l = boxes();
        let v = Viewport::default();
        let area = v.visible(800.0, 600.0, 0.0);
        assert_eq!(
            visible_nodes(&l, &area, 100),
            vec![0],
            "off-screen boxes are left out"
        );
        let far = v
            .centre_on(1000.0, 25.0, 800.0, 600.0)
            .visible(800.0, 600.0, 0.0);
        assert_eq!(visible_nodes(&l, &far, 100), vec![2]);
        let all = Viewport::fit(l.width, l.height, 800.0, 600.0, 0.0).visible(800.0, 600.0, 0.0);
        assert_eq!(
            visible_nodes(&l, &all, 1),
            vec![0, 2],
            "stops after limit + 1"
        );
        assert_eq!(hit(&l, 60.0, 10.0, None), Some(0));
        assert_eq!(hit(&l, 60.0, 10.0, Some(0)), None);
        assert_eq!(hit(&l, 500.0, 10.0, None), None);
        assert!(v.shows(&l.boxes[0].unwrap(), 800.0, 600.0, 0.0));
        assert!(!v.shows(&l.boxes[2].unwrap(), 800.0, 600.0, 0.0));
        // Each box covers its pixels (rows of runs); boxes on the same pixels add nothing.
        let d = overview_path(&l, 0.01);
        assert_eq!(d, "M0 0h1v1h-1zM9 0h2v1h-2zM0 50h1v1h-1z");
        let mut same = boxes();
        same.boxes.push(same.boxes[0]);
        assert_eq!(overview_path(&same, 0.01), d);
        let big = overview_path(&l, 0.1);
        assert_eq!(
            big.matches("M0 ").count(),
            10,
            "a 10 × 5 pixel box is 5 rows: {big}"
        );
    }

    #[test]
    fn the_minimap_moves_away_from_the_chosen_card() {
        let (sw, sh) = (1000.0, 600.0);
        let card = |x0: f64, y0: f64| Rect {
            x0,
            y0,
            x1: x0 + 200.0,
            y1: y0 + 80.0,
        };
        assert_eq!(
            minimap_corner(None, sw, sh, 200.0, 130.0, 12.0),
            Corner::BottomRight
        );
        assert_eq!(
            minimap_corner(Some(card(100.0, 100.0)), sw, sh, 200.0, 130.0, 12.0),
            Corner::BottomRight
        );
        // A card in the bottom-right corner sends the minimap left; one spanning the bottom, up.
        assert_eq!(
            minimap_corner(Some(card(760.0, 480.0)), sw, sh, 200.0, 130.0, 12.0),
            Corner::BottomLeft
        );
        let wide = Rect {
            x0: 0.0,
            y0: 500.0,
            x1: 1000.0,
            y1: 560.0,
        };
        assert_eq!(
            minimap_corner(Some(wide), sw, sh, 200.0, 130.0, 12.0),
            Corner::TopRight
        );
        // The card's rectangle on screen follows the viewport.
        let v = Viewport {
            tx: 10.0,
            ty: 20.0,
            k: 0.5,
        };
        let b = Placed {
            x: 100.0,
            y: 40.0,
            w: 200.0,
            h: 80.0,
        };
        assert_eq!(
            on_screen(v, &b),
            Rect {
                x0: 10.0,
                y0: 40.0,
                x1: 110.0,
                y1: 80.0
            }
        );
    }

    #[test]
    fn the_full_card_shows_next_to_the_small_one_and_inside_the_screen() {
        let card = Rect {
            x0: 10.0,
            y0: 100.0,
            x1: 60.0,
            y1: 120.0,
        };
        // Below, pulled in from the left edge.
        assert_eq!(peek_at(card, 800.0, 600.0, 260.0, 110.0), (8.0, 128.0));
        // No room below: above.
        let low = Rect {
            y0: 520.0,
            y1: 540.0,
            ..card
        };
        assert_eq!(
            peek_at(low, 800.0, 600.0, 260.0, 110.0).1,
            520.0 - 8.0 - 110.0
        );
        // Right edge.
        let right = Rect {
            x0: 780.0,
            x1: 800.0,
            ..card
        };
        assert_eq!(
            peek_at(right, 800.0, 600.0, 260.0, 110.0).0,
            800.0 - 260.0 - 8.0
        );
    }
}

#[test]
fn pickers_resolve_labels_and_unique_names() {
    let mut ws = demo();
    let cpo = ws.people.iter().position(|p| p.id == "cpo").unwrap();
    let label = person_label(&ws.people[cpo]);
    assert!(label.ends_with(" — Chief Project Officer"));
    assert_eq!(resolve_person(&ws, &label), Ok(Some(cpo)));
    assert_eq!(
        resolve_person(&ws, &ws.people[cpo].name.to_uppercase()),
        Ok(Some(cpo))
    );
    assert_eq!(resolve_person(&ws, "  "), Ok(None));
    assert!(resolve_person(&ws, "Nobody Here")
        .unwrap_err()
        .contains("Nobody called"));
    ws.people[1].name = ws.people[cpo].name.clone();
    assert!(resolve_person(&ws, &ws.people[cpo].name)
        .unwrap_err()
        .starts_with("2 people"));
}

#[test]
fn tree_positions_give_levels_and_sibling_places() {
    let ws = demo();
    let o = org_forest(&ws, &HashSet::new(), |_| (1.0, 1.0));
    let t = tree_positions(&o.forest);
    let ceo = ws.people.iter().position(|p| p.id == "ceo").unwrap();
    assert_eq!((t.level[ceo], t.parent[ceo]), (1, None));
    let kids = o.forest.children(ceo);
    for (k, &c) in kids.iter().enumerate() {
        assert_eq!(t.parent[c], Some(ceo));
        assert_eq!(t.level[c], 2);
        assert_eq!((t.pos[c], t.siblings[c]), (k as u32 + 1, kids.len() as u32));
    }
    assert!(t.level.iter().all(|&l| l >= 1), "everyone is placed");
}

/// Printing draws the chart once and shows a window of it per page; every card is on a page.
#[test]
fn the_printed_chart_has_every_card_on_some_page_and_the_drawing_once() {
    use pmo_domain::org::print::{chart_svg, print_pages, tiles, PrintChoice, PAGE_H, PAGE_W};
    let mut ws = pmo_domain::demo::generate(60, 400);
    // A name with markup stays text in the drawing.
    ws.people[0].name = "<script>alert(1)</script> & Co".into();
    let o = org_forest(&ws, &HashSet::new(), |_| (CARD_W, CARD_H));
    let l = layout(&o.forest, &Options::default());
    let projects = projects_by_person(&ws);
    let chart = SvgChart {
        ws: &ws,
        org: &o,
        layout: &l,
        orientation: Orientation::TopDown,
        projects: &projects,
        title: "",
    };
    let pages = tiles(&l);
    assert!(pages.len() > 1, "400 people need more than one page");
    for b in l.boxes.iter().flatten() {
        let centre = (b.x, b.y + b.h / 2.0);
        assert!(
            pages.iter().any(|t| t.area.contains(centre.0, centre.1)),
            "a card at {centre:?} is on no page"
        );
    }
    for t in &pages {
        assert!(t.area.x1 - t.area.x0 <= PAGE_W + 1e-6 && t.area.y1 - t.area.y0 <= PAGE_H + 1e-6);
    }
    let printed = print_pages(&l, PrintChoice::Pages, "A&B — org chart");
    assert_eq!(printed.len(), pages.len());
    assert_eq!(
        printed[0].caption,
        format!(
            "A&B — org chart · page 1 of {} (row 1 of {}, column 1)",
            pages.len(),
            pages.iter().map(|t| t.row).max().unwrap()
        )
    );
    assert!(printed.iter().zip(&pages).all(|(p, t)| p.area == t.area));
    let one = print_pages(&l, PrintChoice::OnePage, "t");
    assert_eq!((one.len(), one[0].caption.as_str()), (1, "t"));
    assert!(print_pages(&l, PrintChoice::View, "t").is_empty());
    // The one drawing the pages show: every name escaped, the export's own classes only.
    let svg = chart_svg(&chart);
    assert!(!svg.contains("<script") && svg.contains("&lt;script&gt;alert(1)"));
    assert!(!svg.contains("class=\"card") && svg.contains("class=\"oc-card"));
    assert!(svg.starts_with(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0}\"",
        l.width
    )));
}
