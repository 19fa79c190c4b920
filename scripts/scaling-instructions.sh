#!/usr/bin/env bash
# Linear time, measured without noise: instructions (valgrind's callgrind) to parse each adversarial
# input of `twc-bench scaling` at n and 2n bytes, as the linter parses a page (shortcodes, then
# Markdown). The ratio of the two parse costs is 2.00 for linear work.
#   scripts/scaling-instructions.sh [n]     (default n = 500000; needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500000}
swift build -c release --product twc-bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() { TWC_BENCH_HUGO=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null .build/release/twc-bench parse-file "$1" 2>&1 >/dev/null | sed -n 's/.*Collected : //p' | tr -d ','; }
: > "$work/empty.md"
base=$(count "$work/empty.md")
echo "instructions(2n) / instructions(n), linear = 2.00 (n = $n bytes)"
status=0
while IFS= read -r name; do
  .build/release/twc-bench adversarial "$name" "$n" > "$work/n.md"
  .build/release/twc-bench adversarial "$name" "$((2 * n))" > "$work/2n.md"
  small=$(count "$work/n.md"); large=$(count "$work/2n.md")
  python3 - "$name" "$small" "$large" "$base" <<'PY' || status=1
import sys
name, small, large, base = sys.argv[1], *map(int, sys.argv[2:])
ratio = (large - base) / (small - base)
print(f"  {name:<14} n: {(small - base) / 1e6:8.1f} M  2n: {(large - base) / 1e6:8.1f} M  ratio {ratio:.2f}")
sys.exit(0 if ratio <= 2.2 else 1)
PY
done < <(.build/release/twc-bench adversarial list 0 2>/dev/null | sed -n 's/.*cases: //p' | tr ',' '\n' | sed 's/^ //')
exit $status
