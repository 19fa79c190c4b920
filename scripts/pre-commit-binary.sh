#!/usr/bin/env bash
# pre-commit hook twc-lint-binary (language: script): lints the whole site with the released
# binary of this hook repository's version (its VERSION file), without Swift. The binary is
# downloaded once, checked against the release's SHA256SUMS, and kept in
# ${XDG_CACHE_HOME:-$HOME/.cache}/twc-lint/VERSION/.
# The release is looked up beside the repository pre-commit cloned the hook from (its origin
# remote, e.g. https://github.com/OWNER/twc-lint); TWC_LINT_REPOSITORY_URL=URL overrides that.
# TWC_LINT_BINARY=/path/to/twc-lint uses that binary instead (no download; for tests).
# The hook's args come after `check`: a site folder, --fail-on warning, --select ... .
set -euo pipefail
if [ -n "${TWC_LINT_BINARY:-}" ]; then
  exec "$TWC_LINT_BINARY" check "$@"
fi
hook_repository=$(cd "$(dirname "$0")/.." && pwd)
version=$(tr -d '[:space:]' < "$hook_repository/VERSION")
cache=${XDG_CACHE_HOME:-$HOME/.cache}/twc-lint/$version
if [ ! -x "$cache/twc-lint" ]; then
  url=${TWC_LINT_REPOSITORY_URL:-$(git -C "$hook_repository" remote get-url origin 2>/dev/null || true)}
  case "$url" in
    https://* | http://* | file://*) ;;
    git@*:*) url=${url#git@}; url=https://${url%%:*}/${url#*:} ;; # git@github.com:OWNER/twc-lint.git
    *)
      echo "twc-lint: cannot tell where the release binaries of this hook live (origin: '${url}');" >&2
      echo "set TWC_LINT_REPOSITORY_URL=https://github.com/OWNER/twc-lint, or TWC_LINT_BINARY=PATH" >&2
      exit 2
      ;;
  esac
  "$(dirname "$0")/download-binary.sh" "$url" "v$version" "$cache"
fi
exec "$cache/twc-lint" check "$@"
