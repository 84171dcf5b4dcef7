#!/usr/bin/env bash
# Builds the offline base image of Kawamori's container: a minimal Java 17 runtime image, as a
# docker-archive tarball (the `docker save` format that Jib reads with `tar://`), from this machine's
# own parts only, so that no container registry is needed.
#
#   layer 1 "os":   the glibc, libz, libstdc++ ... shared libraries the runtime and the app's bundled
#                   native code (RocksDB, JNA) need (found with ldd), /etc/passwd and /etc/group with
#                   user 65532 'nonroot', /etc/nsswitch.conf, /tmp (1777), /home/nonroot, the CA
#                   bundle /etc/ssl/certs/ca-certificates.crt, glibc's C.UTF-8 locale, and the
#                   zoneinfo of UTC and Asia/Tokyo (Java has its own tzdb; these are for native code)
#   layer 2 "java": /opt/java, a jlink'd runtime of the local JDK 17 with the modules that
#                   `jdeps --print-module-deps` finds in the shaded jar, plus the ones loaded only by
#                   name (EC crypto, zipfs, charsets, DNS, ...); its cacerts is the machine's
#                   Java trust store (/etc/ssl/certs/java/cacerts, the same CAs as the PEM bundle)
#
# The tarball is reproducible for the same inputs: sorted entries, numeric owners, mtime
# 1970-01-01T00:00:01Z, and no CDS archive (JDK 17 does not dump one byte for byte the same twice).
#
# Usage: deploy/image/base-image.sh [--jar deploy/target/kawamori.jar] [--out deploy/target/image-base]
# Environment:
#   KAWAMORI_IMAGE_JDK      JDK with jmods to jlink from (default: the machine's OpenJDK 17)
#   KAWAMORI_IMAGE_MODULES  comma-separated modules instead of running jdeps (about a minute on the jar)
# Output: OUT/kawamori-base.tar (image kawamori/java-base:17), OUT/modules.txt
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
deploy="$(dirname "$here")"
jar="$deploy/target/kawamori.jar"
out="$deploy/target/image-base"
while (($#)); do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "base-image.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

log() { printf '[base-image] %s\n' "$*"; }
die() { printf '[base-image] FAILED: %s\n' "$*" >&2; exit 1; }

# Modules no static analysis sees: providers looked up by name or through ServiceLoader.
extra_modules=(
  jdk.crypto.ec      # SunEC: EC keys, ECDHE in TLS/DTLS (gateway HTTPS, CoAP over DTLS)
  jdk.zipfs          # the zip file system provider
  jdk.charsets       # Shift_JIS, EUC-JP, windows-31j and the other non-standard charsets
  jdk.localedata     # locale data beyond English (cut to en and ja below)
  jdk.naming.dns     # JNDI DNS lookups
  jdk.net            # extended socket options
  jdk.management     # platform MXBeans (process CPU, memory) for the metrics
  jdk.unsupported    # sun.misc.Unsafe (Netty, ...)
  java.naming
  java.instrument    # Java agents (-javaagent), e.g. for tracing
)
# Libraries the app's own native code loads (RocksDB of the embedded broker: libstdc++ and glibc's
# compatibility stubs), beyond what the runtime's own .so files need.
extra_libs=(libstdc++.so.6 libgcc_s.so.1 libpthread.so.0 libdl.so.2 librt.so.1 libm.so.6)
# Runtime files that can never work in a headless container (X11, sound, splash screen): left out,
# so that their X11/ALSA libraries are not needed.
headful_files='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so'

[ "$(uname -m)" = x86_64 ] || die "builds an amd64 base image; this machine is $(uname -m)"
multiarch=x86_64-linux-gnu

# --- the JDK to link from
jdk="${KAWAMORI_IMAGE_JDK:-}"
if [ -z "$jdk" ]; then
  for candidate in /usr/lib/jvm/java-17-openjdk-amd64 "${JAVA_HOME:-}"; do
    if [ -n "$candidate" ] && [ -f "$candidate/jmods/java.base.jmod" ]; then jdk="$candidate"; break; fi
  done
fi
[ -n "$jdk" ] && [ -f "$jdk/jmods/java.base.jmod" ] \
  || die "no JDK with jmods found (set KAWAMORI_IMAGE_JDK; Debian: apt-get install openjdk-17-jdk-headless)"
jdk_version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
case "$jdk_version" in 17|17.*) ;; *) die "$jdk is Java $jdk_version; the image runs Java 17" ;; esac
[ -f "$jar" ] || die "no $jar: run 'mvn package' of deploy first"
log "JDK $jdk ($jdk_version), jar $jar"

mkdir -p "$out"
work="$out/work"
rm -rf "$work"
mkdir -p "$work"

