#!/usr/bin/env bash
# Checks that deploy/target/jib-image.tar is a real, runnable container image, without Docker:
#
#   1. reads manifest.json and the image config from the tarball and checks the entrypoint, the
#      default command, the user, the exposed ports, the environment and the labels; checks every
#      layer against its diff_id (sha256 of the uncompressed layer)
#   2. extracts the layers in order into a temporary root file system, honouring whiteouts
#      (.wh.NAME deletes NAME of the layers below, .wh..wh..opq empties a directory)
#   3. runs the image's own entrypoint in that root, as the image's user, the way a container
#      runtime would: new mount, PID and UTS namespaces, /proc, /sys read-only, a minimal /dev, /etc/hosts, the
#      image's environment and working directory, nothing from the host's /usr
#        - java -version and the runtime's java.home (it must be the image's runtime)
#        - ENTRYPOINT help: the command list of org.kawamori.deploy.Main
#        - deploy/image/ImageProbe.java (compiled here, copied into the extracted root only): time
#          zones, Japanese locale data and charsets, EC/ECDH/X25519, the CA store, TLS, zipfs, /tmp,
#          /etc/hosts, the platform MXBeans
#        - unless --no-start: the whole app (`serve` against this machine's PostgreSQL and Mosquitto,
#          DTLS on) until /health/ready answers 200 and /metrics answers, then SIGTERM and a clean stop
#
# Any missing piece fails the check with a message saying what.
# Usage: deploy/image/check-image.sh [--no-start] [--keep] [IMAGE_TAR]   (as root: namespaces, chroot)
# Environment: KAWAMORI_CHECK_DB_URL  JDBC URL for the start test (default: a fresh database
#              kawamori_image_check on 127.0.0.1:5432, user postgres, made with psql)
#              KAWAMORI_CHECK_VERSION the version the labels and tag must carry (default: from deploy/pom.xml)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
deploy="$(dirname "$here")"
image="$deploy/target/jib-image.tar"
start=1
keep=0
while (($#)); do
  case "$1" in
    --no-start) start=0; shift ;;
    --keep) keep=1; shift ;;
    -*) echo "check-image.sh: unknown option '$1'" >&2; exit 2 ;;
    *) image="$1"; shift ;;
  esac
done

log() { printf '[check-image] %s\n' "$*"; }
die() { printf '[check-image] FAILED: %s\n' "$*" >&2; exit 1; }
begin=$SECONDS

[ "$(id -u)" = 0 ] || die "needs root (mount namespaces and a changed root directory)"
for tool in python3 tar unshare javac; do
  command -v "$tool" >/dev/null || die "needs $tool"
done
[ -f "$image" ] || die "no image tarball $image (build it: ./mvnw -B -Pimage,local-base package -pl deploy -am -DskipTests)"
unshare_bin="$(command -v unshare)"
version="${KAWAMORI_CHECK_VERSION:-$(sed -n '/<parent>/,/<\/parent>/s|.*<version>\(.*\)</version>.*|\1|p' "$deploy/pom.xml")}"
[ -n "$version" ] || die "cannot read the version from $deploy/pom.xml"

work="$deploy/target/image-check"
rm -rf "$work"
mkdir -p "$work/image" "$work/rootfs"
cleanup() {
  local rc=$?
  if [ -n "${app_pid:-}" ] && kill -0 "$app_pid" 2>/dev/null; then kill -KILL "$app_pid" 2>/dev/null || true; fi
  if ((keep == 0)); then rm -rf "$work"; else log "kept $work"; fi
  if ((rc == 0)); then log "passed in $((SECONDS - begin)) s"; else log "FAILED (exit $rc)"; fi
}
trap cleanup EXIT

# --- 1. manifest and config
log "image $image ($(du -h "$image" | cut -f1)), expected version $version"
tar -xf "$image" -C "$work/image"
python3 - "$work/image" "$work" "$version" <<'PY'
import gzip, hashlib, json, os, sys
image, work, version = sys.argv[1:4]

def fail(message):
    print(f"[check-image] FAILED: {message}", file=sys.stderr)
    sys.exit(1)

def ok(message):
    print(f"[check-image] ok  {message}")

