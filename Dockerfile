# twc-lint in a container, without Swift on the host:
#   docker build -t twc-lint .
#   docker run --rm -v "$PWD:/site" twc-lint            # lints the site in the current directory
#   docker run --rm -v "$PWD:/site" twc-lint --format json --fail-on warning
# The binary has the Swift runtime and Foundation linked in (--static-swift-stdlib) but needs
# glibc, libstdc++ and libgcc_s. The final image is FROM scratch with exactly the files an empty
# chroot needs to run it (scripts/verify-static-binary.sh checks that set): the binary and the
# shared libraries ldd lists, copied from the build stage. No shell, no package manager.

FROM swift:6.2-noble AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /src
COPY . .
RUN swift build -c release --static-swift-stdlib -Xlinker -s --product twc-lint
# The seed site has error findings (exit status 1), among them broken anchors.
RUN status=0; .build/release/twc-lint fixtures/twc-site > /tmp/seed.txt || status=$?; \
    tail -1 /tmp/seed.txt; test "$status" -eq 1 && grep -q '\[broken-anchor\]' /tmp/seed.txt
# The binary, and the libraries ldd lists at their paths (libc, libm, libstdc++, libgcc_s and the
# dynamic loader); the image's root file system is /rootfs.
RUN mkdir -p /rootfs/usr/local/bin /rootfs/site \
 && cp .build/release/twc-lint /rootfs/usr/local/bin/twc-lint \
 && ldd .build/release/twc-lint | grep -o '/[^ ]*' | xargs -I{} cp --parents -L {} /rootfs/ \
 && find /rootfs -type f | sort

FROM scratch
COPY --from=build /rootfs/ /
ENV PATH=/usr/local/bin
WORKDIR /site
ENTRYPOINT ["twc-lint"]
