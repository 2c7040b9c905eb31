//! Merging a colleague's document file: the preview (what each side changed, conflicts with
//! who and when), the refusal of another workspace, and that a file merged twice adds nothing.

use pmo_domain::demo::demo;
use pmo_domain::document::describe::Change;
use pmo_domain::document::history::Stamp;
use pmo_domain::document::share::{preview, Kept, Refusal};
use pmo_domain::document::{Document, State};
use pmo_domain::{Status, Workspace};

/// A copy that edits: its document and the workspace it shows.
struct Copy {
    doc: Document,
    ws: Workspace,
}

impl Copy {
    fn edit(&mut self, who: &str, at_ms: i64, f: impl FnOnce(&mut Workspace)) {
        let mut new = self.ws.clone();
        f(&mut new);
        let change = Change::of(&self.ws, &new);
        let mut held = self.ws.clone();
        self.doc.commit(
            &mut held,
            &new,
            &change,
            &Stamp {
                at_ms,
                who: who.into(),
            },
        );
        self.ws = new;
    }

    fn file(&self) -> State {
        State::V2(self.doc.state_v2())
    }
}

/// The PMO's copy, and a colleague's made from the PMO's file.
fn two_copies() -> (Copy, Copy) {
    let ws = demo();
    let pmo = Copy {
        doc: Document::of(&ws, 1),
        ws: ws.clone(),
    };
    let doc = Document::from_state(2, &pmo.file()).expect("our own file");
    let ws = doc.read().workspace;
    (pmo, Copy { doc, ws })
}

#[test]
fn the_preview_shows_each_sides_changes_and_the_conflict_with_who_and_when() {
    let (mut pmo, mut pm) = two_copies();
    let (first, second, third) = (
        pmo.ws.projects[0].name.clone(),
        pmo.ws.projects[1].name.clone(),
        pmo.ws.projects[2].name.clone(),
    );
    pm.edit("Amara", 1_000, |w| {
        w.projects[0].status = Status::AtRisk;
        w.projects[1].name = "Renamed by the PM".into();
    });
    pmo.edit("Ben", 2_000, |w| {
        w.projects[0].status = Status::OffTrack;
        w.projects[2].percent_complete = 77;
    });
    let p = preview(&pmo.doc, &pmo.ws, &pm.file()).expect("the same workspace");
    assert!(!p.adopts);
    assert!(!p.nothing_new());
    let theirs: Vec<String> = p
        .theirs
        .iter()
        .map(|s| format!("{}: {}", s.subject, s.text))
        .collect();
    assert!(
        theirs.iter().any(|s| s.contains("Renamed by the PM")),
        "{theirs:?}"
    );
    assert!(
        !theirs.iter().any(|s| s.contains(&third)),
        "ours is not theirs: {theirs:?}"
    );
    let ours: Vec<String> = p
        .ours
        .iter()
        .map(|s| format!("{}: {}", s.subject, s.text))
        .collect();
    assert!(ours.iter().any(|s| s.contains(&third)), "{ours:?}");
    assert!(!ours.iter().any(|s| s.contains(&second)), "{ours:?}");

    assert_eq!(p.conflicts.len(), 1, "{:?}", p.conflicts);
    let c = &p.conflicts[0];
    assert_eq!(c.subject, format!("Project “{first}”"));
    assert_eq!(c.field, "status");
    assert_eq!(c.ours.value, "Off track");
    assert_eq!(c.theirs.value, "At risk");
    let (ours_by, theirs_by) = (c.ours.by.as_ref().unwrap(), c.theirs.by.as_ref().unwrap());
    assert_eq!((ours_by.who.as_str(), ours_by.at_ms), ("Ben", 2_000));
    assert_eq!((theirs_by.who.as_str(), theirs_by.at_ms), ("Amara", 1_000));

    // The merge keeps the value the preview says, and both other edits.
    let mut merged = pmo.ws.clone();
    pmo.doc
        .merge_into(&p.update, &mut merged)
        .expect("the preview's update");
    let kept = match c.kept {
        Kept::Ours => Status::OffTrack,
        Kept::Theirs => Status::AtRisk,
    };
    assert_eq!(merged.projects[0].status, kept);
    assert_eq!(merged.projects[1].name, "Renamed by the PM");
    assert_eq!(merged.projects[2].percent_complete, 77);
    assert_eq!(merged, pmo.doc.read().workspace);

    // The same file again brings nothing.
    let again = preview(&pmo.doc, &merged, &pm.file()).expect("the same workspace");
    assert!(again.nothing_new(), "{:?}", again.theirs);
    assert!(again.conflicts.is_empty());
    let mut twice = merged.clone();
    assert!(pmo
        .doc
        .merge_into(&again.update, &mut twice)
        .unwrap()
        .changed_nothing());
    assert_eq!(twice, merged);
}

#[test]
fn a_removal_against_an_edit_is_a_conflict_the_removal_wins() {
    let (mut pmo, mut pm) = two_copies();
    let gone = pmo.ws.projects[3].id.clone();
    pm.edit("Amara", 1_000, |w| w.projects.retain(|p| p.id != gone));
    pmo.edit("Ben", 2_000, |w| w.projects[3].percent_complete = 12);
    let p = preview(&pmo.doc, &pmo.ws, &pm.file()).expect("the same workspace");
    let c = p
        .conflicts
        .iter()
        .find(|c| c.field == "the whole project")
        .expect("a conflict");
    assert_eq!(c.theirs.value, "removed");
    assert_eq!(c.kept, Kept::Theirs);
    assert!(
        p.theirs.iter().any(|s| s.text == "deleted this project"),
        "{:?}",
        p.theirs
    );
}

#[test]
fn another_workspace_is_refused_and_an_empty_copy_takes_the_file() {
    let (pmo, _) = two_copies();
    let other = Document::of(&demo(), 3);
    assert_eq!(
        preview(&pmo.doc, &pmo.ws, &State::V2(other.state_v2())).unwrap_err(),
        Refusal::OtherWorkspace
    );
    assert!(Refusal::OtherWorkspace
        .to_string()
        .contains("another workspace"));
    assert_eq!(
        preview(&pmo.doc, &pmo.ws, &State::V2(Document::new(4).state_v2())).unwrap_err(),
        Refusal::Empty
    );
    let fresh = Document::new(5);
    let p = preview(&fresh, &Workspace::default(), &pmo.file()).expect("a first start");
    assert!(p.adopts);
    assert!(!p.nothing_new());
    assert!(p.conflicts.is_empty());
}

#[test]
fn different_fields_of_one_project_and_equal_values_are_no_conflict() {
    let (mut pmo, mut pm) = two_copies();
    pm.edit("Amara", 1_000, |w| {
        w.projects[0].status = Status::AtRisk;
        w.projects[1].percent_complete = 40;
    });
    pmo.edit("Ben", 2_000, |w| {
        w.projects[0].name = "Renamed by the PMO".into();
        w.projects[1].percent_complete = 40;
    });
    let p = preview(&pmo.doc, &pmo.ws, &pm.file()).expect("the same workspace");
    assert!(p.conflicts.is_empty(), "{:?}", p.conflicts);
    let mut merged = pmo.ws.clone();
    pmo.doc.merge_into(&p.update, &mut merged).unwrap();
    assert_eq!(merged.projects[0].status, Status::AtRisk);
    assert_eq!(merged.projects[0].name, "Renamed by the PMO");
}