manifest_path = os.path.join(image, "manifest.json")
if not os.path.exists(manifest_path):
    fail("no manifest.json: not a docker-archive tarball (Jib <format>Docker)")
manifest = json.load(open(manifest_path))
if len(manifest) != 1:
    fail(f"manifest.json holds {len(manifest)} images, expected 1")
entry = manifest[0]
tag = f"kawamori/kawamori:{version}"
if tag not in (entry.get("RepoTags") or []):
    fail(f"tag {tag} not in RepoTags {entry.get('RepoTags')}")
ok(f"tag {tag}")
config = json.load(open(os.path.join(image, entry["Config"])))
c = config.get("config") or {}
if config.get("os") != "linux" or config.get("architecture") != "amd64":
    fail(f"platform {config.get('os')}/{config.get('architecture')}, expected linux/amd64")

entrypoint = c.get("Entrypoint") or []
expected_start = ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError"]
if entrypoint[:3] != expected_start or entrypoint[-3:] != ["-cp", "@/app/jib-classpath-file", "org.kawamori.deploy.Main"]:
    fail(f"entrypoint {entrypoint}")
ok(f"entrypoint {' '.join(entrypoint)}")
if (c.get("Cmd") or []) != ["serve"]:
    fail(f"default command {c.get('Cmd')}, expected ['serve']")
ok("command serve")
if c.get("User") != "65532:65532":
    fail(f"user {c.get('User')!r}, expected 65532:65532")
ok("user 65532:65532")
ports = set((c.get("ExposedPorts") or {}).keys())
expected_ports = {"8080/tcp", "8443/tcp", "5683/udp", "5684/udp"}
if ports != expected_ports:
    fail(f"exposed ports {sorted(ports)}, expected {sorted(expected_ports)}")
ok(f"ports {' '.join(sorted(ports))}")
env = c.get("Env") or []
env_map = dict(e.split("=", 1) for e in env)
if env_map.get("KAWAMORI_LOG_FORMAT") != "json":
    fail(f"KAWAMORI_LOG_FORMAT=json missing from Env {env}")
if "PATH" not in env_map:
    fail("no PATH in the image's Env")
ok(f"env {' '.join(env)}")
labels = c.get("Labels") or {}
for key, want in {"org.opencontainers.image.title": "Kawamori",
                  "org.opencontainers.image.version": version}.items():
    if labels.get(key) != want:
        fail(f"label {key}={labels.get(key)!r}, expected {want!r}")
for key in ("org.opencontainers.image.description", "org.opencontainers.image.base.name"):
    if not labels.get(key):
        fail(f"label {key} missing")
ok("labels " + ", ".join(f"{k}={v}" for k, v in sorted(labels.items())))
print(f"[check-image]     created {config.get('created')}")

diff_ids = (config.get("rootfs") or {}).get("diff_ids") or []
layers = entry.get("Layers") or []
if not layers or len(layers) != len(diff_ids):
    fail(f"{len(layers)} layers in manifest.json, {len(diff_ids)} diff_ids in the config")
for index, (layer, diff_id) in enumerate(zip(layers, diff_ids)):
    path = os.path.join(image, layer)
    with open(path, "rb") as f:
        gzipped = f.read(2) == b"\x1f\x8b"
    digest = hashlib.sha256()
    with (gzip.open(path, "rb") if gzipped else open(path, "rb")) as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    if "sha256:" + digest.hexdigest() != diff_id:
        fail(f"layer {index} {layer}: content sha256:{digest.hexdigest()} is not its diff_id {diff_id}")
ok(f"{len(layers)} layers, each matching its diff_id")

with open(os.path.join(work, "layers.txt"), "w") as f:
    f.write("".join(os.path.join(image, layer) + "\n" for layer in layers))
with open(os.path.join(work, "entrypoint.nul"), "wb") as f:
    f.write(b"".join(a.encode() + b"\0" for a in entrypoint))
with open(os.path.join(work, "env.nul"), "wb") as f:
    f.write(b"".join(e.encode() + b"\0" for e in env))
with open(os.path.join(work, "user.txt"), "w") as f:
    f.write(c["User"] + "\n")
