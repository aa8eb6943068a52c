#!/usr/bin/env bash
# Proves the README's two commands on a fresh machine: builds a minimal Debian 12 root with debootstrap (minbase,
# plus ca-certificates, git and libicu72 that the .NET SDK needs), copies in this machine's .NET SDK, CA bundle
# and package-client settings (the registries as this workplace sets them up on every machine), clones this
# repository's committed branch, then inside the root:
#   1. dotnet run --project src/CrazyTrain.AppHost  until "Distributed application started" and every service's
#      /health answers 200 (capture, inference, controller, console, twin, hub-guard; kafka is healthy before they start), then
#      SIGTERM (the AppHost ignores SIGINT when it has no terminal);
#   2. dotnet test  (the README's test command, which prepares what the tests need itself).
# Reports the times, the test totals and every Debian package the two commands installed.
# Usage: sudo eng/fresh-machine-check.sh [ROOT_FOLDER]   (default /var/tmp/crazytrain-fresh-machine, replaced)
# Heavy: it restores, builds and tests the whole solution from nothing (about 30 minutes on a loaded 2-core box).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="${1:-/var/tmp/crazytrain-fresh-machine}"
report="$repo/artifacts/fresh-machine-check.txt"
inside=/root/CrazyTrain

[ "$(id -u)" -eq 0 ] || { echo "fresh-machine-check: run as root (debootstrap and chroot need it)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "fresh-machine-check: installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null; }

# This machine's Debian mirror (the first one its apt sources name).
mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
[ -n "$mirror" ] || mirror="$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list)"
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
branch="$(git -C "$repo" rev-parse --abbrev-ref HEAD)"

mkdir -p "$(dirname "$report")"
: > "$report"
say() { echo "$*" | tee -a "$report"; }
seconds_since() { echo $(( $(date +%s) - $1 )); }

stop_root() {
  # Processes still running inside the root (the AppHost's services, test hosts, dbus) hold its /dev.
  local comm pid
  for comm in /proc/[0-9]*/comm; do
    pid=${comm#/proc/}; pid=${pid%/comm}
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && kill -KILL "$pid" 2>/dev/null
  done
  sleep 1
  for mount in dev sys proc; do
    if mountpoint -q "$root/$mount"; then umount -R "$root/$mount" 2>/dev/null || umount -lR "$root/$mount"; fi
  done
}
trap stop_root EXIT

stop_root
# Never delete through a bind mount: /dev and /sys inside the root are this machine's own.
if grep -q " $root/" /proc/mounts; then
  echo "fresh-machine-check: $root still has mounts; unmount them first" >&2
  exit 1
fi
rm -rf --one-file-system "$root"
started=$(date +%s)
debootstrap --variant=minbase --include=ca-certificates,git,libicu72 bookworm "$root" "$mirror" >/dev/null
say "fresh-machine-check: $(date -u +%FT%TZ), branch $branch ($(git -C "$repo" rev-parse --short HEAD)), debootstrap minbase in $(seconds_since "$started") s"

mkdir -p "$root/usr/share/dotnet" "$root/root/.nuget/NuGet" "$root/etc/ssl/certs"
cp -a "$dotnet_root/." "$root/usr/share/dotnet/"
ln -sf /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# What every installed machine has and debootstrap does not write: the AppHost's orchestrator (DCP) and dashboard
# listen on "localhost".
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
# The package clients' settings as this workplace gives every machine (copied, not read).
[ -f /root/.nuget/NuGet/NuGet.Config ] && cp /root/.nuget/NuGet/NuGet.Config "$root/root/.nuget/NuGet/"
[ -f /root/.npmrc ] && cp /root/.npmrc "$root/root/.npmrc"
[ -f /etc/npmrc ] && cp /etc/npmrc "$root/etc/npmrc"
for conf in /etc/apt/apt.conf.d/99*; do [ -f "$conf" ] && cp "$conf" "$root/etc/apt/apt.conf.d/"; done
git clone -q --branch "$branch" "$repo" "$root$inside"

mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"

in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DOTNET_ROOT=/usr/share/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    ${NUGET_CERT_REVOCATION_MODE:+NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE} \
    bash -c "cd $inside && $1"
}
packages() { chroot "$root" dpkg-query -W -f='${Package}\n' | sort; }
packages > "$root/tmp/packages-before"

