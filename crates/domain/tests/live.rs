//! Live sync's messages (Hocuspocus on y-protocols): written as the server reads them, read as
//! the server writes them (bytes taken from a real Hocuspocus 3.4.4), refusals of damaged or
//! foreign messages, the protocol version, and the same-workspace rule.

use pmo_domain::demo::demo;
use pmo_domain::document::Document;
use pmo_domain::live::{
    auth, may_sync, presence, presence_of, protocol_of, read, sync_step1, update, Incoming,
    LiveError, Protocol, MAX_MESSAGE,
};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn what_a_hocuspocus_server_sends_is_read() {
    // Recorded from @hocuspocus/server 3.4.4 for the document "pmo".
    assert_eq!(
        read("pmo", &hex("03706d6f02020a726561642d7772697465")),
        Ok(Incoming::Authenticated { read_only: false })
    );
    let Ok(Incoming::Stateless(s)) = read(
        "pmo",
        &hex("03706d6f05287b22617070223a22706d6f2d776f726b62656e63682d73796e63222c2276657273696f6e223a317d"),
    ) else {
        panic!("the announcement")
    };
    assert_eq!(protocol_of(&s), Protocol::Ours);
    assert_eq!(
        read("pmo", &hex("03706d6f00000100")),
        Ok(Incoming::SyncStep1(vec![0]))
    );
    assert_eq!(
        read("pmo", &hex("03706d6f0001020000")),
        Ok(Incoming::SyncStep2(vec![0, 0]))
    );
    assert_eq!(
        read(
            "pmo",
            &hex("03706d6f0201117065726d697373696f6e2d64656e696564")
        ),
        Ok(Incoming::Denied("permission-denied".into()))
    );
}

#[test]
fn what_this_app_sends_is_framed_as_the_server_reads_it() {
    // The auth message a Hocuspocus provider sends: name, 2 (auth), 0 (token), the token.
    assert_eq!(auth("pmo", "secret"), hex("03706d6f020006736563726574"));
    assert_eq!(sync_step1("pmo", &[0]), hex("03706d6f00000100"));
    let doc = Document::of(&demo(), 7);
    let u = update("pmo", &doc.state());
    let Ok(Incoming::Update(back)) = read("pmo", &u) else {
        panic!("an update reads back")
    };
    assert_eq!(back, doc.state());
    // Presence: our own state is skipped, others' names are read.
    let mine = presence("pmo", 5, 1, Some("Amara"));
    let Ok(Incoming::Awareness(a)) = read("pmo", &mine) else {
        panic!("awareness")
    };
    assert_eq!(presence_of(&a, 5).unwrap().here, vec![]);
    assert_eq!(
        presence_of(&a, 6).unwrap().here,
        vec![(5, "Amara".to_string())]
    );
    let Ok(Incoming::Awareness(gone)) = read("pmo", &presence("pmo", 5, 2, None)) else {
        panic!("awareness")
    };
    assert_eq!(presence_of(&gone, 6).unwrap().gone, vec![5]);
}

#[test]
fn damaged_foreign_or_unknown_messages_are_refused() {
    let good = update("pmo", &[1, 2, 3]);
    for cut in 0..good.len() {
        assert!(read("pmo", &good[..cut]).is_err(), "cut at {cut}");
    }
    assert_eq!(
        read("other", &good),
        Err(LiveError::OtherDocument("pmo".into()))
    );
    assert_eq!(
        read("pmo", &hex("03706d6f09")),
        Err(LiveError::UnknownType(9))
    );
    // A length larger than the message is refused before anything is allocated for it.
    let mut huge = hex("03706d6f0002");
    huge.extend([0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert!(matches!(read("pmo", &huge), Err(LiveError::Malformed(_))));
    assert!(matches!(
        read("pmo", &vec![0; MAX_MESSAGE + 1]),
        Err(LiveError::TooLarge(_))
    ));
    // A state vector that is not one.
    assert!(matches!(
        read("pmo", &hex("03706d6f000002ffff")),
        Err(LiveError::Malformed(_))
    ));
    // Found by the fuzz harness: a state vector yrs reads but the document's check refuses,
    // and one claiming millions of clients (yrs sized a table from it: 69 MB for 14 bytes).
    for found in [
        "03706d6f000004016d6f0000046d6f000004a62c",
        "03706d6f000004efbfbd0103a62c",
    ] {
        assert!(
            matches!(read("pmo", &hex(found)), Err(LiveError::Malformed(_))),
            "{found}"
        );
    }
    let e = read("pmo", &good[..6]).unwrap_err();
    assert!(e.to_string().contains("damaged"), "{e}");
}

#[test]
fn another_protocol_version_is_named() {
    assert_eq!(
        protocol_of(r#"{"app":"pmo-workbench-sync","version":2}"#),
        Protocol::OtherVersion(2)
    );
    assert_eq!(protocol_of("hello"), Protocol::NotAnnouncement);
    assert!(pmo_domain::live::version_message(2).contains("newer version"));
    assert!(pmo_domain::live::version_message(0).contains("older version"));
}

#[test]
fn only_copies_with_a_common_history_sync() {
    let a = Document::of(&demo(), 1);
    let b = Document::new(2);
    b.merge(&a.state()).unwrap();
    let stranger = Document::of(&demo(), 3);
    let empty = Document::new(4);
    assert!(may_sync(&a.state_vector(), true, &b.state_vector()));
    assert!(!may_sync(&a.state_vector(), true, &stranger.state_vector()));
    // An empty browser joins; an empty server document takes ours.
    assert!(may_sync(&empty.state_vector(), false, &a.state_vector()));
    assert!(may_sync(&a.state_vector(), true, &empty.state_vector()));
    assert!(!may_sync(&[0xff], true, &a.state_vector()));
}
