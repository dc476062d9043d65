#!/usr/bin/env bash
# `make fuzz`: runs each fuzz target in fuzz/ for a bounded time (FUZZ_SECONDS, default 60) and
# prints what it found. Installs cargo-fuzz from crates.io if it is missing. Uses the nightly
# toolchain when rustup has one (with AddressSanitizer), otherwise stable without a sanitizer.
# Seeds come from the shipped content and the test fixtures; the corpus grows in
# target/fuzz-corpus/ between runs; crashes land in fuzz/artifacts/<target>/.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
TARGETS=(content backup assignment_code report_code markdown)

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --version 0.13.2 --locked
if rustup toolchain list | grep -q '^nightly'; then
  TOOLCHAIN=+nightly; SANITIZER=address
else
  TOOLCHAIN=; SANITIZER=none
fi

seeds() {
  local t=$1 dir=target/fuzz-seeds/$1
  rm -rf "$dir"; mkdir -p "$dir"
  case $t in
    content|markdown) cp content/modules/*.json tests/e2e/fixtures/*.json "$dir"/ ;;
    backup) cp tests/bad-input/backup/* "$dir"/ ;;
    assignment_code|report_code) cp tests/fixtures/codes/*.txt "$dir"/; find tests/bad-input -path '*codes*' -type f -exec cp {} "$dir"/ \; ;;
  esac
  echo "$dir"
}

mkdir -p target/fuzz
summary=target/fuzz/summary.txt
: > "$summary"
status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "target/fuzz-corpus/$t"
  seed_dir=$(seeds "$t")
  log=target/fuzz/$t.log
  echo "fuzz: $t for ${SECONDS_PER_TARGET} s (sanitizer: $SANITIZER)"
  cargo $TOOLCHAIN fuzz run --fuzz-dir fuzz --sanitizer "$SANITIZER" "$t" "target/fuzz-corpus/$t" "$seed_dir" -- \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -max_len=65536 > "$log" 2>&1
  s=$?
  runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  [ -z "$runs" ] && runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  corpus=$(find "target/fuzz-corpus/$t" -type f | wc -l)
  if [ $s -eq 0 ]; then result="no crash"; else result="CRASH (see $log, fuzz/artifacts/$t/)"; status=1; fi
  printf '%-16s %12s runs  %6s corpus files  %s\n' "$t" "${runs:-?}" "$corpus" "$result" | tee -a "$summary"
done
echo "Summary: $summary"
exit $status