# 1. The whole train in simulation.
in_root "dotnet run --project src/CrazyTrain.AppHost > /tmp/apphost.log 2>&1 & echo \$! > /tmp/apphost.pid"
started=$(date +%s)
apphost_started="" all_healthy=""
pids_in_root() {
  # Processes whose name starts with $1 and that run inside the root (other checkouts on this box run the same names).
  local comm pid
  for comm in /proc/[0-9]*/comm; do
    pid=${comm#/proc/}; pid=${pid%/comm}
    grep -q "^$1" "$comm" 2>/dev/null && [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && echo "$pid"
  done
  return 0
}
service_healthy() {
  # Healthy when one of its loopback listeners answers GET /health with 200 (bash's /dev/tcp: the root has no curl).
  local pid inode port
  for pid in $(pids_in_root "$1"); do
    for inode in $(ls -l "/proc/$pid/fd" 2>/dev/null | sed -n 's/.*socket:\[\([0-9]*\)\]$/\1/p'); do
      for port in $(awk -v inode="$inode" '$4 == "0A" && $10 == inode {split($2, a, ":"); print a[2]}' /proc/net/tcp /proc/net/tcp6); do
        if timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$((16#$port)) && printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && head -n1 <&3" 2>/dev/null | grep -q " 200 "; then
          return 0
        fi
      done
    done
  done
  return 1
}
while [ -z "$all_healthy" ] && kill -0 "$(cat "$root/tmp/apphost.pid")" 2>/dev/null && [ "$(seconds_since "$started")" -lt 3600 ]; do
  if [ -z "$apphost_started" ] && grep -q "Distributed application started" "$root/tmp/apphost.log"; then
    apphost_started=$(seconds_since "$started")
  fi
  if [ -n "$apphost_started" ] && service_healthy CrazyTrain.Capt && service_healthy CrazyTrain.Infe \
     && service_healthy CrazyTrain.Cont && service_healthy CrazyTrain.Cons && service_healthy CrazyTrain.Twin \
     && service_healthy CrazyTrain.HubG; then
    all_healthy=$(seconds_since "$started")
  fi
  sleep 2
done
say "dotnet run --project src/CrazyTrain.AppHost: started after ${apphost_started:-never} s, all resources healthy after ${all_healthy:-never} s (restore + build + start)"
for pid in $(pids_in_root CrazyTrain.AppH); do kill -TERM "$pid" 2>/dev/null || true; done
for _ in $(seq 1 60); do [ -z "$(pids_in_root CrazyTrain.)" ] && break; sleep 1; done
kill "$(cat "$root/tmp/apphost.pid")" 2>/dev/null || true
[ -z "$all_healthy" ] && { say "AppHost log tail:"; tail -n 40 "$root/tmp/apphost.log" | tee -a "$report"; }

# 2. Every test.
started=$(date +%s)
set +e
in_root "dotnet test > /tmp/test.log 2>&1"
test_status=$?
set -e
totals=$(grep -E "^(Passed|Failed)!" "$root/tmp/test.log" | sed 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped", p, f, s}')
say "dotnet test: exit $test_status after $(seconds_since "$started") s: $totals"
grep -E "^(Passed|Failed)!|error" "$root/tmp/test.log" | grep -v "^ *at " | head -n 40 | tee -a "$report"

packages > "$root/tmp/packages-after"
say "installed by the two commands: $(comm -13 "$root/tmp/packages-before" "$root/tmp/packages-after" | wc -l) Debian packages, requested: $(grep -h "prepare-tests:" "$root/tmp/test.log" "$root/tmp/apphost.log" | sort -u | tr '\n' ' ')"
say "report: $report; logs: $root/tmp/apphost.log, $root/tmp/test.log"
[ "$test_status" -eq 0 ] && [ -n "$all_healthy" ]
