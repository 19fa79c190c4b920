#!/usr/bin/env bash
# Linear time of "did you mean" suggestions, measured without noise: instructions (valgrind's
# callgrind) of the whole linter (release build) on generated sites of size n and 2n. The ratio of
# the two costs, less an empty site's, is 2.00 for linear work.
#   scripts/scaling-suggestions.sh [n]     (default n = 1000; needs valgrind)
# Shapes:
#   anchors  one page with n headings and n links whose fragments miss them by one letter
#            (broken-anchor searches the page's anchors for each);
#   pages    n pages and n links to paths that miss them by one letter (broken-link searches
#            the site's pages for each).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
# The flags of the static release binary (.ci/run builds that first): the same build, no recompilation.
swift build -c release --static-swift-stdlib --product twc-lint >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() { { valgrind --tool=callgrind --callgrind-out-file=/dev/null .build/release/twc-lint "$1" --format json 2>&1 >/dev/null || true; } | sed -n 's/.*Collected : //p' | tr -d ','; }
site() { # site DIR SHAPE N
  mkdir -p "$1/content"
  printf 'baseURL = "https://example.org/"\n[markup.goldmark.renderHooks.link]\nuseEmbedded = "never"\n' > "$1/hugo.toml"
  python3 - "$1" "$2" "$3" <<'PY'
import sys
root, shape, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
if shape == "anchors":
    lines = [f"## Section {k}\n\nSee [it](#sectoin-{k}).\n" for k in range(n)]
    open(f"{root}/content/p.md", "w").write("---\ntitle: P\n---\n" + "\n".join(lines))
elif shape == "pages":
    for k in range(n):
        open(f"{root}/content/page-{k}.md", "w").write(f"---\ntitle: P{k}\n---\nSee [it](/pgae-{k}/).\n")
PY
}
mkdir -p "$work/empty/content"
printf 'baseURL = "https://example.org/"\n' > "$work/empty/hugo.toml"
base=$(count "$work/empty")
echo "suggestions: instructions(2n) / instructions(n), linear = 2.00 (n = $n)"
status=0
for shape in anchors pages; do
  site "$work/$shape-n" "$shape" "$n"
  site "$work/$shape-2n" "$shape" "$((2 * n))"
  small=$(count "$work/$shape-n"); large=$(count "$work/$shape-2n")
  python3 - "$shape" "$small" "$large" "$base" <<'PY' || status=1
import sys
name, small, large, base = sys.argv[1], *map(int, sys.argv[2:])
ratio = (large - base) / (small - base)
print(f"  {name:<14} n: {(small - base) / 1e6:8.1f} M  2n: {(large - base) / 1e6:8.1f} M  ratio {ratio:.2f}")
sys.exit(0 if ratio <= 2.2 else 1)
PY
done
exit $status
