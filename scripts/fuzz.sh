#!/usr/bin/env bash
# Fuzzing of the parsers with libFuzzer and AddressSanitizer (the toolchain's swiftc; no package
# dependency and no change to Package.swift: each module is compiled from its sources into a static
# library, then linked with one target of Fuzz/Targets).
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]   run one target for SECONDS
#   scripts/fuzz.sh build [TARGET...]                      only build (all targets by default)
# Targets: markdown, yaml, toml, json, template, page (front matter + shortcodes + Markdown), editor
# (the front matter editor of `twc-lint fix`).
# The corpus grows in .build/fuzz/corpus/TARGET, seeded by Fuzz/seeds.py from the fixtures and by
# Fuzz/seeds/TARGET; findings (crash-*, timeout-*, leak-*, oom-*) are written to
# .build/fuzz/findings/TARGET. Exits non-zero on a crash, a hang (an input slower than
# FUZZ_TIMEOUT seconds, default 10), a leak or an input that needs more than 2 GB.
# Reproduce a finding: .build/fuzz/bin/TARGET FILE
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(markdown yaml toml json template page editor)
out=.build/fuzz
swiftc=${SWIFTC:-$(command -v swiftc)}
flags=(-swift-version 6 -parse-as-library -O -g -sanitize=fuzzer,address -I "$out/modules")

# Modules in dependency order, and what each target links.
modules() {
  case "$1" in
    markdown) echo TWCCore TWCMarkdown ;;
    yaml | toml | json | editor) echo TWCCore TWCFrontmatter ;;
    template) echo TWCCore TWCTemplate ;;
    page) echo TWCCore TWCFrontmatter TWCMarkdown TWCTemplate TWCSite ;;
    *) echo "unknown fuzz target '$1' (targets: ${targets[*]})" >&2; return 1 ;;
  esac
}

# The modules a module imports (as in Package.swift).
imports() {
  case "$1" in
    TWCCore) ;;
    TWCSite) echo TWCCore TWCFrontmatter TWCMarkdown TWCTemplate ;;
    *) echo TWCCore ;;
  esac
}

# Rebuilds a module when one of its sources, or a module it imports, is newer than its library.
build_module() {
  local name=$1 lib="$out/modules/lib$1.a"
  local sources=(Sources/"$name"/*.swift) inputs=(Sources/"$name")
  for dependency in $(imports "$name"); do inputs+=("$out/modules/$dependency.swiftmodule"); done
  if [ -f "$lib" ] && [ -z "$(find "${inputs[@]}" -newer "$lib" \( -name '*.swift' -o -name '*.swiftmodule' \) | head -1)" ]; then
    return
  fi
  echo "fuzz: compiling $name" >&2
  "$swiftc" "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/modules/$name.swiftmodule" \
    -emit-library -static -wmo -o "$lib" "${sources[@]}"
}

build_target() {
  local target=$1 mods
  mods=$(modules "$target")
  mkdir -p "$out/modules" "$out/bin"
  local links=()
  for m in $mods; do
    build_module "$m"
    links+=("$out/modules/lib$m.a")
  done
  local shared=(Fuzz/Targets/Common.swift)
  case "$target" in yaml | toml | json | page) shared+=(Fuzz/Targets/FrontmatterCommon.swift) ;; esac
  case "$target" in markdown | page) shared+=(Fuzz/Targets/MarkdownCommon.swift) ;; esac
  local bin="$out/bin/$target"
  if [ -f "$bin" ] && [ -z "$(find Fuzz/Targets "${links[@]}" -newer "$bin" 2>/dev/null | head -1)" ]; then
    return
  fi
  echo "fuzz: linking $target" >&2
  "$swiftc" "${flags[@]}" -use-ld=lld -module-name "Fuzz_$target" -o "$bin" "${shared[@]}" "Fuzz/Targets/$target.swift" "${links[@]}"
}

if [ "${1:-}" = build ]; then
  shift
  for t in "${@:-${targets[@]}}"; do build_target "$t"; done
  exit 0
fi
if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...] | scripts/fuzz.sh build [TARGET...]" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
build_target "$target"
corpus="$out/corpus/$target" findings="$out/findings/$target" seeds="$out/seeds/$target"
mkdir -p "$corpus" "$findings"
rm -rf "$seeds"
python3 Fuzz/seeds.py "$target" "$seeds"
# -timeout: an input slower than this is a hang. -rss_limit_mb: memory. -max_len: pages of up to
# 64 kB (quadratic work shows long before that). Leaks are reported by AddressSanitizer at exit and
# by libFuzzer (-detect_leaks=1, the default) while it runs.
# Swift's own backtracer is turned off: AddressSanitizer reports the crash. The run fails when
# libFuzzer does or when it wrote a finding (crash-, timeout-, leak-, oom-, slow-unit-).
before=$(find "$findings" -type f | wc -l)
status=0
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
  "$out/bin/$target" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
  -max_len="${FUZZ_MAX_LEN:-65536}" -print_final_stats=1 -artifact_prefix="$findings/" "$@" "$corpus" "$seeds" ||
  status=$?
after=$(find "$findings" -type f | wc -l)
if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
  echo "fuzz: $target found a problem (exit $status); findings in $findings:" >&2
  ls -t "$findings" | head -5 >&2
  exit 1
fi
