#!/usr/bin/env bash
# Regenerates the test frames: a LEGO-coloured track scene with a stop sign, rendered as JPEG by Debian's chromium.
# The sign moves right between the frames, so a page showing them visibly changes.
set -euo pipefail
cd "$(dirname "$0")"
for i in 0 1; do
  sed -e "s/FRAME/FRAME $i/" -e "s/left:286px/left:$((286 + 40 * i))px/" scene.html > "/tmp/scene-$i.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=640,480 \
    --screenshot="$(pwd)/frame-$i.jpeg" "file:///tmp/scene-$i.html" 2>/dev/null
done
