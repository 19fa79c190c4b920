#!/usr/bin/env bash
# Linear time, measured without noise: instructions (valgrind's callgrind) to parse each adversarial
# input of `twc-bench scaling` at n and 2n bytes, as the linter reads a page (shortcodes, then
# Markdown, and the mojibake scan). The ratio of the two parse costs is 2.00 for linear work; above 2.2 fails.
#   scripts/scaling-instructions.sh [n]     (default n = 500000; needs valgrind)
# The cases run in parallel, one per core (JOBS=k to change); the counts do not depend on it.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500000}
# The flags of the static release binary (.ci/run builds that first): its modules are reused.
swift build -c release --static-swift-stdlib --product twc-bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench=.build/release/twc-bench
count() { TWC_BENCH_HUGO=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bench" parse-file "$1" 2>&1 >/dev/null | sed -n 's/.*Collected : //p' | tr -d ','; }
# One case: its two counts, in $work/INDEX.
measure() {
  local index=$1 name=$2
  "$bench" adversarial "$name" "$n" > "$work/$index.n.md"
  "$bench" adversarial "$name" "$((2 * n))" > "$work/$index.2n.md"
  printf '%s\t%s\t%s\n' "$name" "$(count "$work/$index.n.md")" "$(count "$work/$index.2n.md")" > "$work/$index"
  rm -f "$work/$index.n.md" "$work/$index.2n.md"
}
export -f count measure
export work n bench
: > "$work/empty.md"
base=$(count "$work/empty.md")
mapfile -t cases < <("$bench" adversarial list 0 2>/dev/null | sed -n 's/.*cases: //p' | tr ',' '\n' | sed 's/^ //')
for i in "${!cases[@]}"; do printf '%s\0%s\0' "$i" "${cases[$i]}"; done |
  xargs -0 -n 2 -P "${JOBS:-$(nproc)}" bash -c 'measure "$1" "$2"' _
echo "instructions(2n) / instructions(n), linear = 2.00 (n = $n bytes)"
for i in "${!cases[@]}"; do cat "$work/$i"; done | python3 -c '
import sys
base, status = int(sys.argv[1]), 0
for line in sys.stdin:
    name, small, large = line.rstrip("\n").split("\t")
    small, large = int(small) - base, int(large) - base
    ratio = large / small
    flag = "" if ratio <= 2.2 else "  NOT LINEAR"
    print(f"  {name:<14} n: {small / 1e6:8.1f} M  2n: {large / 1e6:8.1f} M  ratio {ratio:.2f}{flag}")
    status |= ratio > 2.2
sys.exit(status)
' "$base"
