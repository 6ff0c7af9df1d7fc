#!/usr/bin/env bash
# Builds the e2e suite's Go reader: fixtures/readers/tiktoken-go/main.go over pkoukk/tiktoken-go
# v0.1.7 (One API's tokenizer) from shared/consumers/tiktoken-go (a GOPATH-layout tarball checked
# against its SHA256SUMS), static (CGO_ENABLED=0, -trimpath) for linux/amd64 and linux/arm64, in
# GOPATH mode with no module proxy. The tests bind-mount the binaries read-only into containers
# of the images they check (test/support/go-reader.ts), so no image is built for it.
#
# Kept under $STATE/readers keyed on the sha256 of the tarball and of main.go:
#   tiktoken-go-<key>/tiktoken-go-reader-linux-{amd64,arm64}   the binaries, with SHA256SUMS
#   tiktoken-go-main-<sha256 of main.go> -> tiktoken-go-<key>     how the tests find them
# A warm run checks the sums and does nothing else; a cold one takes ~1 min on 2 cores. Reads
# shared/ only (CI's copy is read-only). Needs Go 1.24 from scripts/provision-buildkit.sh and
# arm64 emulation from scripts/provision-engine.sh (the arm64 binary is run once here).
set -euo pipefail

log() { printf '[provision-readers] %s\n' "$*" >&2; }
die() { printf '[provision-readers] FAILED: %s\n' "$*" >&2; exit 1; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${OFFLINE_E2E_STATE:-/var/lib/oneapi-offline-e2e}
READERS="$STATE/readers"
GO=/usr/lib/go-1.24/bin/go
MAIN="$HERE/fixtures/readers/tiktoken-go/main.go"
NAME=tiktoken-go-reader
ARCHES=(amd64 arm64)
# shared_file, shared_places, shared_sum
. "$HERE/scripts/shared-source.sh"

TARBALL=$(shared_file consumers/tiktoken-go/tiktoken-go-v0.1.7-gopath.tar.gz) \
  || die "consumers/tiktoken-go/tiktoken-go-v0.1.7-gopath.tar.gz not found in $(shared_places)"
SRC_SHA=$(shared_sum "$TARBALL") || die "$TARBALL is not listed with its bytes' sha256 in $(dirname "$TARBALL")/SHA256SUMS"
[ -f "$MAIN" ] || die "$MAIN is missing"
MAIN_SHA=$(sha256sum "$MAIN" | cut -d' ' -f1)
KEY=$(printf '%s\n%s\n' "$SRC_SHA" "$MAIN_SHA" | sha256sum | cut -d' ' -f1)
OUT="$READERS/tiktoken-go-$KEY"
LINK="$READERS/tiktoken-go-main-$MAIN_SHA"

mkdir -p "$READERS" 2>/dev/null && [ -w "$READERS" ] || die "cannot write $READERS: run as root, or set OFFLINE_E2E_STATE to a folder of yours"
# Other engineers and CI may run this at the same time: one at a time.
exec 9>"$READERS/.lock"
flock 9

present() { [ -f "$OUT/SHA256SUMS" ] && (cd "$OUT" && sha256sum --quiet --check SHA256SUMS >/dev/null 2>&1); }

if present; then
  log "$NAME for ${ARCHES[*]} is present ($OUT)"
else
  [ -x "$GO" ] || die "Go is missing at $GO: run scripts/provision-buildkit.sh first (it installs golang-1.24-go)"
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || die "arm64 emulation (binfmt qemu-aarch64) is not registered: run scripts/provision-engine.sh first"
  log "building $NAME (tiktoken-go v0.1.7, $($GO version | cut -d' ' -f3)) for ${ARCHES[*]}"
  started=$SECONDS
  work=$(mktemp -d "$READERS/.build-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/gopath/src/$NAME" "$work/out"
  tar -xzf "$TARBALL" -C "$work/gopath/src"
  [ -f "$work/gopath/src/github.com/pkoukk/tiktoken-go/load.go" ] || die "$TARBALL holds no github.com/pkoukk/tiktoken-go in a GOPATH src/ layout"
  cp "$MAIN" "$work/gopath/src/$NAME/main.go"
  for arch in "${ARCHES[@]}"; do
    # GOPATH mode, nothing from the network; the build cache outlives the run (a main.go change
    # rebuilds in seconds).
    (cd "$work/gopath/src/$NAME" && env -u GOFLAGS GO111MODULE=off GOPATH="$work/gopath" GOCACHE="$READERS/go-build-cache" \
        GOPROXY=off GOTOOLCHAIN=local GOENV=off HOME="$work" CGO_ENABLED=0 GOOS=linux GOARCH="$arch" \
        "$GO" build -trimpath -buildvcs=false -ldflags '-s -w' -o "$work/out/$NAME-linux-$arch" .) >&2 \
      || die "go build of $NAME for $arch failed"
  done
  chmod 0755 "$work/out" "$work/out/"*
  (cd "$work/out" && sha256sum "$NAME"-linux-* > SHA256SUMS && chmod 0644 SHA256SUMS)
  rm -rf "$OUT.partial" && mv "$work/out" "$OUT.partial" && mv -T "$OUT.partial" "$OUT"
  rm -rf "$work"
  trap - EXIT
  log "built $NAME in $((SECONDS - started))s"
fi

# Each binary runs (arm64 through qemu) and names an encoding it cannot load; no network is tried.
empty=$(mktemp -d)
for arch in "${ARCHES[@]}"; do
  bin="$OUT/$NAME-linux-$arch"
  err=$(TIKTOKEN_CACHE_DIR="$empty" "$bin" text no_such_encoding 2>&1 >/dev/null) && die "$bin loaded an encoding that does not exist"
  grep -q 'no_such_encoding: Unknown encoding' <<<"$err" || { rmdir "$empty"; die "$bin does not run as expected: $err"; }
done
rmdir "$empty"

if [ "$(readlink "$LINK" 2>/dev/null)" != "$(basename "$OUT")" ]; then
  ln -sfn "$(basename "$OUT")" "$LINK.new" && mv -T "$LINK.new" "$LINK"
fi
log "ready: $NAME for ${ARCHES[*]} in $OUT (main.go $MAIN_SHA)"
