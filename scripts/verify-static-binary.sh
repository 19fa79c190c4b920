#!/usr/bin/env bash
# Checks that a release binary of twc-lint runs where no Swift toolchain is visible: an empty
# chroot holding only the binary, the shared libraries `ldd` lists for it (libc, libm, libstdc++,
# libgcc_s and the dynamic loader for a --static-swift-stdlib build) and a copy of the seed site.
# The binary must report the seed's findings there (exit status 1, [broken-anchor] findings), and
# its output must be byte for byte the output of the same binary run outside the chroot.
#   scripts/verify-static-binary.sh BINARY
# Needs root with CAP_SYS_ADMIN (chroot, and unshare to mount /proc), or unprivileged user namespaces.
# TWC_SITE=DIR checks another site than fixtures/twc-site (it must have error findings).
set -euo pipefail
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 BINARY" >&2
  exit 2
fi
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
site=${TWC_SITE:-fixtures/twc-site}

root=$(mktemp -d)
trap 'rm -rf "$root" "$root.outside" "$root.inside"' EXIT

# The binary, the seed site, the libraries.
install -m 755 "$binary" "$root/twc-lint"
mkdir "$root/site"
cp -R "$site/." "$root/site/"
# ldd lines: "libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x...)", "/lib64/ld-linux-x86-64.so.2 (0x...)",
# "linux-vdso.so.1 (0x...)" (in the kernel, nothing to copy), or "statically linked".
ldd_out=$(ldd "$binary" 2>&1 || true)
libraries=$(printf '%s\n' "$ldd_out" | sed -nE 's/.*=> (\/[^ ]+) \(0x[0-9a-f]+\)$/\1/p; s/^[[:space:]]*(\/[^ ]+) \(0x[0-9a-f]+\)$/\1/p')
if printf '%s\n' "$ldd_out" | grep -q 'not found'; then
  printf '%s\n' "$ldd_out" >&2
  echo "error: a library the binary needs is missing on this machine" >&2
  exit 1
fi
echo "libraries (ldd):"
for library in $libraries; do
  echo "  $library"
  mkdir -p "$root$(dirname "$library")"
  cp -L "$library" "$root$library"
done
# The Swift runtime, Foundation or ICU must come from the binary itself.
if printf '%s\n' "$libraries" | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime|libicu|_FoundationICU'; then
  echo "error: the binary loads Swift libraries at run time; build it with --static-swift-stdlib" >&2
  exit 1
fi
# /proc is the one thing mounted: the Swift runtime finds argv through /proc/self/maps (on Linux,
# CommandLine.arguments is empty without it, as for any Swift program); it holds no files. It is
# mounted in a mount namespace of its own, so it goes away with the process.
mkdir "$root/proc"
echo "chroot: $(cd "$root" && find . -type f ! -path './site/*' | wc -l) files besides the site, and /proc; nothing else (no /etc, /usr, /dev)"

chroot=$(command -v chroot || echo /usr/sbin/chroot)
unshare=$(command -v unshare || echo /usr/bin/unshare)
namespaces=(--mount --pid --fork "--mount-proc=$root/proc")
if [ "$(id -u)" != 0 ] || ! "$unshare" "${namespaces[@]}" true 2>/dev/null; then
  # Not root, or root without CAP_SYS_ADMIN (a Docker container): a user namespace.
  namespaces=(--user --map-root-user "${namespaces[@]}")
  if ! "$unshare" "${namespaces[@]}" true 2>/dev/null; then
    echo "error: cannot mount /proc in a new namespace (unshare --mount --pid): run as root with" >&2
    echo "CAP_SYS_ADMIN (in Docker: --privileged, or --cap-add SYS_ADMIN --security-opt" >&2
    echo "seccomp=unconfined --security-opt apparmor=unconfined), or allow user namespaces" >&2
    exit 1
  fi
fi
run_inside() {
  env -i PATH=/ "$unshare" "${namespaces[@]}" "$chroot" "$root" /twc-lint "$@"
}

set +e
(cd "$root" && env -i PATH=/usr/bin:/bin "$root/twc-lint" "$root/site") > "$root.outside" 2>&1
outside=$?
run_inside /site > "$root.inside" 2>&1
inside=$?
set -e

status=0
echo "exit status outside: $outside, inside the chroot: $inside"
if [ "$inside" -ne 1 ]; then
  echo "error: expected exit status 1 (the seed site has error findings) inside the chroot" >&2
  head -20 "$root.inside" >&2
  status=1
fi
if [ "$outside" -ne "$inside" ]; then
  echo "error: exit status differs outside ($outside) and inside ($inside) the chroot" >&2
  status=1
fi
if ! grep -q '\[broken-anchor\]' "$root.inside"; then
  echo "error: no [broken-anchor] finding inside the chroot" >&2
  status=1
fi
if ! cmp -s "$root.outside" "$root.inside"; then
  echo "error: the output inside the chroot differs from the output outside:" >&2
  diff "$root.outside" "$root.inside" | head -40 >&2 || true
  status=1
fi
if [ "$status" = 0 ]; then
  echo "static binary: OK ($(wc -l < "$root.inside") lines of output, identical inside and outside the chroot; $(tail -1 "$root.inside"))"
fi
exit "$status"