with open(os.path.join(work, "workdir.txt"), "w") as f:
    f.write((c.get("WorkingDir") or "/") + "\n")
PY

mapfile -d '' entrypoint < "$work/entrypoint.nul"
mapfile -d '' image_env < "$work/env.nul"
user="$(cat "$work/user.txt")"
workdir="$(cat "$work/workdir.txt")"
uid="${user%%:*}"
gid="${user#*:}"

# --- 2. the layers, in order, with whiteouts
rootfs="$work/rootfs"
tar_read=(--warning=no-unknown-keyword)
index=0
while read -r layer; do
  while IFS= read -r name; do
    name="${name#./}"
    base="${name##*/}"
    dir="$(dirname "$name")"
    case "/$name/" in */../*) die "layer $index: entry '$name' leaves the root" ;; esac
    if [ "$base" = ".wh..wh..opq" ]; then
      find "$rootfs/$dir" -mindepth 1 -maxdepth 1 -exec rm -rf {} + 2>/dev/null || true
    elif [[ "$base" == .wh.* ]]; then
      rm -rf "${rootfs:?}/$dir/${base#.wh.}"
    fi
  done < <(tar "${tar_read[@]}" -tf "$layer" | grep -E '(^|/)\.wh\.' || true)
  tar "${tar_read[@]}" -xf "$layer" -C "$rootfs" --numeric-owner --same-permissions --exclude='.wh.*'
  index=$((index + 1))
done < "$work/layers.txt"
log "ok  extracted $index layers into $rootfs ($(du -sh "$rootfs" | cut -f1))"

# --- static checks on the root file system
IFS=: read -r -a image_path <<<"$(printf '%s\n' "${image_env[@]}" | sed -n 's/^PATH=//p')"
java_bin=""
for dir in "${image_path[@]}"; do
  if [ -x "$rootfs$dir/${entrypoint[0]}" ] || [ -L "$rootfs$dir/${entrypoint[0]}" ]; then java_bin="$dir/${entrypoint[0]}"; break; fi
done
[ -n "$java_bin" ] || die "'${entrypoint[0]}' is on none of the image's PATH (${image_path[*]})"
log "ok  ${entrypoint[0]} is $java_bin"
classpath_file="$rootfs/app/jib-classpath-file"
[ -s "$classpath_file" ] || die "no /app/jib-classpath-file"
entries=0
IFS=: read -r -a classpath <<<"$(tr -d '\n' < "$classpath_file")"
for cp in "${classpath[@]}"; do
  case "$cp" in
    */\*) compgen -G "$rootfs${cp%\*}*.jar" >/dev/null || die "class path entry $cp matches no jar" ;;
    *) [ -e "$rootfs$cp" ] || die "class path entry $cp is not in the image" ;;
  esac
  entries=$((entries + 1))
done
[ -f "$rootfs/app/classes/org/kawamori/deploy/Main.class" ] || die "no org.kawamori.deploy.Main in /app/classes"
log "ok  /app/jib-classpath-file: $entries entries, all in the image; Main.class present"
[ "$(stat -c %a "$rootfs/tmp" 2>/dev/null)" = 1777 ] || die "/tmp is missing or not mode 1777"
home=/
user_name=-
if [ -f "$rootfs/etc/passwd" ] && line="$(awk -F: -v u="$uid" '$3 == u' "$rootfs/etc/passwd")" && [ -n "$line" ]; then
  user_name="$(cut -d: -f1 <<<"$line")"
  home="$(cut -d: -f6 <<<"$line")"
  log "ok  user $uid is '$user_name' (home $home) in /etc/passwd"
else
  log "WARNING: user $uid has no /etc/passwd entry in the image (HOME=/, user.name '?')"
fi

