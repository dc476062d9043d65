# ERASMI Toolkit. The two commands a new developer needs:
#   make serve   install what is missing, build the release, serve it at http://127.0.0.1:8080
#   make test    install what is missing, run every test layer
# Everything comes from the package registries (crates.io, npm, Debian); nothing else is fetched.

SHELL := /bin/bash
HOST ?= 127.0.0.1
PORT ?= 8080
TRUNK_VERSION := 0.21.14
# Cuts the release wasm into its parts after the build (tools/post-build.mjs, ARCHITECTURE.md).
WASM_SPLIT_VERSION := 0.2.4
# The wasm-bindgen-cli version must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,"",$$3); print $$3; exit}' Cargo.lock)

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CARGO_TERM_COLOR := never

.PHONY: serve test build dev bench fuzz audit tools browser npm check-content schema catalog fmt lint clean

serve: tools build
	node tools/serve.mjs --dir dist --host $(HOST) --port $(PORT)

build: tools
	trunk build --release

dev: tools
	trunk serve --address $(HOST) --port $(PORT)

test: tools browser
	bash tools/test-all.sh

## Benchmarks (figures, not pass/fail): see BENCHMARKS.md
audit: tools browser build
	node tools/audit.mjs

## Fuzzing of the core decoders (not part of make test; see SECURITY.md)
fuzz:
	bash tools/fuzz.sh

bench: tools browser build
	@twiggy --version >/dev/null 2>&1 || cargo install twiggy --version 0.8.0 --locked
	node tools/bench.mjs
	node tools/bench-search.mjs

## Installs only what is missing: a second run installs nothing.
tools: npm
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -q "trunk $(TRUNK_VERSION)" || cargo install trunk --version $(TRUNK_VERSION) --locked
	@# Not --locked: wasm-bindgen-cli's own lock file pins a crate version the registry no longer has.
	@wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION)
	@cargo install --list | grep -qx "wasm_split_cli_support v$(WASM_SPLIT_VERSION):" || cargo install wasm_split_cli_support --version =$(WASM_SPLIT_VERSION) --locked --features build-binary

npm: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	@touch $@

browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver; }

## Content tools
check-content:
	cargo run -q -p erasmi-core --bin content-check -- content

schema:
	cargo run -q -p erasmi-core --bin content-check -- --write-schema content

catalog:
	cargo run -q -p erasmi-core --bin content-check -- --write-catalog content

fmt:
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	cargo clippy -p erasmi-core --all-targets -- -D warnings
	cargo clippy -p erasmi --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p erasmi --target wasm32-unknown-unknown --features split -- -D warnings

clean:
	rm -rf dist target/e2e-results
