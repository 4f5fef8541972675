#!/usr/bin/env bash
# Builds the SfBridge image from the Dockerfile, then runs `SfBridge run --once` inside it against the Salesforce
# emulator (sample org) and checks that it exited 0, posted Chatter alerts and kept its state in the /app/data volume.
#   scripts/docker-build.sh [tag]        (default: localhost/sfbridge:local)
#
# Builder: docker when an engine answers, else podman when it runs containers here, else buildah (Debian's package is
# installed when missing; root only). SFBRIDGE_BUILDER=docker|podman|buildah picks one.
# Bases: the Dockerfile's own (mcr.microsoft.com/dotnet/sdk:10.0 and runtime-deps:10.0) when the builder can pull
# them. Where no registry is reachable, local ones: a Debian bookworm made with debootstrap, and that plus this
# machine's .NET SDK for the build stage; both are cached, so only the first run pays for them.
# SFBRIDGE_LOCAL_BASES=1 forces them, =0 forbids them. SFBRIDGE_SMOKE=0 skips the smoke run.
# Caches live in SFBRIDGE_CONTAINERS (default ${TMPDIR:-/tmp}/sfbridge-containers). Exits non-zero, naming the
# step and the reason, when a step cannot work on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/build-quiet.sh

tag="${1:-localhost/sfbridge:local}"
cache="${SFBRIDGE_CONTAINERS:-${TMPDIR:-/tmp}/sfbridge-containers}"
debian_base="localhost/sfbridge-debian:bookworm"
real_build_base="mcr.microsoft.com/dotnet/sdk:10.0"
real_base="mcr.microsoft.com/dotnet/runtime-deps:10.0"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$cache"

timings=()
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
record() { timings+=("$(printf '%-42s %6s s' "$1" "$2")"); echo "== $1: $2 s"; }
fail() { echo "docker-build: $*" >&2; exit 1; }

as_root_install() { # Debian packages the build needs; CI runs as root
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || fail "step 'install ${missing[*]}': needs root (apt-get); install them or run as root"
  command -v apt-get >/dev/null || fail "step 'install ${missing[*]}': no apt-get on this machine"
  echo "== installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "step 'install ${missing[*]}': apt-get failed"
}

# --- 1. the builder ---------------------------------------------------------------------------------------------
podman_run_flags=()
pick_builder() {
  case "${SFBRIDGE_BUILDER:-}" in
    docker|podman|buildah) echo "$SFBRIDGE_BUILDER"; return ;;
    "") ;;
    *) fail "SFBRIDGE_BUILDER='$SFBRIDGE_BUILDER' is not docker, podman or buildah" ;;
  esac
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then echo docker; return; fi
  if command -v podman >/dev/null && podman info >/dev/null 2>&1; then echo podman; return; fi
  echo buildah
}
start=$(now)
builder="$(pick_builder)"
if [ "$builder" = buildah ]; then
  as_root_install buildah
  # RUN steps: the default OCI isolation needs a cgroup setup some hosts lack (hybrid cgroups); chroot works anywhere.
  export BUILDAH_ISOLATION=chroot
fi
if [ "$builder" = podman ] && [ -x /usr/sbin/runc ]; then
  # crun refuses hybrid cgroups and setrlimit in some sandboxes; runc with modest ulimits runs everywhere podman does.
  podman_run_flags=(--runtime /usr/sbin/runc --ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
fi
record "builder ready ($builder)" "$(took "$start")"

image_exists() {
  case "$builder" in
    docker) docker image inspect "$1" >/dev/null 2>&1 ;;
    *) "$builder" image exists "$1" 2>/dev/null || "$builder" inspect --type image "$1" >/dev/null 2>&1 ;;
  esac
}

