#!/usr/bin/env bash
# Makes the two BuildKit builders the e2e suite runs on besides Docker Engine's own (issue #7):
#   oneapi-offline-container  docker-container driver: buildkitd in a container of an image built
#                             here FROM scratch (static buildkitd + buildctl, Debian's runc and
#                             its libraries), pushed to 127.0.0.1:5000 so buildx pulls it from
#                             loopback only;
#   oneapi-offline-remote     remote driver: a buildkitd on this host (runc worker, its own root
#                             under $STATE) listening on a unix socket only.
# buildkitd and buildctl are built offline from the BuildKit source in shared/buildkit (moby/buildkit
# with its vendor folder) with Debian trixie's Go, ~5 min on 2 cores, once: the binaries are kept
# under $STATE keyed on the source tarball's sha256, and the image is rebuilt only when the registry
# lacks it or it no longer holds what these inputs make. Both builders use host networking and mark
# the loopback registry as plain HTTP; arm64 runs through the host's qemu binfmt (fix-binary).
# Idempotent; a second run only starts or recreates what is missing. Needs
# scripts/provision-engine.sh to have run (engine, buildx, registry, runc, binfmt, trixie source).
set -euo pipefail

log() { printf '[provision-buildkit] %s\n' "$*" >&2; }
die() { printf '[provision-buildkit] FAILED: %s\n' "$*" >&2; exit 1; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${OFFLINE_E2E_STATE:-/var/lib/oneapi-offline-e2e}
BK_VERSION=v0.23.2
BK_REVISION=40b2ede0ac0a37030f9959b4a28e9c6c8ea036e7
REGISTRY=127.0.0.1:5000
IMAGE="$REGISTRY/oneapi-offline-test/buildkit:$BK_VERSION"
CONTAINER_BUILDER=oneapi-offline-container
REMOTE_BUILDER=oneapi-offline-remote
RUN_DIR=/run/oneapi-offline-e2e
SOCKET="$RUN_DIR/buildkitd.sock"
GO=/usr/lib/go-1.24/bin/go

# shared_file, shared_places, shared_sum: where the offline sources are (read-only in CI).
. "$HERE/scripts/shared-source.sh"

[ "$(id -u)" = 0 ] || die "run as root (apt-get, buildkitd with the runc worker, docker engine)"
docker info >/dev/null 2>&1 || die "docker engine is not running: run scripts/provision-engine.sh first"
curl -fsS "http://$REGISTRY/v2/" >/dev/null 2>&1 || die "registry $REGISTRY is not up: run scripts/provision-engine.sh first"
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || die "arm64 emulation (binfmt qemu-aarch64) is not registered: run scripts/provision-engine.sh first"
RUNC=$(command -v runc) || die "runc is missing: run scripts/provision-engine.sh first"
TARBALL=$(shared_file "buildkit/buildkit-$BK_VERSION.tar.gz") || die "buildkit/buildkit-$BK_VERSION.tar.gz not found in $(shared_places)"
if [ -f "$(dirname "$TARBALL")/SHA256SUMS" ]; then
  SRC_SHA=$(shared_sum "$TARBALL") || die "$TARBALL does not match $(dirname "$TARBALL")/SHA256SUMS"
else
  SRC_SHA=$(sha256sum "$TARBALL" | cut -d' ' -f1)
fi

BK="$STATE/buildkit"
BIN="$BK/bin-$SRC_SHA"
mkdir -p "$BK" "$RUN_DIR"
# Other engineers and CI may run this at the same time: one at a time.
exec 9>"$BK/.lock"
flock 9

# --- buildkitd + buildctl from source ---------------------------------------------------------
if [ -x "$BIN/buildkitd" ] && [ -x "$BIN/buildctl" ]; then
  log "buildkitd and buildctl $BK_VERSION are present ($BIN)"
else
  if [ ! -x "$GO" ]; then
    log "installing golang-1.24-go from trixie"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 \
      golang-1.24-go/trixie golang-1.24-src/trixie >/dev/null \
      || die "apt-get install golang-1.24-go/trixie failed (is the trixie source from provision-engine.sh there?)"
  fi
  log "building buildkitd and buildctl $BK_VERSION offline with $($GO version | cut -d' ' -f3) (~5 min on 2 cores)"
  started=$SECONDS
  work=$(mktemp -d "$BK/.build-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  tar -xzf "$TARBALL" -C "$work"
  src=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n1)
  [ -f "$src/go.mod" ] && [ -d "$src/vendor" ] || die "$TARBALL holds no Go module with a vendor folder"
  mkdir -p "$work/out"
  (cd "$src" && env GOFLAGS=-mod=vendor CGO_ENABLED=0 GOTOOLCHAIN=local GOPROXY=off GOWORK=off \
      GOCACHE="$work/gocache" GOPATH="$work/gopath" HOME="$work" \
      "$GO" build -trimpath \
        -ldflags "-s -w -X github.com/moby/buildkit/version.Version=$BK_VERSION -X github.com/moby/buildkit/version.Revision=$BK_REVISION" \
        -o "$work/out/" ./cmd/buildkitd ./cmd/buildctl) >&2 \
    || die "go build of buildkitd/buildctl failed"
  rm -rf "$BIN.partial" && mv "$work/out" "$BIN.partial" && mv -T "$BIN.partial" "$BIN"
  rm -rf "$work"
  trap - EXIT
  log "built $("$BIN/buildkitd" --version) in $((SECONDS - started))s"
fi
"$BIN/buildctl" --version >/dev/null || die "$BIN/buildctl does not run"

registry_config() { # root-or-empty socket-or-empty: a buildkitd.toml on stdout
  echo '# Written by scripts/provision-buildkit.sh.'
  if [ -n "$1" ]; then echo "root = \"$1\""; fi
  cat <<TOML
[grpc]
  address = ["unix://${2:-/run/buildkit/buildkitd.sock}"]
[worker.oci]
  enabled = true
  networkMode = "host"
[worker.containerd]
  enabled = false
[registry."$REGISTRY"]
  http = true
TOML
}

# --- remote builder: buildkitd on the host ----------------------------------------------------
REMOTE_ROOT="$BK/remote-root"
REMOTE_CONF="$BK/buildkitd-remote.toml"
PIDFILE="$BK/buildkitd-remote.pid"
registry_config "$REMOTE_ROOT" "$SOCKET" > "$REMOTE_CONF.new" && mv -f "$REMOTE_CONF.new" "$REMOTE_CONF"
remote_up() { "$BIN/buildctl" --addr "unix://$SOCKET" debug workers >/dev/null 2>&1; }
our_pid() { # the pid of the buildkitd this script started, if it still runs this binary
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "--config $REMOTE_CONF" && echo "$pid"
}
pid=$(our_pid || true)
if [ -n "$pid" ] && [ "$(readlink "/proc/$pid/exe")" != "$BIN/buildkitd" ]; then
  log "stopping the host buildkitd (pid $pid): it runs another build of buildkitd"
  kill "$pid"; for _ in $(seq 1 50); do [ -e "/proc/$pid" ] || break; sleep 0.2; done
  pid=''
fi
if ! remote_up; then
  if [ -z "$pid" ]; then
    rm -f "$SOCKET" # left by a killed daemon (no buildkitd of ours runs)
    mkdir -p "$REMOTE_ROOT"
    log "starting buildkitd on unix://$SOCKET (root $REMOTE_ROOT)"
    # 9>&-: the daemon must not inherit (and hold) this script's lock.
    nohup setsid "$BIN/buildkitd" --config "$REMOTE_CONF" >"$BK/buildkitd-remote.log" 2>&1 < /dev/null 9>&- &
    echo $! > "$PIDFILE"
  fi
  for _ in $(seq 1 150); do
    remote_up && break
    pid=$(our_pid || true); [ -n "$pid" ] || break # it exited
    sleep 0.2
  done
  remote_up || { tail -n 30 "$BK/buildkitd-remote.log" >&2; die "buildkitd did not answer on unix://$SOCKET within 30s"; }
fi

builder_driver() { docker buildx inspect "$1" 2>/dev/null | awk '$1=="Driver:" {print $2; exit}'; }
if [ "$(builder_driver "$REMOTE_BUILDER")" != remote ] || ! docker buildx inspect "$REMOTE_BUILDER" 2>/dev/null | grep -q "unix://$SOCKET"; then
  docker buildx rm "$REMOTE_BUILDER" >/dev/null 2>&1 || true
  log "creating buildx builder $REMOTE_BUILDER (remote, unix://$SOCKET)"
  docker buildx create --name "$REMOTE_BUILDER" --driver remote "unix://$SOCKET" >/dev/null || die "docker buildx create $REMOTE_BUILDER failed"
fi

# --- the docker-container builder's image -----------------------------------------------------
# FROM scratch: the static binaries, runc and the shared libraries it loads; no emulated step.
CTX="$BK/image"
runc_version=$("$RUNC" --version | head -n1)
want_inputs=$(printf '%s\n%s\n%s\n' "$SRC_SHA" "$(sha256sum "$RUNC" | cut -d' ' -f1)" "$(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)" | sha256sum | cut -d' ' -f1)
stamp="$BK/image.stamp"
registry_digest() {
  curl -fsSI -H 'Accept: application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.index.v1+json' \
    "http://$REGISTRY/v2/oneapi-offline-test/buildkit/manifests/$BK_VERSION" 2>/dev/null \
    | tr -d '\r' | awk 'tolower($1)=="docker-content-digest:" {print $2}'
}
have=$(registry_digest || true)
image_fresh=1
if [ -z "$have" ] || [ ! -s "$stamp" ] || [ "$(cat "$stamp")" != "$want_inputs $have" ]; then
  image_fresh=0
  log "building $IMAGE (buildkitd $BK_VERSION, $runc_version)"
  rm -rf "$CTX" && mkdir -p "$CTX/rootfs/usr/bin" "$CTX/rootfs/etc/buildkit" "$CTX/rootfs/var/lib/buildkit" "$CTX/rootfs/run" "$CTX/rootfs/tmp"
  chmod 1777 "$CTX/rootfs/tmp"
  cp "$BIN/buildkitd" "$BIN/buildctl" "$CTX/rootfs/usr/bin/"
  cp -L "$RUNC" "$CTX/rootfs/usr/bin/runc"
  # runc is dynamically linked (libseccomp, libc): copy what it loads, at the paths ldd names.
  for lib in $(ldd "$RUNC" | grep -o '/[^ ]*' | sort -u); do
    mkdir -p "$CTX/rootfs$(dirname "$lib")" && cp -L "$lib" "$CTX/rootfs$lib"
  done
  cat > "$CTX/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
VOLUME /var/lib/buildkit
ENTRYPOINT ["buildkitd"]
DOCKERFILE
  docker buildx build --builder default --platform linux/amd64 --provenance=false --sbom=false \
    --output "type=image,name=$IMAGE,push=true" "$CTX" >&2 || die "docker buildx build of $IMAGE failed"
  have=$(registry_digest || true)
  [ -n "$have" ] || die "the registry does not show $IMAGE after the push"
  echo "$want_inputs $have" > "$stamp"
fi

# --- docker-container builder -----------------------------------------------------------------
CONTAINER_CONF="$BK/buildkitd-container.toml"
registry_config "" "" > "$CONTAINER_CONF.new" && mv -f "$CONTAINER_CONF.new" "$CONTAINER_CONF"
builder_stamp="$BK/container-builder.stamp"
want_builder="$have $(sha256sum "$CONTAINER_CONF" | cut -d' ' -f1)"
if [ "$image_fresh" = 0 ] || [ "$(builder_driver "$CONTAINER_BUILDER")" != docker-container ] \
   || [ "$(cat "$builder_stamp" 2>/dev/null)" != "$want_builder" ]; then
  docker buildx rm "$CONTAINER_BUILDER" >/dev/null 2>&1 || true
  log "creating buildx builder $CONTAINER_BUILDER (docker-container, $IMAGE)"
  docker buildx create --name "$CONTAINER_BUILDER" --driver docker-container \
    --driver-opt "image=$IMAGE,network=host" --buildkitd-config "$CONTAINER_CONF" >/dev/null \
    || die "docker buildx create $CONTAINER_BUILDER failed"
  echo "$want_builder" > "$builder_stamp"
fi

# --- both answer, and can run arm64 -----------------------------------------------------------
for builder in "$CONTAINER_BUILDER" "$REMOTE_BUILDER"; do
  inspect=$(docker buildx inspect --bootstrap "$builder" 2>&1) || { echo "$inspect" >&2; die "builder $builder does not start"; }
  grep -q 'linux/arm64' <<<"$inspect" || { echo "$inspect" >&2; die "builder $builder lists no linux/arm64 (qemu binfmt)"; }
done
log "ready: $CONTAINER_BUILDER (docker-container, $IMAGE@$have), $REMOTE_BUILDER (remote, unix://$SOCKET), buildkit $BK_VERSION"
