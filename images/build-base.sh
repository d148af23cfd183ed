#!/usr/bin/env bash
# Assembles the services' minimal base (no Docker needed): a root filesystem from Debian packages (glibc, libgcc,
# zlib, CA certificates, time zones, /etc/services) plus a jlinked Java runtime, in images/target/rootfs. Jib puts the
# application on top (mvn -Pimage package jib:buildTar). Fewer packages than any general-purpose base: no shell, no
# package manager. The packages' versions are pinned in base-packages.txt; --update pins the current ones (run it for
# Debian security updates, and commit the change).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/target"
rootfs="$out/rootfs"
JDK=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[[ -x $JDK/bin/jlink ]] || { echo "build-base: no jlink in $JDK (set JAVA_HOME to a JDK ≥ 21)" >&2; exit 1; }

pins="$here/base-packages.txt"
if [[ ${1:-} == --update ]]; then
  { sed -n '/^#/p' "$pins"
    for package in $(grep -v '^#' "$pins" | cut -d= -f1); do
      echo "$package=$(apt-cache policy "$package" | sed -n 's/^  Candidate: //p')"
    done; } >"$pins.new"
  mv "$pins.new" "$pins"
fi
rm -rf "$out"; mkdir -p "$out/debs" "$rootfs"
( cd "$out/debs" && apt-get download $(grep -v '^#' "$pins") >/dev/null )
for deb in "$out"/debs/*.deb; do dpkg-deb -x "$deb" "$rootfs"; done
# ca-certificates ships the certificates; the bundle is built by its postinst, which does not run here.
mkdir -p "$rootfs/etc/ssl/certs"
find "$rootfs/usr/share/ca-certificates" -name '*.crt' -exec cat {} + >"$rootfs/etc/ssl/certs/ca-certificates.crt"
rm -rf "$rootfs/usr/share/doc" "$rootfs/usr/share/man" "$rootfs/usr/share/locale" "$rootfs/usr/share/lintian"

# The modules Quarkus, Vert.x/Netty, JDBC, JFR and the JDK's HTTP client need (jdeps over the four apps, plus
# jdk.crypto.ec, jdk.jfr and jdk.management for operations).
"$JDK/bin/jlink" --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$rootfs/opt/java"

# A non-root user (65532, as in distroless) and a /tmp the pod mounts an emptyDir over.
mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/app"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$rootfs/etc/group"
du -sh "$rootfs" | sed 's/^/build-base: rootfs /'
