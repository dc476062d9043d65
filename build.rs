//! With the `split` feature, the wasm linker keeps its relocations, which the splitting step
//! after the build (tools/post-build.mjs, wasm-split-cli) needs to cut the file into parts.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if split && wasm {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
