#!/usr/bin/env bash
# Checks the ways the release binaries reach a site, offline: a release of BINARY is laid out as
# GitHub serves it (file:///.../OWNER/twc-lint/releases/download/vX.Y.Z/, the archive and SHA256SUMS),
# then
#   - scripts/download-binary.sh installs it, and refuses a wrong checksum or a missing release;
#   - scripts/pre-commit-binary.sh downloads it once into its cache and lints the seed site;
#   - action.yml's steps (run as GitHub runs a composite action's shell steps, with inputs and the
#     github context filled in, github.action_ref and github.action_repository empty as GitHub
#     leaves them in composite actions) install it, put it on PATH and report the findings.
#   scripts/test-distribution.sh BINARY      (a Linux or macOS build of twc-lint; needs PyYAML)
set -euo pipefail
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 BINARY" >&2
  exit 2
fi
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
repo=$PWD
version=$(tr -d '[:space:]' < VERSION)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "error: $*" >&2; exit 1; }

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86_64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  Darwin-*) platform=macos-universal ;;
  *) fail "no release platform for $(uname -s) $(uname -m)" ;;
esac
server=file://$work/server
release=$work/server/OWNER/twc-lint/releases/download/v$version
mkdir -p "$release" "$work/archive"
cp "$binary" "$work/archive/twc-lint"
tar -czf "$release/twc-lint-$platform.tar.gz" -C "$work/archive" twc-lint
(cd "$release" && { sha256sum "twc-lint-$platform.tar.gz" 2>/dev/null || shasum -a 256 "twc-lint-$platform.tar.gz"; } > SHA256SUMS)

echo "== download-binary.sh"
scripts/download-binary.sh "$server/OWNER/twc-lint" "v$version" "$work/bin" 2> "$work/log"
cmp -s "$binary" "$work/bin/twc-lint" || fail "the installed binary is not the released one"
if scripts/download-binary.sh "$server/OWNER/twc-lint" v0.0.0-missing "$work/missing" 2> "$work/log"; then
  fail "a missing release was installed"
fi
grep -q 'cannot download' "$work/log" || fail "no message for a missing release: $(cat "$work/log")"
cp -R "$work/server" "$work/tampered"
printf '%064d  twc-lint-%s.tar.gz\n' 0 "$platform" > "$work/tampered/OWNER/twc-lint/releases/download/v$version/SHA256SUMS"
if scripts/download-binary.sh "file://$work/tampered/OWNER/twc-lint" "v$version" "$work/tampered-bin" 2> "$work/log"; then
  fail "a binary with a wrong checksum was installed"
fi
grep -q 'checksum mismatch' "$work/log" || fail "no message for a wrong checksum: $(cat "$work/log")"
test ! -e "$work/tampered-bin/twc-lint" || fail "a binary with a wrong checksum was left in place"
echo "  installs v$version, refuses a missing release and a wrong checksum"

echo "== pre-commit-binary.sh (download into the cache, then from the cache)"
for run in first second; do
  set +e
  (cd fixtures/twc-site && XDG_CACHE_HOME=$work/cache TWC_LINT_REPOSITORY_URL=$server/OWNER/twc-lint \
    "$repo/scripts/pre-commit-binary.sh") > "$work/hook.out" 2> "$work/hook.err"
  status=$?
  set -e
  test "$status" = 1 || fail "pre-commit-binary.sh ($run run): exit status $status, expected 1: $(cat "$work/hook.err")"
  grep -q '\[broken-anchor\]' "$work/hook.out" || fail "pre-commit-binary.sh ($run run): no [broken-anchor] finding"
  downloads=$(grep -c 'downloading' "$work/hook.err" || true)
  if [ "$run" = first ]; then want=1; else want=0; fi
  test "$downloads" = "$want" || fail "pre-commit-binary.sh ($run run): $downloads downloads, expected $want"
done
test -x "$work/cache/twc-lint/$version/twc-lint" || fail "nothing cached in \$XDG_CACHE_HOME/twc-lint/$version/"
echo "  downloads once into \$XDG_CACHE_HOME/twc-lint/$version/, then lints from there (exit status 1)"

echo "== action.yml"
# Each step's env (expressions filled in) and run script, as files; the run scripts must not
# contain expressions (inputs reach them through env only).
python3 - "$repo/action.yml" "$work/steps" <<'PY'
import json, os, re, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
assert action["runs"]["using"] == "composite"
os.makedirs(sys.argv[2])
defaults = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
json.dump(defaults, open(os.path.join(sys.argv[2], "defaults.json"), "w"))
for index, step in enumerate(action["runs"]["steps"]):
    assert step["shell"] == "bash" and "${{" not in step["run"], step
    open(os.path.join(sys.argv[2], f"{index}.sh"), "w").write(step["run"])
    json.dump(step.get("env", {}), open(os.path.join(sys.argv[2], f"{index}.env.json"), "w"))
    open(os.path.join(sys.argv[2], f"{index}.id"), "w").write(step.get("id", ""))