# --- modules: jdeps on the shaded jar, plus the extras. jdeps takes about a minute, so its answer is
# kept for the jar's content: every entry's name, size and CRC-32 (not its time stamp, which a
# rebuild of the same code changes).
if [ -n "${KAWAMORI_IMAGE_MODULES:-}" ]; then
  found="$KAWAMORI_IMAGE_MODULES"
  log "modules from KAWAMORI_IMAGE_MODULES"
else
  if command -v unzip >/dev/null; then
    jar_sum="$(unzip -v "$jar" | awk '$7 ~ /^[0-9a-f]{8}$/ {$5 = ""; $6 = ""; print}' | sort | sha256sum | cut -d' ' -f1)"
  else
    jar_sum="$(sha256sum "$jar" | cut -d' ' -f1)"
  fi
  cache="$out/jdeps-$jar_sum.txt"
  cached=yes
  if [ ! -s "$cache" ]; then
    cached=""
    log "jdeps --print-module-deps on the jar (about a minute) ..."
    rm -f "$out"/jdeps-*.txt
    "$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" > "$cache.tmp" \
      || die "jdeps failed"
    tail -1 "$cache.tmp" > "$cache" && rm -f "$cache.tmp"
  fi
  found="$(cat "$cache")"
  [[ "$found" == java.base* ]] || die "jdeps printed no module list: '$found'"
  log "jdeps: $found${cached:+ (kept from an earlier run for the same jar content)}"
fi
modules="$(printf '%s\n' ${found//,/ } "${extra_modules[@]}" | sort -u | paste -sd, -)"
echo "$modules" > "$out/modules.txt"
log "modules: $modules"

# --- layer 2: the Java runtime
java_root="$work/java"
mkdir -p "$java_root/opt"
"$jdk/bin/jlink" \
  --module-path "$jdk/jmods" \
  --add-modules "$modules" \
  --include-locales=en,ja \
  --exclude-files="$headful_files" \
  --strip-debug --no-man-pages --no-header-files \
  --output "$java_root/opt/java" || die "jlink failed"
runtime="$java_root/opt/java"
# Debian's own JDK links lib/security/cacerts to the trust store ca-certificates-java keeps in step
# with /etc/ssl/certs; the image gets a copy of that store (without it: the JDK build's own list).
if [ -f /etc/ssl/certs/java/cacerts ]; then
  cp -L /etc/ssl/certs/java/cacerts "$runtime/lib/security/cacerts"
fi
chmod -R u+w,go-w,a+rX "$runtime"
"$runtime/bin/java" -version >/dev/null 2>&1 || die "the linked runtime does not start"

# --- layer 1: OS files
os_root="$work/os"
mkdir -p "$os_root"/{etc/ssl/certs,tmp,root,home/nonroot,usr/bin,usr/lib/$multiarch,usr/lib64,usr/lib/locale,usr/share/zoneinfo/Etc,usr/share/zoneinfo/Asia}
ln -s usr/bin "$os_root/bin"
ln -s usr/lib "$os_root/lib"
ln -s usr/lib64 "$os_root/lib64"
chmod 1777 "$os_root/tmp"
chmod 700 "$os_root/root" "$os_root/home/nonroot"

# Shared libraries: everything the runtime's ELF files need, and the extras, resolved by ldd on
# this machine and copied under their soname into /usr/lib/x86_64-linux-gnu.
needed="$work/needed.txt"
: > "$needed"
export LD_LIBRARY_PATH="$runtime/lib:$runtime/lib/server"
while IFS= read -r -d '' elf; do
  magic=""
  IFS= read -r -n4 magic < "$elf" || true
  if [[ "$magic" == $'\x7f'ELF ]]; then
    ldd_out="$(ldd "$elf" 2>&1)" || die "ldd $elf: $ldd_out"
    if grep -q 'not found' <<<"$ldd_out"; then die "$elf needs a library this machine lacks: $ldd_out"; fi
    awk '$2 == "=>" && $3 ~ /^\// {print $1, $3} $1 ~ /^\/.*ld-linux/ {print "ld-linux-x86-64.so.2", $1}' <<<"$ldd_out" >> "$needed"
  fi
done < <(find "$runtime" -type f -print0)
ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
for lib in "${extra_libs[@]}"; do
  path="$("$ldconfig" -p | awk -v l="$lib" '$1 == l && /x86-64/ && !seen++ {print $NF}')"
  [ -n "$path" ] || die "library $lib not found on this machine"
  echo "$lib $path" >> "$needed"
  ldd "$path" | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}' >> "$needed"
