#!/usr/bin/env bash
# Builds the image of deploy/Dockerfile without a daemon (buildah) and starts it (podman), as root
# on a Debian machine: bash deploy/test-image.sh   (after mvn package: it needs the two jars)
#
# The machine reaches Debian's package mirror but no image registry, so the base image is made
# from Debian packages (debootstrap: bookworm with openjdk-17-jre-headless) and kept in the local
# image store for later runs. What is checked, as deploy/README.md promises:
#   -V names the version and commit; the container runs as uid 10001; the API answers on the
#   published port (it binds 0.0.0.0); the image's HEALTHCHECK passes; `floorgate trust` works
#   inside; SIGTERM stops it cleanly; a new container on the same volume keeps the
#   gateway's certificate; the README's volume backup restores it into a new volume; the lab image
#   (compose's simulator) has `sim`.
# Runtime options for a sandbox without CAP_SYS_RESOURCE and with hybrid cgroups (crun refuses
# both: "setrlimit RLIMIT_NOFILE: Operation not permitted", "cgroups in hybrid mode not
# supported"): runc with the cgroupfs manager, and rlimits at or below the caller's. Without
# systemd, podman logs "unable to get systemd connection" for health check timers: harmless, the
# check is run once by hand below.
set -euo pipefail
cd "$(dirname "$0")/.."

base=localhost/floorgate-base:bookworm
image=localhost/floorgate:ci
lab=localhost/floorgate-lab:ci
run_id=floorgate-ci-$$
podman=(podman --runtime runc --cgroup-manager cgroupfs)
limits=(--ulimit nofile=4096:4096 --ulimit nproc=4096:4096)

say() { echo "image: $*"; }
fail() { echo "image: FAILED: $*" >&2; exit 1; }

for jar in gateway/app/target/floorgate.jar gateway/lab/target/floorgate-lab.jar; do
  [ -f "$jar" ] || fail "$jar is missing; build it first: mvn -B -q -DskipTests package"
done

missing=()
for tool in buildah podman runc debootstrap; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah podman runc debootstrap >/dev/null
fi

if ! podman image exists "$base"; then
  say "making the base image $base from Debian packages (once per machine, a few minutes)"
  rootfs=$(mktemp -d)
  if ! timeout 1200 debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm \
      "$rootfs" http://deb.debian.org/debian > "$rootfs.log" 2>&1; then
    tail -20 "$rootfs.log" >&2
    fail "debootstrap failed (log above)"
  fi
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import - "$base" >/dev/null
  rm -rf "$rootfs" "$rootfs.log"
fi

say "building $image and $lab with buildah (chroot isolation)"
buildah bud --isolation chroot --format docker --quiet -f deploy/Dockerfile \
  --build-arg BASE="$base" -t "$image" . >/dev/null
buildah bud --isolation chroot --format docker --quiet -f deploy/Dockerfile \
  --build-arg BASE="$base" --build-arg JAR=gateway/lab/target/floorgate-lab.jar -t "$lab" . >/dev/null

cleanup() {
  "${podman[@]}" rm -f -t 0 "$run_id" "$run_id-2" >/dev/null 2>&1 || true
  podman volume rm -f "$run_id" "$run_id-restored" >/dev/null 2>&1 || true
  rm -rf "${backup_dir:-}"
}
trap cleanup EXIT

version=$("${podman[@]}" run --rm "${limits[@]}" "$image" -V)
[[ $version =~ ^floorgate\ [0-9][^\ ]*\ \(commit\ ([0-9a-f]{12}|unknown)\)$ ]] \
  || fail "-V printed '$version', not the version and commit"
say "-V: $version"

sim_help=$("${podman[@]}" run --rm "${limits[@]}" "$lab" help sim)
[[ $sim_help == *"Usage: floorgate-lab sim"* ]] \
  || fail "the lab image (compose's simulator) has no sim command: $sim_help"
say "the lab image (compose's simulator) has sim"

start() { # name volume
  "${podman[@]}" run -d --name "$1" "${limits[@]}" --health-interval disable --log-driver k8s-file \
    -e FLOORGATE_API_TOKEN="$(openssl rand -hex 24)" \
    -e FLOORGATE_PLC_PASSWORD="ci-$(openssl rand -hex 12)" \
    -v "$2:/var/lib/floorgate" -p 127.0.0.1::8480 "$image" >/dev/null
}

