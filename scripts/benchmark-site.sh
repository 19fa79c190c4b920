#!/usr/bin/env bash
# Benchmark: lint a synthetic site made of N copies of the seed site's pages (release build).
#   scripts/benchmark-site.sh [N]      (default N = 500, i.e. 500 copies of each seed page pair)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-500}
swift build -c release --product twc-lint >/dev/null
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cp -r fixtures/twc-site/hugo.toml fixtures/twc-site/layouts "$site/"
mkdir -p "$site/content"
for i in $(seq 1 "$copies"); do
  for section in palestine about; do
    mkdir -p "$site/content/$section-$i"
    cp fixtures/twc-site/content/$section/index.md fixtures/twc-site/content/$section/index.nl.md "$site/content/$section-$i/"
  done
done
files=$(find "$site/content" -name '*.md' | wc -l)
bytes=$(cat "$site"/content/*/*.md | wc -c)
echo "site: $files files, $bytes bytes"
for run in 1 2 3; do
  start=$(date +%s.%N)
  .build/release/twc-lint "$site" --format json > /dev/null || true
  end=$(date +%s.%N)
  echo "run $run: $(echo "$end - $start" | bc) s"
done