# --- 3. running the image
mkdir -p "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/etc"
[ -e "$rootfs/etc/hosts" ] || : > "$rootfs/etc/hosts"
[ -e "$rootfs/etc/resolv.conf" ] || : > "$rootfs/etc/resolv.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\tkawamori-check\n' > "$work/hosts"
# Runs as PID 1 of new mount, PID and UTS namespaces: mounts what a runtime mounts, then
# `unshare --root --wd --setuid --setgid` turns into the image's process (exec, so the entrypoint
# itself is PID 1, as in a container).
cat > "$work/runner.sh" <<'RUNNER'
set -euo pipefail
root="$1" wd="$2" uid="$3" gid="$4" hosts="$5" env_file="$6" unshare_bin="$7"
shift 7
mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys" 2>/dev/null \
  || { mount --rbind /sys "$root/sys" && mount -o remount,bind,ro "$root/sys"; }
mount -t tmpfs -o nosuid,mode=755 tmpfs "$root/dev"
for node in null zero full random urandom tty; do
  : > "$root/dev/$node"
  mount --bind "/dev/$node" "$root/dev/$node"
done
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
mkdir "$root/dev/shm"
mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs "$root/dev/shm"
mount --bind "$hosts" "$root/etc/hosts"
[ -f /etc/resolv.conf ] && mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
hostname kawamori-check
mapfile -d '' env_vars < "$env_file"
exec env -i "${env_vars[@]}" "$unshare_bin" --root="$root" --wd="$wd" --setgid "$gid" --setuid "$uid" -- "$@"
RUNNER
extra_env=()
container_env() {   # the image's Env plus what a runtime adds, and any NAME=VALUE given
  {
    printf '%s\0' "${image_env[@]}"
    printf '%s\0' "HOSTNAME=kawamori-check"
    printf '%s\n' "${image_env[@]}" | grep -q '^HOME=' || printf '%s\0' "HOME=$home"
    ((${#extra_env[@]} == 0)) || printf '%s\0' "${extra_env[@]}"
  } > "$work/container.env"
}
in_container() {    # in_container SECONDS ARGV... : runs ARGV in the image, killed after SECONDS
  local seconds="$1"
  shift
  container_env
  timeout "$seconds" "$unshare_bin" --mount --pid --uts --kill-child --propagation private -- \
    bash "$work/runner.sh" "$rootfs" "$workdir" "$uid" "$gid" "$work/hosts" "$work/container.env" "$unshare_bin" "$@"
}

# java -version, from the image's runtime
if ! version_out="$(in_container 60 "${entrypoint[0]}" -XshowSettings:properties -version 2>&1)"; then
  printf '%s\n' "$version_out" | tail -20
  die "java -version does not run in the image"
fi
runtime_home="$(sed -n 's/^ *java.home = //p' <<<"$version_out")"
runtime_version="$(grep -E '^(openjdk|java) version' <<<"$version_out" || true)"
[ -n "$runtime_home" ] && [ -n "$runtime_version" ] || { printf '%s\n' "$version_out" | tail -20; die "java -version printed no version"; }
[ -x "$rootfs$runtime_home/bin/java" ] || die "java.home $runtime_home is not in the image"
grep -q '"17\.' <<<"$runtime_version" || die "the image's java is not 17: $runtime_version"
log "ok  java -version in the image: $runtime_version; $(grep -m1 -E '^[A-Za-z].*Runtime Environment' <<<"$version_out"); java.home=$runtime_home"

# ENTRYPOINT help
if ! help_out="$(in_container 120 "${entrypoint[@]}" help 2>&1)"; then
  printf '%s\n' "$help_out" | tail -30
  die "'ENTRYPOINT help' failed in the image"
fi
# the block after "Commands:" up to the first empty line, one "  name  text" line per command
commands="$(sed -n '/^Commands:/,/^$/p' <<<"$help_out" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' | paste -sd' ' -)"
for command in demo serve health registry accounts bench simulate; do
  [[ " $commands " == *" $command "* ]] || { printf '%s\n' "$help_out" | head -20; die "Main help lists no '$command' command"; }
done
log "ok  ENTRYPOINT help prints the commands: $commands"

# the runtime probe
probe_dir="$rootfs/tmp/image-probe"
mkdir -p "$probe_dir"
javac --release 17 -d "$probe_dir" "$here/ImageProbe.java"
chmod -R a+rX "$probe_dir"
# with the entrypoint's JVM flags: everything before its "-cp @/app/jib-classpath-file Main"
probe_cmd=("${entrypoint[@]:0:${#entrypoint[@]}-3}" -cp /tmp/image-probe ImageProbe "$user_name")
if ! probe_out="$(in_container 120 "${probe_cmd[@]}" 2>&1)"; then
  printf '%s\n' "$probe_out"
  die "ImageProbe failed in the image"
fi
sed 's/^/[check-image]     /' <<<"$probe_out"
rm -rf "$probe_dir"

# --- the whole app, started in the image
if ((start == 0)); then
  log "start test skipped (--no-start)"
  exit 0
fi
db_url="${KAWAMORI_CHECK_DB_URL:-}"
if [ -z "$db_url" ]; then
  command -v psql >/dev/null || die "the start test needs psql and PostgreSQL on 127.0.0.1:5432 (or KAWAMORI_CHECK_DB_URL, or --no-start)"
  PGOPTIONS='--client-min-messages=warning' psql -h 127.0.0.1 -U postgres -d postgres -qAt -c 'drop database if exists kawamori_image_check' \
    -c 'create database kawamori_image_check' >/dev/null \
    || die "cannot make database kawamori_image_check on 127.0.0.1:5432 as postgres (or set KAWAMORI_CHECK_DB_URL, or --no-start)"
  db_url='jdbc:postgresql://127.0.0.1:5432/kawamori_image_check?user=postgres'
fi
read -r http_port https_port mqtt_port coap_port coaps_port < <(python3 - <<'PY'
import socket
socks = []
ports = []
for kind in (socket.SOCK_STREAM,) * 3 + (socket.SOCK_DGRAM,) * 2:
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
    ports.append(s.getsockname()[1])
print(*ports)
PY
)
# the image's default command, serve, as a container runs it: the machine's PostgreSQL and Mosquitto
# (anonymous there, so any login is let in), secrets from files, a certificate of its own
mqtt_url="${KAWAMORI_CHECK_MQTT_URL:-tcp://127.0.0.1:1883}"
command -v openssl >/dev/null || die "the start test needs openssl (a certificate for the gateway endpoint)"
secrets="$rootfs/run/secrets"
mkdir -p "$secrets"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=kawamori-check" \
  -keyout "$secrets/tls.key" -out "$secrets/tls.crt" 2>/dev/null || die "openssl could not make a certificate"
head -c 24 /dev/urandom | base64 | tr -d '\n/+=' > "$secrets/db-password"
head -c 24 /dev/urandom | base64 | tr -d '\n/+=' > "$secrets/mqtt-password"
head -c 32 /dev/urandom | base64 > "$secrets/psk-master-key"
chown -R "$uid:$gid" "$secrets"
chmod 0400 "$secrets"/*
extra_env=(
  "KAWAMORI_DB_URL=$db_url" "KAWAMORI_DB_PASSWORD_FILE=/run/secrets/db-password"
  "KAWAMORI_MQTT_URL=$mqtt_url" "KAWAMORI_MQTT_USER=kawamori-check"
  "KAWAMORI_MQTT_PASSWORD_FILE=/run/secrets/mqtt-password"
  "KAWAMORI_PSK_MASTER_KEY_FILE=/run/secrets/psk-master-key"
  "KAWAMORI_HTTPS_CERT=/run/secrets/tls.crt" "KAWAMORI_HTTPS_KEY=/run/secrets/tls.key"
  "KAWAMORI_HOST=127.0.0.1" "KAWAMORI_INSTANCE_ID=image-check" "KAWAMORI_COAP_PLAIN=true"
  "KAWAMORI_HTTP_PORT=$http_port" "KAWAMORI_HTTPS_PORT=$https_port"
  "KAWAMORI_COAP_PORT=$coap_port" "KAWAMORI_COAPS_PORT=$coaps_port")
container_env
app_args=()
app_args=(serve) # the image's Cmd, checked above
log "starting ENTRYPOINT ${app_args[*]}"
"$unshare_bin" --mount --pid --uts --fork --propagation private -- \
  bash "$work/runner.sh" "$rootfs" "$workdir" "$uid" "$gid" "$work/hosts" "$work/container.env" "$unshare_bin" \
  "${entrypoint[@]}" "${app_args[@]}" > "$work/app.log" 2>&1 &
namespace_pid=$!
started=$SECONDS
app_pid=""
ready=""
while ((SECONDS - started < 240)); do
  if ! kill -0 "$namespace_pid" 2>/dev/null; then
    tail -40 "$work/app.log"
    die "the app stopped before it was ready (log above)"
  fi
  [ -n "$app_pid" ] || app_pid="$(cat "/proc/$namespace_pid/task/$namespace_pid/children" 2>/dev/null | awk '{print $1}')"
  if ready="$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' \
      "http://127.0.0.1:$http_port/health/ready" 2>/dev/null)"; then
    break
  fi
  ready=""
  sleep 2
done
[ -n "$ready" ] || { tail -40 "$work/app.log"; die "/health/ready did not answer 200 within 240 s"; }
log "ok  /health/ready after $((SECONDS - started)) s: $(tr -d '\n' <<<"$ready" | cut -c1-300)"
# JSON logs (the image's KAWAMORI_LOG_FORMAT): one object per line, slashes escaped
python3 - "$work/app.log" <<'PY' || { tail -40 "$work/app.log"; die "the app's log is not one JSON object per line"; }
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert lines, "no log lines"
for l in lines:
    event = json.loads(l)
    assert "level" in event and "formattedMessage" in event, l
PY
log "ok  the log is one JSON object per line"
serving="$(sed 's#\\/#/#g' "$work/app.log" | grep -F 'serving: map')" || { tail -40 "$work/app.log"; die "serve never said it was serving"; }
for endpoint in "http://127.0.0.1:$http_port/" "coap://127.0.0.1:$coap_port" "coaps://127.0.0.1:$coaps_port" \
    "https://127.0.0.1:$https_port"; do
  grep -qF "$endpoint" <<<"$serving" || { tail -40 "$work/app.log"; die "serve names no $endpoint"; }
done
for secret in db-password mqtt-password psk-master-key; do
  ! grep -qF "$(cat "$secrets/$secret")" "$work/app.log" || die "the log shows the secret $secret"
done
log "ok  serve names HTTP, CoAP, CoAP over DTLS and the gateways' HTTPS endpoint; no secret in its log"
metrics="$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' \
  "http://127.0.0.1:$http_port/metrics")" || die "/metrics did not answer"
grep -q '^jvm_' <<<"$metrics" || die "/metrics has no jvm_ series"
log "ok  /metrics: $(grep -vc '^#' <<<"$metrics") series lines"
page="$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' \
  "http://127.0.0.1:$http_port/")" || die "the map page / did not answer"
grep -qi '<html' <<<"$page" || die "the map page / is no HTML page"
log "ok  the map page / answers ($(wc -c <<<"$page") bytes of HTML)"
status="$(cat "/proc/$app_pid/status" 2>/dev/null)" || die "cannot read the app's /proc status"
[ "$(awk '/^Uid:/ {print $2}' <<<"$status")" = "$uid" ] || die "the app does not run as uid $uid"
[ "$(awk '/^NSpid:/ {print $NF}' <<<"$status")" = 1 ] || die "the app is not PID 1 of its namespace"
[ "$(tr '\0' ' ' < "/proc/$app_pid/cmdline" | cut -d' ' -f1)" = "${entrypoint[0]}" ] || die "pid $app_pid is not the entrypoint"
log "ok  the app is the entrypoint itself: uid $uid, PID 1 of its namespace (host pid $app_pid); stopping it with SIGTERM"
kill -TERM "$app_pid"
stop_rc=0
timeout 60 tail --pid="$namespace_pid" -f /dev/null || die "the app did not stop within 60 s of SIGTERM"
wait "$namespace_pid" || stop_rc=$?
app_pid=""
case "$stop_rc" in
  0|143) log "ok  stopped (exit $stop_rc)" ;;
  *) tail -40 "$work/app.log"; die "the app exited $stop_rc on SIGTERM" ;;
esac
if grep -nE 'Exception|ERROR' "$work/app.log" | grep -v 'DEBUG' | head -5 | grep -q .; then
  log "WARNING: the app's log has errors:"
  grep -nE 'Exception|ERROR' "$work/app.log" | head -10
fi