wait_live() { # name
  local port
  port=$(podman port "$1" 8480/tcp | head -1 | sed 's/.*://')
  for _ in $(seq 1 120); do
    if curl -fsS -m 2 "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then
      say "$1: API answers on the published port 127.0.0.1:$port"
      return 0
    fi
    "${podman[@]}" container exists "$1" && [ "$(podman inspect -f '{{.State.Running}}' "$1")" = true ] \
      || { podman logs "$1" 2>&1 | tail -20 >&2; fail "$1 stopped"; }
    sleep 1
  done
  podman logs "$1" 2>&1 | tail -20 >&2
  fail "$1: no answer on the published port in 120 s (does the API bind 0.0.0.0?)"
}

# The container's own certificate, in the volume.
own_cert() { # name
  "${podman[@]}" exec "$1" sha1sum /var/lib/floorgate/pki/own/floorgate.der | cut -d' ' -f1
}

start "$run_id" "$run_id"
wait_live "$run_id"
[ "$("${podman[@]}" exec "$run_id" id -u)" = 10001 ] || fail "the container does not run as 10001"
# The health check needs systemd timers to run by itself; run it once, as the engine would.
"${podman[@]}" healthcheck run "$run_id" 2>/dev/null || fail "the image's HEALTHCHECK failed"
say "HEALTHCHECK passes; runs as uid 10001"
trust=$("${podman[@]}" exec "$run_id" floorgate trust --pki /var/lib/floorgate/pki) \
  && [[ $trust == Rejected* ]] || fail "floorgate trust inside the container: $trust"
first=$(own_cert "$run_id")

"${podman[@]}" stop -t 40 "$run_id" >/dev/null
# 143 (128 + SIGTERM) is the JVM's code after its shutdown hooks ran on SIGTERM.
code=$(podman inspect -f '{{.State.ExitCode}}' "$run_id")
logs=$(podman logs "$run_id" 2>&1)
if ! { [ "$code" = 143 ] || [ "$code" = 0 ]; } || [[ $logs != *"Floorgate stopped"* ]]; then
  tail -20 <<<"$logs" >&2
  fail "SIGTERM: exit code $code, no 'Floorgate stopped'"
fi
say "SIGTERM stops it cleanly (Floorgate stopped, exit code $code)"
"${podman[@]}" rm "$run_id" >/dev/null

start "$run_id-2" "$run_id"
wait_live "$run_id-2"
[ "$(own_cert "$run_id-2")" = "$first" ] || fail "a new container made a new certificate"
say "a new container on the volume keeps the certificate $first"
"${podman[@]}" stop -t 40 "$run_id-2" >/dev/null

# deploy/README.md, "Backup of the volume" and "Restore into a new volume".
backup_dir=$(mktemp -d)
"${podman[@]}" run --rm "${limits[@]}" --user 0 --entrypoint tar \
  -v "$run_id:/var/lib/floorgate:ro" -v "$backup_dir:/backup" \
  "$image" -C / -czpf /backup/floorgate-state.tar.gz --exclude=var/lib/floorgate/cds var/lib/floorgate
podman volume create "$run_id-restored" >/dev/null
"${podman[@]}" run --rm "${limits[@]}" --user 0 --entrypoint tar \
  -v "$run_id-restored:/var/lib/floorgate" -v "$backup_dir:/backup:ro" \
  "$image" -C / -xzpf /backup/floorgate-state.tar.gz
restored=$("${podman[@]}" run --rm "${limits[@]}" --entrypoint sh -v "$run_id-restored:/var/lib/floorgate" \
  "$image" -c 'stat -c %u:%g /var/lib/floorgate/pki/own/floorgate.p12; sha1sum /var/lib/floorgate/pki/own/floorgate.der' \
  | tr '\n' ' ')
[[ $restored == "10001:10001 $first "* ]] || fail "restored volume: $restored"
say "the volume backup restores the certificate, owned by 10001"
say "all checks passed"
