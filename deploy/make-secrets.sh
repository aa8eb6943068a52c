#!/usr/bin/env bash
# Makes the secrets the MicroShift overlays generate their Secrets from (docs/deploy.md, docs/safety.md), once, on
# the machine that installs the overlays. Files land in the generated tree's git-ignored secrets/ folders, readable by
# their owner only; a file that exists already is kept, so running it again changes nothing and rotates nothing.
#   base/secrets/operator-token.env    the operator token (value=...), for capture, controller and console
# Usage: ./deploy/make-secrets.sh [microshift-folder]   (default: deploy/microshift next to this script)
set -euo pipefail
tree="${1:-$(dirname "$0")/microshift}"
[ -f "$tree/base/kustomization.yaml" ] || { echo "$tree is not a generated deploy/microshift tree (no base/kustomization.yaml)" >&2; exit 2; }
umask 077

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

make_file() { # $1: path, then the command that prints its content
  local path="$1"; shift
  if [ -e "$path" ]; then echo "kept $path"; return; fi
  mkdir -p "$(dirname "$path")"
  "$@" > "$path.tmp" && mv "$path.tmp" "$path"
  echo "made $path"
}

operator_token() { echo "value=$(random_hex 24)"; }

make_file "$tree/base/secrets/operator-token.env" operator_token