done
unset LD_LIBRARY_PATH
sort -u "$needed" | while read -r soname path; do
  case "$path" in "$runtime"/*) continue ;; esac     # the runtime's own libraries stay where they are
  cp -L "$path" "$os_root/usr/lib/$multiarch/$soname"
done
[ -f "$os_root/usr/lib/$multiarch/ld-linux-x86-64.so.2" ] || die "the dynamic loader was not found by ldd"
ln -s "../lib/$multiarch/ld-linux-x86-64.so.2" "$os_root/usr/lib64/ld-linux-x86-64.so.2"
chmod 755 "$os_root/usr/lib/$multiarch"/*

cat > "$os_root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
cat > "$os_root/etc/group" <<'EOF'
root:x:0:
nobody:x:65534:
nonroot:x:65532:
EOF
cat > "$os_root/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
shadow: files
hosts: files dns
networks: files
protocols: files
services: files
EOF
cat > "$os_root/etc/os-release" <<EOF
PRETTY_NAME="Kawamori Java runtime (libraries of $(. /etc/os-release && echo "$PRETTY_NAME"))"
NAME="kawamori-java-base"
ID=kawamori-java-base
EOF
[ -s /etc/ssl/certs/ca-certificates.crt ] || die "no /etc/ssl/certs/ca-certificates.crt (apt-get install ca-certificates)"
cp -L /etc/ssl/certs/ca-certificates.crt "$os_root/etc/ssl/certs/ca-certificates.crt"
[ -d /usr/lib/locale/C.utf8 ] || die "no /usr/lib/locale/C.utf8 (glibc's C.UTF-8 locale, package libc-bin)"
cp -rL /usr/lib/locale/C.utf8 "$os_root/usr/lib/locale/C.utf8"
cp -L /usr/share/zoneinfo/Etc/UTC "$os_root/usr/share/zoneinfo/Etc/UTC"
cp -L /usr/share/zoneinfo/Asia/Tokyo "$os_root/usr/share/zoneinfo/Asia/Tokyo"
ln -s Etc/UTC "$os_root/usr/share/zoneinfo/UTC"
ln -s ../usr/share/zoneinfo/Etc/UTC "$os_root/etc/localtime"
chmod -R go-w,a+rX "$os_root/etc" "$os_root/usr"

# --- the layers: deterministic tars; /home/nonroot appended as 65532's
tar_flags=(--format=gnu --sort=name --numeric-owner --mtime=@1 --hard-dereference)
tar -C "$java_root" -cf "$work/java.tar" "${tar_flags[@]}" --owner=0 --group=0 .
tar -C "$os_root" -cf "$work/os.tar" "${tar_flags[@]}" --owner=0 --group=0 --exclude=./home/nonroot .
tar -C "$os_root" -rf "$work/os.tar" "${tar_flags[@]}" --owner=65532 --group=65532 --no-recursion ./home/nonroot

# --- the docker-archive: manifest.json, the config, one folder per layer
archive="$work/archive"
mkdir -p "$archive"
layers_json=""
diff_ids_json=""
history_json=""
for layer in os java; do
  sum="$(sha256sum "$work/$layer.tar" | cut -d' ' -f1)"
  mkdir -p "$archive/$sum"
  mv "$work/$layer.tar" "$archive/$sum/layer.tar"
  layers_json+="${layers_json:+,}\"$sum/layer.tar\""
  diff_ids_json+="${diff_ids_json:+,}\"sha256:$sum\""
  history_json+="${history_json:+,}{\"created\":\"1970-01-01T00:00:01Z\",\"created_by\":\"deploy/image/base-image.sh: $layer\"}"
done
java_release="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$runtime/release")"
cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:01Z",
"config":{"User":"65532:65532","Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","JAVA_VERSION=$java_release","LANG=C.UTF-8"],
"Cmd":["java","-version"],"WorkingDir":"/",
"Labels":{"org.opencontainers.image.title":"kawamori-java-base","org.opencontainers.image.description":"Minimal Java $java_release runtime (jlink) on the shared libraries of the build machine","org.opencontainers.image.version":"$java_release"}},
"rootfs":{"type":"layers","diff_ids":[$diff_ids_json]},
"history":[$history_json]}
EOF
config_sum="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$archive/$config_sum.json"
printf '[{"Config":"%s.json","RepoTags":["kawamori/java-base:17"],"Layers":[%s]}]\n' "$config_sum" "$layers_json" \
  > "$archive/manifest.json"
# member names without "./": Jib's tar:// reader refuses a "./" entry ("Blocked unzipping files
# outside destination")
(cd "$archive" && tar -cf "$out/kawamori-base.tar.tmp" "${tar_flags[@]}" --owner=0 --group=0 -- *)
mv "$out/kawamori-base.tar.tmp" "$out/kawamori-base.tar"
rm -rf "$work"
log "wrote $out/kawamori-base.tar ($(du -h "$out/kawamori-base.tar" | cut -f1), config sha256:$config_sum)"
