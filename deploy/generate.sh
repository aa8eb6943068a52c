#!/usr/bin/env bash
# Regenerates deploy/microshift from the AppHost. Run after any change to the AppHost's resources, settings or
# wiring, and commit the result: a test fails when deploy/microshift no longer matches the AppHost.
#   1. publishes the AppHost's manifest twice: as deployed (Kafka in the cluster) and with Kafka:Broker=External
#   2. runs src/CrazyTrain.Deploy, which writes deploy/microshift/{base,overlays/*} from both
# Usage: ./deploy/generate.sh [--check]   (--check: change nothing, exit 1 if deploy/microshift is stale)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Settings from the caller's shell would leak into the manifest; the deployment is described from defaults.
unset Kafka__Broker CrazyTrain__Mode ConnectionStrings__kafka

check=()
if [ "${1:-}" = "--check" ]; then check=(--check); fi

publish() { # $1: output file relative to the repository root, then AppHost arguments
  local output="$1"; shift
  rm -f "$output"
  # The manifest's output path is relative to the AppHost's folder; its project paths become relative to it.
  dotnet run --project src/CrazyTrain.AppHost --no-launch-profile -- \
    --publisher manifest --output-path "../../$output" "$@" >/dev/null
  [ -s "$output" ] || { echo "publishing the AppHost wrote no $output" >&2; exit 1; }
  echo "published $output"
}

manifests=deploy
if [ ${#check[@]} -gt 0 ]; then
  manifests=$(mktemp -d)
  trap 'rm -rf "$manifests"' EXIT
  mkdir -p "$manifests/deploy"
  publish_to() { local name="$1"; shift; dotnet run --project src/CrazyTrain.AppHost --no-launch-profile -- \
    --publisher manifest --output-path "$manifests/deploy/$name" "$@" >/dev/null; }
  publish_to aspire-manifest.json
  publish_to aspire-manifest.external-kafka.json --Kafka:Broker=External
  for name in aspire-manifest.json aspire-manifest.external-kafka.json; do
    # Project paths are written relative to the manifest; compare them as if it sat in deploy/.
    sed -i "s#\"path\": \"[^\"]*src/#\"path\": \"../src/#" "$manifests/deploy/$name"
    diff -u "deploy/$name" "$manifests/deploy/$name" || { echo "deploy/$name is stale; run ./deploy/generate.sh" >&2; exit 1; }
  done
else
  publish deploy/aspire-manifest.json
  publish deploy/aspire-manifest.external-kafka.json --Kafka:Broker=External
fi

dotnet run --project src/CrazyTrain.Deploy -- \
  --manifest deploy/aspire-manifest.json \
  --external-kafka-manifest deploy/aspire-manifest.external-kafka.json \
  --props src/Directory.Build.props \
  --output deploy/microshift "${check[@]}"