PY
# run_action CASE INPUTS-JSON: runs the steps in fixtures/twc-site's directory; their output goes
# to $work/CASE.out and CASE.err, the exit status of the first failing step to $work/CASE.status.
run_action() {
  local case=$1 inputs=$2 index=0 status=0
  local outputs=$work/$case.outputs github_path=$work/$case.path temp=$work/$case.temp
  mkdir -p "$temp"; : > "$github_path"; : > "$outputs"; : > "$work/$case.out"; : > "$work/$case.err"
  while [ -f "$work/steps/$index.sh" ]; do
    : > "$work/$case.step-output"
    # The step's environment: its env: with the expressions this action uses filled in.
    python3 - "$work/steps" "$index" "$inputs" "$repo" "$outputs" > "$work/$case.env" <<'PY'
import json, re, sys
steps, index, inputs, action_path, outputs_file = sys.argv[1:]
values = json.load(open(f"{steps}/defaults.json"))
values.update(json.loads(inputs))
outputs = {}
for line in open(outputs_file):
    if "=" in line:
        key, value = line.rstrip("\n").split("=", 1)
        outputs[key] = value
context = {"github.action_ref": "", "github.action_repository": "", "github.action_path": action_path}
def value(match):
    expression = match.group(1).strip()
    if expression.startswith("inputs."):
        return values[expression[len("inputs."):]]
    if expression.startswith("steps."):
        return outputs[expression.rsplit(".", 1)[1]]
    return context[expression]
for name, text in json.load(open(f"{steps}/{index}.env.json")).items():
    print(name + "=" + re.sub(r"\$\{\{(.*?)\}\}", value, str(text)))
PY
    local environment=()
    while IFS= read -r line; do environment+=("$line"); done < "$work/$case.env"
    set +e
    (cd fixtures/twc-site && env PATH="$(cat "$github_path" | tr '\n' :)$PATH" RUNNER_TEMP="$temp" \
      GITHUB_PATH="$github_path" GITHUB_OUTPUT="$work/$case.step-output" GITHUB_ACTION_PATH="$repo" \
      "${environment[@]}" bash --noprofile --norc -eo pipefail "$work/steps/$index.sh") \
      >> "$work/$case.out" 2>> "$work/$case.err"
    status=$?
    set -e
    if [ "$(cat "$work/steps/$index.id")" != "" ]; then
      cat "$work/$case.step-output" >> "$outputs"
    fi
    if [ "$status" != 0 ]; then break; fi
    index=$((index + 1))
  done
  echo "$status" > "$work/$case.status"
}
expect() { # expect CASE STATUS PATTERN...: the exit status, and patterns in the output
  local case=$1 status=$2
  shift 2
  test "$(cat "$work/$case.status")" = "$status" ||
    fail "action ($case): exit status $(cat "$work/$case.status"), expected $status; $(tail -5 "$work/$case.err" "$work/$case.out")"
  for pattern in "$@"; do
    grep -Eq -- "$pattern" "$work/$case.out" "$work/$case.err" || fail "action ($case): no '$pattern' in the output"
  done
}
# The defaults: the version of the action's VERSION file, format github, fail on errors.
run_action defaults "{\"repository\": \"OWNER/twc-lint\", \"server-url\": \"$server\"}"
expect defaults 1 '^::error file=[^,]+,line=[0-9]+.*broken-anchor' "installed twc-lint $version"
test -x "$(head -1 "$work/defaults.path")/twc-lint" || fail "action (defaults): twc-lint is not on GITHUB_PATH"
# args are split at spaces; warnings only, and fail-on decides.
run_action warnings "{\"repository\": \"OWNER/twc-lint\", \"server-url\": \"$server\", \"format\": \"concise\", \"args\": \"--select date-mismatch  --quiet\"}"
expect warnings 0 'date-mismatch'
grep -q 'broken-anchor' "$work/warnings.out" && fail "action (warnings): --select was not passed"
run_action fail-on-warning "{\"repository\": \"OWNER/twc-lint\", \"server-url\": \"$server\", \"fail-on\": \"warning\", \"args\": \"--select date-mismatch\"}"
expect fail-on-warning 1 '^::warning .*date-mismatch'
# config: --config FILE (when the binary has the option).
if "$binary" --help 2>&1 | grep -q -- '--config'; then
  printf 'select = ["date-mismatch"]\n' > "$work/only-dates.toml"
  run_action config "{\"repository\": \"OWNER/twc-lint\", \"server-url\": \"$server\", \"config\": \"$work/only-dates.toml\"}"
  expect config 0 'date-mismatch' "--config $work/only-dates.toml"
  grep -q 'broken-anchor' "$work/config.out" && fail "action (config): the configuration file was not read"
  config=", config"
else
  config=" (not config: this twc-lint has no --config)"
fi
# version: latest follows GitHub's releases/latest/download/ path.
mkdir -p "$work/server/OWNER/twc-lint/releases/latest"
cp -R "$release" "$work/server/OWNER/twc-lint/releases/latest/download"
run_action latest "{\"repository\": \"OWNER/twc-lint\", \"server-url\": \"$server\", \"version\": \"latest\", \"path\": \"content/palestine\"}"
expect latest 1 'releases/latest/download' 'palestine/index.nl.md'
# A wrong checksum stops the action before anything runs.
run_action tampered "{\"repository\": \"OWNER/twc-lint\", \"server-url\": \"file://$work/tampered\"}"
expect tampered 1 'checksum mismatch'
# Without a repository (GitHub leaves github.action_repository empty here) the action says so.
run_action no-repository "{\"server-url\": \"$server\"}"
expect no-repository 1 'set the repository input'
echo "  installs from the release and checks it, puts twc-lint on PATH, passes path, format, fail-on, args and version$config"
echo "distribution: OK"
