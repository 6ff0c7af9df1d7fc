#!/usr/bin/env bash
# Builds, once per machine, the e2e base image that holds a real tiktoken library:
# Debian trixie + python3-tiktoken for amd64 and arm64, made with mmdebstrap (arm64 runs
# under qemu emulation, ~10 min), then a multi-arch image `FROM scratch` + the rootfs tarball
# (no emulated build step) pushed to 127.0.0.1:5000/oneapi-offline-test/tiktoken-base:trixie.
#
# Idempotent: the rootfs tarballs and their checksums are kept under $STATE/bases and rebuilt
# only when a tarball is missing or no longer matches its recorded checksum; the image is
# rebuilt only when the registry lacks the tag or it no longer holds what these tarballs make.
# Needs scripts/provision-engine.sh (engine, buildx, registry, binfmt for arm64) and
# scripts/provision-buildkit.sh (the docker-container builder that pushes the image) to have run.
set -euo pipefail

log() { printf '[provision-bases] %s\n' "$*" >&2; }
die() { printf '[provision-bases] FAILED: %s\n' "$*" >&2; exit 1; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${OFFLINE_E2E_STATE:-/var/lib/oneapi-offline-e2e}
BASES="$STATE/bases"
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
SUITE=trixie
REGISTRY=127.0.0.1:5000
IMAGE="$REGISTRY/oneapi-offline-test/tiktoken-base:$SUITE"
ARCHES=(amd64 arm64)

[ "$(id -u)" = 0 ] || die "run as root (mmdebstrap in root mode, docker engine)"
command -v mmdebstrap >/dev/null || die "mmdebstrap is missing: run scripts/provision-engine.sh first"
[ -f "$KEYRING" ] || die "Debian keyring $KEYRING is missing: apt-get install debian-archive-keyring"
# mmdebstrap needs arch-test to bootstrap a foreign (emulated) architecture.
if ! command -v arch-test >/dev/null; then
  log "installing arch-test (mmdebstrap needs it for arm64)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends arch-test >/dev/null \
    || die "apt-get install arch-test failed"
fi
docker info >/dev/null 2>&1 || die "docker engine is not running: run scripts/provision-engine.sh first"
curl -fsS "http://$REGISTRY/v2/" >/dev/null 2>&1 || die "registry $REGISTRY is not up: run scripts/provision-engine.sh first"

mkdir -p "$BASES"
# Other engineers and CI may run this at the same time: one builder at a time.
exec 9>"$BASES/.lock"
flock 9

# --- rootfs tarballs --------------------------------------------------------------------------
tarball_ok() { # arch
  local tar="$BASES/rootfs-$1.tar" sum="$BASES/rootfs-$1.tar.sha256"
  [ -s "$tar" ] && [ -s "$sum" ] && (cd "$BASES" && sha256sum --quiet --check "rootfs-$1.tar.sha256" >/dev/null 2>&1)
}

build_rootfs() { # arch
  local arch=$1 tmp="$BASES/.rootfs-$1.tar.partial"
  if [ "$arch" = arm64 ] && [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    die "arm64 emulation (binfmt qemu-aarch64) is not registered: run scripts/provision-engine.sh first"
  fi
  log "building rootfs-$arch.tar with mmdebstrap ($SUITE, python3-tiktoken) - arm64 takes ~10 min under qemu"
  rm -f "$tmp" "$BASES/rootfs-$arch.tar.sha256"
  local started=$SECONDS
  # Small: no recommends, no docs/man/locales (copyright files stay), no apt lists or caches.
  mmdebstrap \
    --mode=root \
    --variant=apt \
    --architectures="$arch" \
    --include=python3-tiktoken,ca-certificates \
    --keyring="$KEYRING" \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*.log' \
    --customize-hook='chroot "$1" python3 -c "import tiktoken, tiktoken_ext.openai_public; print(\"tiktoken\", tiktoken.__version__)"' \
    --format=tar \
    "$SUITE" "$tmp" "$MIRROR" \
    || { rm -f "$tmp"; die "mmdebstrap failed for $arch (mirror $MIRROR)"; }
  mv -f "$tmp" "$BASES/rootfs-$arch.tar"
  (cd "$BASES" && sha256sum "rootfs-$arch.tar" > "rootfs-$arch.tar.sha256")
  log "rootfs-$arch.tar: $(du -h "$BASES/rootfs-$arch.tar" | cut -f1) in $((SECONDS - started))s"
}

for arch in "${ARCHES[@]}"; do
  if tarball_ok "$arch"; then
    log "rootfs-$arch.tar is present and matches its recorded checksum"
  else
    if [ -e "$BASES/rootfs-$arch.tar" ]; then
      log "rootfs-$arch.tar does not match its recorded checksum (or has none): rebuilding"
    else
      log "rootfs-$arch.tar is missing: building"
    fi
    build_rootfs "$arch"
    tarball_ok "$arch" || die "rootfs-$arch.tar does not match the checksum just recorded"
  fi
done

# --- multi-arch image in the local registry -----------------------------------------------------
# The stamp ties the pushed manifest digest to the tarballs and Dockerfile it was made from.
want_inputs=$(cat "$BASES"/rootfs-*.tar.sha256 "$HERE/fixtures/bases/Dockerfile" | sha256sum | cut -d' ' -f1)
stamp="$BASES/image.stamp"
accept='application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.list.v2+json'
registry_digest() {
  curl -fsSI -H "Accept: $accept" "http://$REGISTRY/v2/oneapi-offline-test/tiktoken-base/manifests/$SUITE" 2>/dev/null \
    | tr -d '\r' | awk 'tolower($1)=="docker-content-digest:" {print $2}'
}
have=$(registry_digest || true)
if [ -n "$have" ] && [ -s "$stamp" ] && [ "$(cat "$stamp")" = "$want_inputs $have" ]; then
  log "ready: $IMAGE@$have (registry already holds it)"
  exit 0
fi

# Pushed by the docker-container builder, not Engine's: on the docker driver buildx has Docker
# push again after BuildKit, and Docker 26 PUTs every manifest of a multi-platform image to the
# same tag at once, which Distribution 2.8 can answer with a 500 (it rewrites the tag's link
# file in place). BuildKit's own push sends the children by digest and the tag once.
BUILDER=oneapi-offline-container
docker buildx inspect "$BUILDER" >/dev/null 2>&1 || die "buildx builder $BUILDER is missing: run scripts/provision-buildkit.sh first"
log "building and pushing $IMAGE with $BUILDER (linux/amd64, linux/arm64; no emulated step)"
docker buildx build \
  --builder "$BUILDER" \
  --platform linux/amd64,linux/arm64 \
  --provenance=false --sbom=false \
  --file "$HERE/fixtures/bases/Dockerfile" \
  --output "type=image,name=$IMAGE,push=true,oci-mediatypes=false" \
  "$BASES" >&2 || die "docker buildx build of $IMAGE failed"

have=$(registry_digest || true)
[ -n "$have" ] || die "the registry does not show $IMAGE after the push"
echo "$want_inputs $have" > "$stamp"
log "ready: $IMAGE@$have"
