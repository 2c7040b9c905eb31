use pmo_domain::demo::generate;
use pmo_domain::document::Document;
use std::time::Instant;
use yrs::{ReadTxn, StateVector, Transact};
fn main() {
    let ws = generate(10_000, 10_000);
    let doc = Document::of(&ws, 1);
    let v1 = doc.state();
    let json =
        serde_json::to_vec(&pmo_domain::storage::schema::Envelope::new(ws.clone(), 0)).unwrap();
    let d = |b: &[u8], l: u8| miniz_oxide::deflate::compress_to_vec_zlib(b, l).len();
    println!("json {} deflate6 {}", json.len(), d(&json, 6));
    for l in [1u8, 3, 6, 9] {
        let t = Instant::now();
        let n = d(&v1, l);
        println!("v1 {} level {l}: {} in {:?}", v1.len(), n, t.elapsed());
    }
    // v2 through a raw yrs doc
    let y = yrs::Doc::new();
    {
        let mut txn = y.transact_mut();
        txn.apply_update(<yrs::Update as yrs::updates::decoder::Decode>::decode_v1(&v1).unwrap())
            .unwrap();
    }
    let t = Instant::now();
    let v2 = y
        .transact()
        .encode_state_as_update_v2(&StateVector::default());
    println!("v2 {} encoded in {:?}", v2.len(), t.elapsed());
    for l in [1u8, 6] {
        let t = Instant::now();
        println!("v2 level {l}: {} in {:?}", d(&v2, l), t.elapsed());
    }
    let t = Instant::now();
    let view = pmo_domain::storage::schema::Envelope::new(ws.clone(), 0)
        .to_stored()
        .unwrap();
    println!("view packed in {:?}", t.elapsed());
    println!("view {} deflate1 {}", view.len(), d(view.as_bytes(), 1));
    // The document record as this build writes it (v2, level 6) and reads it back (to v1).
    let t = Instant::now();
    let stored = pmo_domain::store::records::encode_doc(&doc);
    println!("record {} written in {:?}", stored.len(), t.elapsed());
    let t = Instant::now();
    let back = pmo_domain::store::records::decode_doc(&stored).unwrap();
    let loaded = Document::from_state(2, &back).unwrap();
    println!("record read and loaded in {:?}", t.elapsed());
    let t = Instant::now();
    let v1 = back.to_v1().unwrap();
    println!("the same as v1 ({} bytes) in {:?}", v1.len(), t.elapsed());
    assert_eq!(loaded.read().workspace, ws);
}
