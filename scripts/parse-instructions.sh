#!/usr/bin/env bash
# Machine-independent parse cost: instructions (valgrind's callgrind) that twc-lint's parser and
# cmark spend on the same corpus. Unlike seconds, the counts do not move with the machine's load.
#   scripts/parse-instructions.sh [MB]     (default 2; needs valgrind and cmark)
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-2}
swift build -c release --product twc-bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p' | tr -d ','; }
for corpus in site spec; do
  TWC_BENCH_CORPUS=$corpus .build/release/twc-bench corpus "$megabytes" > "$work/$corpus.md"
  twc=$(count .build/release/twc-bench parse-file "$work/$corpus.md")
  : > "$work/empty.md"
  empty=$(count .build/release/twc-bench parse-file "$work/empty.md")
  cmark=$(count cmark "$work/$corpus.md")
  python3 - "$corpus" "$twc" "$empty" "$cmark" "$(wc -c < "$work/$corpus.md")" <<'PY'
import sys
corpus, twc, empty, cmark, size = sys.argv[1], *map(int, sys.argv[2:])
mb = size / 1e6
print(f"{corpus}: twc-lint parse {(twc - empty) / mb / 1e6:.0f} M instructions/MB, "
      f"cmark (parse + HTML, whole process) {cmark / mb / 1e6:.0f} M/MB, ratio {(twc - empty) / cmark:.2f}")
PY
done
