#!/usr/bin/env bash
# Runs every test layer, times each stage, and ends with one line "N passed, N failed".
# A layer that fails, or that runs zero tests, fails the whole run.
set -uo pipefail
cd "$(dirname "$0")/.."

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR=never
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"

mkdir -p target/test-logs
total_passed=0
total_failed=0
failed_stages=()
timings=()

# Sums "test result: ... N passed; M failed" lines (cargo test and wasm-bindgen-test-runner).
count_cargo() {
  local log=$1 p f
  p=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
  echo "$p $f"
}

stage() {
  local name=$1; shift
  local log="target/test-logs/$name.log"
  local start=$(date +%s)
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local secs=$(( $(date +%s) - start ))
  timings+=("$name: ${secs}s")
  echo "=== $name finished in ${secs}s (exit $status)"
  return "$status"
}

record() {
  local name=$1 status=$2 passed=$3 failed=$4
  total_passed=$(( total_passed + passed ))
  total_failed=$(( total_failed + failed ))
  if [ "$status" -ne 0 ] || [ "$failed" -gt 0 ]; then
    failed_stages+=("$name")
  elif [ "$passed" -eq 0 ]; then
    echo "!!! $name ran zero tests"
    failed_stages+=("$name (zero tests)")
  fi
}

# 0. Formatting and lints (no tests counted).
stage lint bash -c 'cargo fmt --all -- --check && cargo clippy -q -p erasmi-core --all-targets -- -D warnings && cargo clippy -q -p erasmi --target wasm32-unknown-unknown --all-targets -- -D warnings && cargo clippy -q -p erasmi --target wasm32-unknown-unknown --features split -- -D warnings'
[ $? -eq 0 ] || failed_stages+=("lint")

# 1. Native: the pure domain crate, including the content test.
stage native cargo test -p erasmi-core
s=$?; read -r p f < <(count_cargo target/test-logs/native.log); record native "$s" "$p" "$f"

# 2. wasm-bindgen-test in headless Chromium: IndexedDB and components.
stage browser cargo test -p erasmi --target wasm32-unknown-unknown
s=$?; read -r p f < <(count_cargo target/test-logs/browser.log); record browser "$s" "$p" "$f"

# 3. End-to-end: Playwright against the release build in Debian's Chromium.
stage release-build trunk build --release
built=$?
# The update test's second build (schema one version ahead, changed content), in its own
# target directory.
[ $built -ne 0 ] || { stage next-build node tools/build-next.mjs; built=$?; }
if [ $built -ne 0 ]; then
  failed_stages+=("release-build")
else
  report=target/test-logs/e2e.json
  rm -f "$report"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$report" stage e2e npx playwright test --reporter=list,json
  s=$?
  if [ -f "$report" ]; then
    read -r p f < <(node -e '
      const r = require(process.argv[1]);
      const st = r.stats || {};
      console.log(`${(st.expected || 0) + (st.flaky || 0)} ${st.unexpected || 0}`);
    ' "$PWD/$report")
  else
    p=0; f=1
  fi
  record e2e "$s" "$p" "$f"
fi

echo
echo "Stage times:"
for t in "${timings[@]}"; do echo "  $t"; done
if [ ${#failed_stages[@]} -gt 0 ]; then
  echo "Failed: ${failed_stages[*]}"
  [ "$total_failed" -gt 0 ] || total_failed=1
fi
echo "$total_passed passed, $total_failed failed"
[ ${#failed_stages[@]} -eq 0 ]
