'use strict';
// The twin's map (Simulation only): the track from above, its signs, and the train as an arrow along its heading.
// Polls the console's api/twin for the train; fetches the geometry (api/twin/map) again only when its version
// changes. No twin (404, Hardware): the map stays hidden. Twin down: a quiet "twin unavailable", nothing else.
(() => {
  const POLL_MS = 500;          // the train moves ~13 cm between polls at cruise: enough to follow it on a 3 m loop
  const MAP_CHECK_MS = 5000;    // ask whether the layout changed (304 when not) at least this often
  const MARGIN_CM = 8;
  const SVG = 'http://www.w3.org/2000/svg';
  // Sign colours by what the train does with them; distractors stay grey (the detector must ignore them).
  const SIGN_COLORS = { stop: '#c91a09', no_entry: '#ff5a36', speed_limit_30: '#0055bf', speed_limit_50: '#4c9aff', danger: '#f2cd37' };

  const $ = (id) => document.getElementById(id);
  const m = { seen: false, version: null, etag: null, notation: null, checkedAt: 0, timer: null, busy: false };

  const el = (name, attrs) => {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  };
  // Table y runs away from the operator; the screen's y runs down: flip it so the map looks like the table from above.
  const pt = (x, y) => `${x},${-y}`;

  function drawLayout(map) {
    const svg = $('twin-map');
    const b = map.bounds;
    svg.setAttribute('viewBox', `${b.minXCm - MARGIN_CM} ${-(b.maxYCm + MARGIN_CM)} ${b.maxXCm - b.minXCm + 2 * MARGIN_CM} ${b.maxYCm - b.minYCm + 2 * MARGIN_CM}`);
    const points = map.centreLine.map((p) => pt(p[0], p[1])).join(' ');
    const signs = map.signs.map((sign) => {
      const g = el('g', { class: `twin-sign${sign.target ? ' target' : ''}`, 'data-label': sign.label });
      g.appendChild(el('circle', { cx: sign.xCm, cy: -sign.yCm, r: 2.6, fill: SIGN_COLORS[sign.label] || '#a0a5a9' }));
      const name = el('text', { x: sign.xCm + 3.5, y: -sign.yCm + 1.4, class: 'twin-sign-label' });
      name.textContent = sign.label;
      g.appendChild(name);
      const title = el('title', {});
      title.textContent = `${sign.label} at ${sign.positionCm} cm (${sign.side})`;
      g.appendChild(title);
      return g;
    });
    const train = el('g', { id: 'twin-train' });
    // An arrow pointing along +x, turned to the train's heading at each poll.
    train.appendChild(el('polygon', { points: '5,0 -4,3.6 -2,0 -4,-3.6', class: 'twin-train-marker' }));
    svg.replaceChildren(
      el('polygon', { id: 'twin-track', points, class: 'twin-track', 'stroke-width': map.trackWidthCm }),
      el('polygon', { points, class: 'twin-rail' }),
      ...signs,
      train);
    m.version = map.version;
    m.notation = map.notation;
    $('twin-layout').textContent = `${map.notation} · ${map.lengthCm.toFixed(1)} cm · ${map.signs.length} sign${map.signs.length === 1 ? '' : 's'}`;
  }

  function drawTrain(state) {
    const t = state.train;
    const marker = $('twin-train');
    if (marker && t) {
      const degrees = -(t.heading * 180) / Math.PI;
      marker.setAttribute('transform', `translate(${t.xCm} ${-t.yCm}) rotate(${degrees.toFixed(1)})`);
      marker.dataset.x = t.xCm;
      marker.dataset.y = t.yCm;
    }
    $('twin-speed').textContent = t ? `${t.speedCmPerS.toFixed(1)} cm/s · ${t.positionCm.toFixed(1)} cm, lap ${t.lap}` : '–';
    const next = state.nextSign;
    $('twin-next').textContent = next ? `${next.label} in ${next.distanceCm.toFixed(1)} cm` : 'none';
    const hub = state.hub;
    $('twin-hub').textContent = !hub ? '–' : !hub.connected ? 'no controller'
      : hub.motorPower === 127 ? 'brake' : hub.motorPower === 0 ? 'float' : `${hub.motorPower}%`;
  }

  // data-state says what the map shows: live, unavailable (the twin is away) or none (no twin in this mode).
  function quiet(text) {
    const p = $('twin-status');
    p.textContent = text;
    p.hidden = !text;
    $('twin').classList.toggle('stale', Boolean(text));
    $('twin').dataset.state = text ? 'unavailable' : 'live';
  }

  async function checkMap(force) {
    if (!force && performance.now() - m.checkedAt < MAP_CHECK_MS) return true;
    const res = await fetch('api/twin/map', { headers: m.etag ? { 'If-None-Match': m.etag } : {}, cache: 'no-store' });
    if (res.status === 404) return false;
    if (res.status === 304) { m.checkedAt = performance.now(); return true; }
    if (!res.ok) throw new Error(`map: ${res.status}`);
    const map = await res.json();
    m.etag = res.headers.get('ETag');
    m.checkedAt = performance.now();
    if (map.version !== m.version) drawLayout(map);
    return true;
  }

  async function poll() {
    if (m.busy) return;
    m.busy = true;
    try {
      const res = await fetch('api/twin', { cache: 'no-store' });
      if (res.status === 404) { stop(); return; }
      // The console has a twin (Simulation): from now on the map has its place, even while the twin is away.
      m.seen = true;
      $('twin').hidden = false;
      if (!res.ok) throw new Error(`state: ${res.status}`);
      const state = await res.json();
      // A new layout (an episode swapped it) shows in the state's summary before the next periodic check.
      const changed = state.layout && m.notation !== null && state.layout.notation !== m.notation;
      if (!(await checkMap(m.version === null || changed))) { stop(); return; }
      drawTrain(state);
      quiet('');
    } catch {
      // The twin or the console is away: say so quietly; the camera view and the controls matter more.
      if (m.seen) quiet('twin unavailable');
    } finally {
      m.busy = false;
    }
  }

  // No twin in this mode: the map is not part of this train.
  function stop() {
    clearInterval(m.timer);
    $('twin').hidden = true;
    $('twin').dataset.state = 'none';
  }

  m.timer = setInterval(poll, POLL_MS);
  poll();
})();
