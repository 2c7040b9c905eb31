//! What start-up draws first (`store::open::quick_view`): the snapshot's view alone, in the
//! binary form compaction writes, and nothing else; `load` reads every case.

use pmo_domain::document::Document;
use pmo_domain::storage::codec;
use pmo_domain::storage::schema::{Envelope, CURRENT_VERSION};
use pmo_domain::store::open::{load, quick_view, Stored};
use pmo_domain::store::records::encode_doc;

fn snapshot(view: String) -> Stored {
    let ws = pmo_domain::demo::demo();
    Stored {
        doc: Some(encode_doc(&Document::of(&ws, 7))),
        view: Some(view),
        updates: Vec::new(),
    }
}

#[test]
fn the_binary_view_compaction_writes_is_drawn_first() {
    let ws = pmo_domain::demo::demo();
    let stored = snapshot(Envelope::new(ws.clone(), 0).to_stored().unwrap());
    assert_eq!(quick_view(&stored).unwrap().workspace, ws);
    assert_eq!(load(&stored, 1).workspace, ws);
}

#[test]
fn any_other_view_is_left_to_the_document() {
    let ws = pmo_domain::demo::demo();
    let json = Envelope::new(ws.clone(), 0).to_json();
    for view in [json.clone(), codec::pack(&json, CURRENT_VERSION, 0)] {
        let stored = snapshot(view);
        assert!(quick_view(&stored).is_none());
        assert_eq!(
            load(&stored, 1).workspace,
            ws,
            "the document is read instead"
        );
    }
}

#[test]
fn a_view_with_edits_after_it_or_no_document_is_not_drawn() {
    let ws = pmo_domain::demo::demo();
    let view = Envelope::new(ws.clone(), 0).to_stored().unwrap();
    let mut after = snapshot(view.clone());
    after.updates.push((1, vec![0, 0]));
    assert!(quick_view(&after).is_none());
    let alone = Stored {
        doc: None,
        view: Some(view),
        updates: Vec::new(),
    };
    assert!(quick_view(&alone).is_none());
}
