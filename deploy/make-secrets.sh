#!/usr/bin/env bash
# Makes the secrets the MicroShift overlays generate their Secrets from (docs/deploy.md, docs/safety.md), once, on
# the machine that installs the overlays. Files land in the generated tree's git-ignored secrets/ folders, readable by
# their owner only; a file that exists already is kept, so running it again changes nothing and rotates nothing.
#   base/secrets/operator-token.env            the operator token (value=...), for capture, controller and console
#   overlays/edge/secrets/kafka-user-<service>.env   each service's SCRAM user (username=, password=) on the edge broker
#   overlays/edge/secrets/kafka-ca.{crt,key}   the CA the services trust for the broker (the key stays here)
#   overlays/edge/secrets/kafka.keystore.p12, kafka-keystore-password   the broker's key and certificate (PKCS#12)
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

edge="$tree/overlays/edge/secrets"
[ -d "$edge" ] || exit 0   # a tree without the edge broker's SASL set-up

# One SCRAM user per service the edge overlay names (secrets/kafka-user-<service>.env in its kustomization).
for service in $(grep -o 'secrets/kafka-user-[a-z0-9-]*\.env' "$tree/overlays/edge/kustomization.yaml" | sed 's#secrets/kafka-user-##; s#\.env$##'); do
  user() { printf 'username=%s\npassword=%s\n' "$service" "$(random_hex 24)"; }
  make_file "$edge/kafka-user-$service.env" user
done

# The broker's certificate names the Service every client dials (kafka:9092) and its longer forms.
if [ ! -e "$edge/kafka.keystore.p12" ]; then
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
  if [ ! -e "$edge/kafka-ca.crt" ]; then
    openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=crazytrain-kafka-ca" \
      -keyout "$edge/kafka-ca.key" -out "$edge/kafka-ca.crt" 2>/dev/null
    echo "made $edge/kafka-ca.crt (and its key)"
  fi
  random_hex 24 > "$edge/kafka-keystore-password"
  printf 'subjectAltName=DNS:kafka,DNS:kafka.crazytrain,DNS:kafka.crazytrain.svc,DNS:kafka.crazytrain.svc.cluster.local\nextendedKeyUsage=serverAuth\n' > "$work/san"
  openssl req -newkey rsa:3072 -nodes -subj "/CN=kafka" -keyout "$work/broker.key" -out "$work/broker.csr" 2>/dev/null
  openssl x509 -req -in "$work/broker.csr" -CA "$edge/kafka-ca.crt" -CAkey "$edge/kafka-ca.key" -CAcreateserial \
    -CAserial "$work/ca.srl" -days 825 -extfile "$work/san" -out "$work/broker.crt" 2>/dev/null
  openssl pkcs12 -export -in "$work/broker.crt" -inkey "$work/broker.key" -certfile "$edge/kafka-ca.crt" -name kafka \
    -out "$edge/kafka.keystore.p12" -passout "file:$edge/kafka-keystore-password"
  echo "made $edge/kafka.keystore.p12 and kafka-keystore-password"
else
  echo "kept $edge/kafka.keystore.p12"
fi
