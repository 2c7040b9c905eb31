//! With the `split` feature, the app's wasm keeps the linker's relocations: `scripts/split.mjs`
//! needs them to cut the pages loaded later into parts of their own (issue 20).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if split && wasm {
        println!("cargo:rustc-link-arg-bin=pmo-workbench=--emit-relocs");
    }
}