# --- 2. the base images -----------------------------------------------------------------------------------------
build_debian_base() {
  image_exists "$debian_base" && return 0
  as_root_install debootstrap
  local started; started=$(now)
  local rootfs="$cache/debian-rootfs" ctx="$cache/debian-ctx"
  if [ ! -s "$ctx/rootfs.tar" ]; then
    rm -rf "$rootfs" "$ctx" && mkdir -p "$ctx"
    # What runtime-deps holds: TLS, ICU (globalization is on), time zones (Logging:TimeZone), Kerberos for Npgsql.
    debootstrap --variant=minbase \
      --include=ca-certificates,libssl3,libicu72,tzdata,libgssapi-krb5-2,zlib1g,libstdc++6 \
      bookworm "$rootfs" "${SFBRIDGE_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$cache/debootstrap.log" 2>&1 \
      || fail "step 'debootstrap bookworm': failed, see $cache/debootstrap.log"
    # Package caches and documentation are dead weight in an image.
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
      "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
    tar -C "$rootfs" -cf "$ctx/rootfs.tar" . && rm -rf "$rootfs"
  fi
  printf 'FROM scratch\nADD rootfs.tar /\nCMD ["/bin/bash"]\n' >"$ctx/Dockerfile"
  build_image -t "$debian_base" "$ctx" >/dev/null || fail "step 'import the Debian base': the builder refused it"
  record "Debian base (debootstrap, once)" "$(took "$started")"
}

build_sdk_base() { # the Debian base plus this machine's .NET SDK, which restores from NuGet the way the host does
  local dotnet_root sdk_version started; started=$(now)
  command -v dotnet >/dev/null || fail "step 'local SDK base': no dotnet on this machine to copy in"
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  sdk_version="$(dotnet --version)"
  sdk_base="localhost/sfbridge-sdk:$sdk_version"
  image_exists "$sdk_base" && return 0
  local ctx="$cache/sdk-ctx"
  rm -rf "$ctx" && mkdir -p "$ctx/certs"
  # Certificate authorities the host added to its trust store (a TLS-inspecting proxy on the way to NuGet, say).
  # They are public certificates, and only the build stage sees them: the final image starts from BASE.
  find /usr/local/share/ca-certificates -name '*.crt' -exec cp {} "$ctx/certs/" \; 2>/dev/null || true
  tar -C "$dotnet_root" -cf "$ctx/dotnet.tar" .
  cat >"$ctx/Dockerfile" <<EOF
FROM $debian_base
ADD dotnet.tar /usr/share/dotnet/
COPY certs/ /usr/local/share/ca-certificates/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && update-ca-certificates >/dev/null 2>&1
ENV DOTNET_ROOT=/usr/share/dotnet
EOF
  build_image -t "$sdk_base" "$ctx" >/dev/null || fail "step 'local SDK base': the builder refused it"
  rm -f "$ctx/dotnet.tar"
  record "SDK base (host SDK $sdk_version, once)" "$(took "$started")"
}

build_image() {
  case "$builder" in
    docker) docker build "$@" ;;
    podman) podman build "${podman_run_flags[@]}" --format docker "$@" ;;
    # docker format: OCI image configs have no HEALTHCHECK, buildah would drop it.
    buildah) buildah bud --isolation chroot --format docker "$@" ;;
  esac
}

can_pull() {
  case "$builder" in
    docker) docker pull -q "$1" >/dev/null 2>&1 ;;
    *) "$builder" pull -q "$1" >/dev/null 2>&1 ;;
  esac
}

t=$(now)
build_args=()
case "${SFBRIDGE_LOCAL_BASES:-auto}" in
  1) local_bases=1 ;;
  0) local_bases=0 ;;
  *) if can_pull "$real_base" && can_pull "$real_build_base"; then local_bases=0; else
       echo "== $real_base cannot be pulled here (no registry reachable): building local bases"; local_bases=1; fi ;;
esac
if [ "$local_bases" = 1 ]; then
  build_debian_base
  build_sdk_base
  build_args+=(--build-arg "BASE=$debian_base" --build-arg "BUILD_BASE=$sdk_base")
fi
record "base images ready" "$(took "$t")"

# --- 3. the image -----------------------------------------------------------------------------------------------
# NuGet inside the build: the same sources as the host (nuget.org; no credentials to pass), the host's proxy
# variables (docker, podman and buildah pass http_proxy/https_proxy/no_proxy by default), and its revocation mode.
[ -n "${NUGET_CERT_REVOCATION_MODE:-}" ] && build_args+=(--build-arg "NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE")
layers=(); [ "$builder" = docker ] || layers=(--layers)
t=$(now)
build_image "${layers[@]}" "${build_args[@]}" -t "$tag" -f Dockerfile . \
  || fail "step 'build $tag': the build failed (output above)"
record "image build ($tag)" "$(took "$t")"

case "$builder" in
  docker) size="$(docker image inspect --format '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1000000 }')" ;;
  *) size="$("$builder" images --format '{{.Size}}' "$tag" | head -1)" ;;
esac
echo "== image $tag: $size"

