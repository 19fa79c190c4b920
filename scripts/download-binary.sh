#!/usr/bin/env bash
# Downloads the released twc-lint binary for this machine, checks it against the release's
# SHA256SUMS and installs it as DIR/twc-lint. Used by action.yml and scripts/pre-commit-binary.sh.
#   scripts/download-binary.sh REPOSITORY-URL TAG DIR
#     REPOSITORY-URL  https://github.com/OWNER/twc-lint (a Forgejo or Gitea host serves releases
#                     at the same paths; file:///DIR works too, for tests)
#     TAG             v0.1.0, or latest (GitHub only)
# The archive: twc-lint-linux-x86_64.tar.gz, twc-lint-linux-arm64.tar.gz or
# twc-lint-macos-universal.tar.gz (chosen from RUNNER_OS/RUNNER_ARCH when set, else uname), each
# holding the one file twc-lint. Needs bash, curl, tar, and sha256sum or shasum.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 REPOSITORY-URL TAG DIR" >&2
  exit 2
fi
base=${1%/}
base=${base%.git}
tag=$2
dir=$3

os=${RUNNER_OS:-$(uname -s)}
arch=${RUNNER_ARCH:-$(uname -m)}
case "$os" in
  Linux | linux)
    case "$arch" in
      X64 | x86_64 | amd64) platform=linux-x86_64 ;;
      ARM64 | aarch64 | arm64) platform=linux-arm64 ;;
      *) echo "twc-lint: no release binary for Linux on $arch (there are x86_64 and arm64)" >&2; exit 1 ;;
    esac
    ;;
  macOS | Darwin) platform=macos-universal ;;
  *) echo "twc-lint: no release binary for $os (there are Linux x86_64 and arm64, and macOS); use the Docker image or build with Swift" >&2; exit 1 ;;
esac
asset=twc-lint-$platform.tar.gz
if [ "$tag" = latest ]; then
  url=$base/releases/latest/download
else
  url=$base/releases/download/$tag
fi

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

mkdir -p "$dir"
work=$(mktemp -d "$dir/.download.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "twc-lint: downloading $url/$asset" >&2
for file in "$asset" SHA256SUMS; do
  if ! curl --fail --silent --show-error --location --retry 3 --output "$work/$file" "$url/$file"; then
    echo "twc-lint: cannot download $url/$file (is release $tag published, with binaries?)" >&2
    exit 1
  fi
done
# SHA256SUMS lines: "HASH  NAME" (or "HASH *NAME", binary mode).
expected=$(awk -v name="$asset" '$2 == name || $2 == "*" name { print $1 }' "$work/SHA256SUMS")
actual=$(sha256 "$work/$asset")
if [ -z "$expected" ]; then
  echo "twc-lint: $asset is not listed in the release's SHA256SUMS" >&2
  exit 1
fi
if [ "$expected" != "$actual" ]; then
  echo "twc-lint: checksum mismatch for $asset: SHA256SUMS says $expected, the download is $actual" >&2
  exit 1
fi
tar -xzf "$work/$asset" -C "$work" twc-lint
chmod 755 "$work/twc-lint"
mv -f "$work/twc-lint" "$dir/twc-lint"
echo "twc-lint: installed $("$dir/twc-lint" --version) ($asset, sha256 $actual) in $dir" >&2
