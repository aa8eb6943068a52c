#!/usr/bin/env bash
# Measures the console under the running AppHost: its own view of fps/latency, and the cost of 1 vs 20 SSE browsers.
# Usage: start the app (dotnet run --project src/CrazyTrain.AppHost), wait until the console is live, then run this.
# Finds the console by its process name among loopback listeners.
set -u
port=$(ss -ltnp | grep '"CrazyTrain.Cons' | grep 127.0.0.1 | head -1 | awk '{print $4}' | sed 's/.*://')
pid=$(ss -ltnp | grep '"CrazyTrain.Cons' | grep 127.0.0.1 | head -1 | sed 's/.*pid=\([0-9]*\).*/\1/')
url="http://127.0.0.1:$port"
echo "console $url pid $pid"
cpu() { awk '{print $14+$15}' /proc/$pid/stat; }
tck=$(getconf CLK_TCK)
for n in 1 20; do
  rm -f /tmp/sse-*.out
  before=$(cpu)
  for i in $(seq 1 $n); do curl -sN -m 30 "$url/api/events" > /tmp/sse-$i.out 2>/dev/null & done
  wait
  after=$(cpu)
  bytes=$(cat /tmp/sse-*.out | wc -c)
  frames=$(grep -c '^event: frame' /tmp/sse-1.out)
  echo "clients=$n seconds=30 console_cpu_s=$(echo "scale=2; ($after-$before)/$tck" | bc) total_bytes=$bytes bytes_per_client_per_s=$((bytes / n / 30)) frame_events_client1=$frames"
done
curl -s "$url/api/state" | python3 -c "import json,sys; d=json.load(sys.stdin); print('pipeline', d['pipeline']); print('stream', d['stream']); print('capture', (d['services']['capture'].get('data') or {}).get('measuredFps'))"