# --- 4. smoke run: run --once inside the image against the emulator ---------------------------------------------
if [ "${SFBRIDGE_SMOKE:-1}" = 0 ]; then
  printf '%s\n' "${timings[@]}"; echo "image size: $size"; exit 0
fi
t=$(now)
work="$(mktemp -d -t sfbridge-smoke.XXXXXX)"
emulator=""
cleanup() {
  [ -n "$emulator" ] && { kill "$emulator" 2>/dev/null; wait "$emulator" 2>/dev/null; }
  [ -n "${container:-}" ] && buildah rm "$container" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
build_quiet Worker.Tests/Worker.Tests.csproj -c Release \
  || fail "step 'smoke run': the emulator (Worker.Tests) does not build"
record "emulator build (host)" "$(took "$t")"
t=$(now)
dotnet Worker.Tests/bin/Release/net10.0/Worker.Tests.dll emulator --port 0 --snapshot samples/org >"$work/emulator.log" 2>&1 &
emulator=$!
url=""
for _ in $(seq 1 150); do
  url=$(sed -n 's/.*listening on \(http:[^ ]*\) .*/\1/p' "$work/emulator.log")
  [ -n "$url" ] && break
  kill -0 "$emulator" 2>/dev/null || { cat "$work/emulator.log"; fail "step 'smoke run': the emulator did not start"; }
  sleep 0.1
done
[ -n "$url" ] || fail "step 'smoke run': the emulator did not report its address within 15 s"
echo "== emulator at $url"

# The volume: a host folder owned by the image's user, as an orchestrator would prepare it.
mkdir -p "$work/data" && chown 10001:10001 "$work/data" 2>/dev/null || chmod 0777 "$work/data"
# The sample org's breaches are months old: without the last setting a first start records them as its baseline.
args=(run --once "--Salesforce:LoginUrl=$url" --Salesforce:ClientId=sfbridge-smoke --Salesforce:ClientSecret=smoke-run
      --Salesforce:ApiCallFloor=0 --Health:Url= --Alerts:FirstStartBaseline=false)
set +e
case "$builder" in
  docker) docker run --rm --network host -v "$work/data:/app/data" "$tag" "${args[@]}" >"$work/worker.log" 2>&1 ;;
  podman) podman run --rm "${podman_run_flags[@]}" --network host -v "$work/data:/app/data" "$tag" "${args[@]}" >"$work/worker.log" 2>&1 ;;
  buildah)
    container=$(buildah from --pull-never "$tag") || fail "step 'smoke run': buildah from $tag failed"
    # buildah runs no ENTRYPOINT: name the binary; the image's USER, WORKDIR and ENV apply.
    buildah run --isolation chroot --network host -v "$work/data:/app/data" "$container" -- /app/SfBridge "${args[@]}" \
      >"$work/worker.log" 2>&1 ;;
esac
exit_code=$?
set -e
kill "$emulator" 2>/dev/null; wait "$emulator" 2>/dev/null; emulator=""

calls=$(grep -c '^POST .*/chatter/feed-elements.* -> 20[01]$' "$work/emulator.log" || true)
posted=$(sed -n 's/.*"@mt":"Dispatched .*"Posted":\([0-9]*\).*/\1/p' "$work/worker.log" | head -1)
state_owner=$(stat -c %u "$work/data/sfbridge.db" 2>/dev/null || echo none)
grep -E '"@mt":"(Queued|Dispatched) ' "$work/worker.log" || true
echo "== worker exit code $exit_code; ${posted:-no} alerts posted in $calls Chatter calls the emulator answered; /app/data/sfbridge.db owned by uid $state_owner"
record "smoke run (run --once in the image)" "$(took "$t")"
if [ "$exit_code" -ne 0 ] || [ "${posted:-0}" -eq 0 ] || [ "$calls" -eq 0 ] || [ "$state_owner" = none ] || [ "$state_owner" = 0 ]; then
  echo "--- worker output"; tail -40 "$work/worker.log"
  echo "--- emulator output"; tail -20 "$work/emulator.log"
  fail "step 'smoke run': expected exit code 0, at least one Chatter post and /app/data/sfbridge.db written by a non-root user"
fi

echo
echo "SfBridge image $tag ($builder$([ "$local_bases" = 1 ] && echo ', local Debian bases')):"
printf '  %s\n' "${timings[@]}"
printf '  %-42s %8s\n' 'image size' "$size"
