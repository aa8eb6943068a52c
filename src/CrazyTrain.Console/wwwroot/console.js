'use strict';
// The operator console page: vanilla JS, no build step. Live over Server-Sent Events, falling back to polling
// /api/state by itself; the badge says LIVE only while frames really arrive.
(() => {
  const STALL_MS = 2000;          // a frame older than this on the page means the stream is not live
  const EVENT_SILENCE_MS = 5000;  // the server sends something at least every 2 s; silence this long means events do not get through
  const POLL_MS = 1000;
  const RETRY_EVENTS_MS = 30000;  // while polling, try the event stream again this often
  const DETECTIONS_KEPT = 120;
  const ORDERS_SHOWN = 20;

  const $ = (id) => document.getElementById(id);
  const now = () => performance.now();

  const s = {
    transport: 'starting', es: null, trial: false, eventsSince: now(), lastEventAt: 0, lastEventId: null,
    pollTimer: null, pollingSince: 0, backendUp: null, backendError: null,
    frame: null, frameSeenAt: 0, fps: null,
    detections: new Map(), shownFrameId: null, bitmap: null, loading: false, wantFrameId: null,
    serverStatus: null, services: {}, orders: [], telemetry: {}, pipeline: {}, operator: { signedIn: false },
    ownActions: 0,
  };

  // ---- incoming state ----------------------------------------------------------------------------------------
  function applySnapshot(snap) {
    s.services = snap.services || {};
    s.telemetry = snap.telemetry || {};
    s.pipeline = snap.pipeline || {};
    s.operator = snap.operator || s.operator;
    s.serverStatus = snap.stream || null;
    s.orders = [];
    (snap.orders || []).forEach(addOrder);
    if (snap.detections) rememberDetections(snap.detections);
    if (snap.frameDetections) rememberDetections(snap.frameDetections);
    if (snap.frame) onFrame(snap.frame, false);
    if (snap.lastEventId) s.lastEventId = String(snap.lastEventId);
    renderAll();
  }

  function onFrame(info, fromEvent = true) {
    const isNew = !s.frame || info.frameId !== s.frame.frameId;
    if (isNew || fromEvent) {
      s.frame = info;
      s.frameSeenAt = isNew ? now() : s.frameSeenAt;
    }
    if (info.fps != null) s.fps = info.fps;
    if (isNew) requestFrame(info.frameId);
  }

  function rememberDetections(info) {
    s.detections.set(info.frameId, info);
    if (s.detections.size > DETECTIONS_KEPT) s.detections.delete(s.detections.keys().next().value);
    if (info.latencyMs != null) s.pipeline.latencyMs = info.latencyMs;
    if (info.frameId === s.shownFrameId) draw();
  }

  function count(name) {
    s.pipeline[name] = (s.pipeline[name] || 0) + 1;
  }

  function addOrder(order) {
    const key = `${order.time}|${order.action}`;
    if (s.orders.some((o) => `${o.time}|${o.action}` === key)) return;
    s.orders.push(order);
    s.orders.sort((a, b) => String(b.time).localeCompare(String(a.time)));
    s.orders.length = Math.min(s.orders.length, ORDERS_SHOWN);
  }

  const handlers = {
    snapshot: (d) => applySnapshot(d),
    // Counters come whole with each snapshot; between snapshots the events keep them current.
    frame: (d) => { count('framesReceived'); onFrame(d); },
    detections: (d) => { count('detectionsReceived'); rememberDetections(d); },
    order: (d) => { count('ordersReceived'); addOrder(d); renderOrders(); },
    telemetry: (d) => { s.telemetry[d.source] = d.data; renderTrain(); },
    service: (d) => { s.services[d.name] = d.status; renderTrain(); renderPipeline(); },
    status: (d) => { s.serverStatus = d; renderStatus(); },
    action: (d) => onActionAnnounced(d),
    heartbeat: () => {},
  };

  // ---- transport: events first, polling when events do not get through -----------------------------------------
  function connectEvents(trial) {
    if (s.es) s.es.close();
    const url = s.lastEventId ? `api/events?lastEventId=${encodeURIComponent(s.lastEventId)}` : 'api/events';
    const es = new EventSource(url);
    s.es = es;
    s.trial = trial;
    s.eventsSince = now();
    for (const type of Object.keys(handlers)) {
      es.addEventListener(type, (e) => {
        if (es !== s.es) return;
        s.lastEventAt = now();
        s.backendUp = true;
        if (e.lastEventId) s.lastEventId = e.lastEventId;
        if (s.transport !== 'events') useEvents();
        try { handlers[type](JSON.parse(e.data)); } catch (err) { console.error('bad event', type, err); }
      });
    }
    es.onerror = () => {
      // CONNECTING: the browser retries by itself with Last-Event-ID. CLOSED: the server refused the stream.
      if (es === s.es && es.readyState === EventSource.CLOSED && !s.trial) startPolling('the event stream was refused');
    };
    if (!trial) setTransport('events (connecting)');
  }

  function useEvents() {
    s.trial = false;
    stopPolling();
    setTransport('events');
  }

  function startPolling(why) {
    if (s.es && !s.trial) { s.es.close(); s.es = null; }
    if (!s.pollTimer) {
      s.pollTimer = setInterval(pollOnce, POLL_MS);
      s.pollingSince = now();
    }
    setTransport(`polling (${why})`);
    pollOnce();
  }

  function stopPolling() {
    if (s.pollTimer) clearInterval(s.pollTimer);
    s.pollTimer = null;
  }

  async function fetchState() {
    const res = await fetch('api/state', { cache: 'no-store' });
    if (!res.ok) throw new Error(`api/state answered ${res.status}`);
    return res.json();
  }

  async function pollOnce() {
    try {
      applySnapshot(await fetchState());
      s.backendUp = true;
    } catch (err) {
      s.backendUp = false;
      s.backendError = err.message;
    }
    renderStatus();
  }

  async function watchdog() {
    const t = now();
    if (s.es && (s.transport.startsWith('events') || s.trial) && t - Math.max(s.lastEventAt, s.eventsSince) > EVENT_SILENCE_MS) {
      if (s.trial) {
        s.es.close(); s.es = null; s.trial = false; s.pollingSince = t;
        return;
      }
      s.eventsSince = t;
      try {
        applySnapshot(await fetchState());
        s.backendUp = true;
        startPolling('no events for 5 s although the console answers; a proxy may be holding them back');
      } catch (err) {
        s.backendUp = false;
        s.backendError = err.message;
      }
    } else if (s.pollTimer && !s.es && t - s.pollingSince > RETRY_EVENTS_MS) {
      s.pollingSince = t;
      connectEvents(true);
    }
    renderStatus();
    renderCounters();
  }

  function setTransport(text) {
    s.transport = text;
    $('transport').textContent = `transport: ${text}`;
  }

  // ---- the camera image ------------------------------------------------------------------------------------------
  function requestFrame(id) {
    s.wantFrameId = id;
    if (!s.loading) loadFrame();
  }

  async function loadFrame() {
    s.loading = true;
    const id = s.wantFrameId;
    s.wantFrameId = null;
    try {
      const res = await fetch(`api/frames/latest.jpg?id=${encodeURIComponent(id)}`, { cache: 'no-store' });
      if (res.ok) {
        const served = Number(res.headers.get('X-Frame-Id'));
        const bitmap = await createImageBitmap(await res.blob());
        if (s.bitmap) s.bitmap.close();
        s.bitmap = bitmap;
        s.shownFrameId = served;
        draw();
      }
    } catch (err) {
      console.warn('frame not loaded', err);
    } finally {
      s.loading = false;
      // Only the newest wanted frame is fetched next: a slow link skips frames instead of queueing them.
      if (s.wantFrameId !== null && s.wantFrameId !== s.shownFrameId) loadFrame();
    }
  }

  const COLORS = { stop: '#c91a09', no_entry: '#ff5a36', speed_limit_30: '#0055bf', speed_limit_50: '#4c9aff', danger: '#f2cd37' };

  function draw() {
    const canvas = $('frame');
    if (!s.bitmap) return;
    if (canvas.width !== s.bitmap.width || canvas.height !== s.bitmap.height) {
      canvas.width = s.bitmap.width;
      canvas.height = s.bitmap.height;
    }
    const ctx = canvas.getContext('2d');
    ctx.drawImage(s.bitmap, 0, 0);
    $('frame-empty').hidden = true;
    $('frame-id').textContent = `#${s.shownFrameId}`;
    const info = s.detections.get(s.shownFrameId);
    if (!info) {
      $('frame-boxes').textContent = 'no detections for this frame (yet)';
      return;
    }
    const list = (info.report && info.report.detections) || [];
    const scale = canvas.width / 640;
    ctx.lineWidth = Math.max(2, 2 * scale);
    ctx.font = `${Math.round(14 * Math.max(1, scale))}px system-ui, sans-serif`;
    ctx.textBaseline = 'bottom';
    for (const d of list) {
      const b = d.box || {};
      const color = COLORS[d.label] || '#ffffff';
      ctx.strokeStyle = color;
      ctx.strokeRect(b.x, b.y, b.width, b.height);
      const label = `${d.label} ${Math.round((d.confidence || 0) * 100)}%`;
      const w = ctx.measureText(label).width + 6;
      const top = b.y > 18 ? b.y : b.y + b.height + 18;
      ctx.fillStyle = color;
      ctx.fillRect(b.x, top - 18, w, 18);
      ctx.fillStyle = color === '#f2cd37' || color === '#ffffff' ? '#05131d' : '#ffffff';
      ctx.fillText(label, b.x + 3, top - 2);
    }
    $('frame-boxes').textContent = list.length === 0 ? 'no signs in this frame'
      : `${list.length}: ${list.map((d) => `${d.label} ${Math.round((d.confidence || 0) * 100)}%`).join(', ')}`;
  }

  // ---- rendering -------------------------------------------------------------------------------------------------
  function effectiveStatus() {
    if (s.backendUp === false) return { state: 'down', reason: `console backend unreachable${s.backendError ? ': ' + s.backendError : ''}` };
    const server = s.serverStatus;
    if (!server) return { state: 'down', reason: 'waiting for the console backend' };
    const state = String(server.state).toLowerCase();
    const frameAge = s.frame ? now() - s.frameSeenAt : Infinity;
    if (state === 'live' && frameAge > STALL_MS) {
      // The server still sees frames but this page does not get them: say so rather than look alive.
      return { state: 'stalled', reason: `no frame reached this page for ${(frameAge / 1000).toFixed(1)} s` };
    }
    return { state, reason: server.reason || (state === 'live' ? 'frames arriving' : '') };
  }

  function renderStatus() {
    const st = effectiveStatus();
    const badge = $('stream');
    badge.className = `badge ${st.state}`;
    badge.dataset.state = st.state;
    $('stream-state').textContent = st.state.toUpperCase();
    $('stream-reason').textContent = st.reason;
    document.querySelector('.frame-wrap').classList.toggle('stale', st.state !== 'live');
    if (s.frame) {
      const age = (s.frame.ageMs || 0) + (now() - s.frameSeenAt);
      $('frame-age').textContent = formatAge(age);
    }
    $('fps').textContent = s.fps == null || st.state !== 'live' ? '–' : `${s.fps.toFixed(1)} /s`;
    const p = s.pipeline;
    $('latency').textContent = p.latencyMs == null ? '–' : `${Math.round(p.latencyMs)} ms${p.latencyAverageMs != null ? ` (avg ${Math.round(p.latencyAverageMs)} ms)` : ''}`;
    const warnings = (s.serverStatus && s.serverStatus.warnings) || [];
    const ul = $('warnings');
    ul.replaceChildren(...warnings.map((w) => { const li = document.createElement('li'); li.textContent = w; return li; }));
  }

  function formatAge(ms) {
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 120000) return `${(ms / 1000).toFixed(1)} s`;
    return `${Math.round(ms / 60000)} min`;
  }

  function data(name) {
    const st = s.services[name];
    return st && st.reachable ? st.data : null;
  }

  function renderTrain() {
    let train = data('train');
    let hub = train && train.hub;
    let via = '';
    const telemetry = s.telemetry.controller;
    if (!train && telemetry) {
      train = telemetry.train || null;
      hub = telemetry.hub || null;
      via = ' (from telemetry)';
    }
    const trainStatus = s.services.train;
    if (!train) {
      $('train-state').textContent = trainStatus && trainStatus.error ? `unknown: ${trainStatus.error}` : 'unknown';
      $('train-power').textContent = '–';
    } else {
      const c = train.speedCap;
      const cap = c == null ? '' : typeof c === 'object' ? `, cap ${c.power}% (${c.label})` : `, cap ${c}`;
      $('train-state').textContent = `${train.state}${train.awaitingOperator ? ' (awaiting operator)' : ''}${via}`;
      $('train-power').textContent = `${train.power ?? '–'}% (cruise ${train.cruisePower ?? '–'}%${cap})`;
    }
    if (!hub) {
      for (const id of ['hub-motor', 'hub-connection', 'hub-battery', 'hub-rssi']) $(id).textContent = '–';
    } else {
      $('hub-motor').textContent = hub.motorBraking ? 'brake' : hub.motorPower == null ? 'not reported' : `${hub.motorPower}%`;
      $('hub-connection').textContent = `${hub.connected ? 'connected' : 'DISCONNECTED'}${hub.name ? ' · ' + hub.name : ''}${hub.link ? ' · ' + hub.link : ''}${!hub.connected && hub.lastError ? ' · ' + hub.lastError : ''}`;
      $('hub-battery').textContent = hub.battery == null ? 'not reported' : `${hub.battery}%${hub.lowVoltage ? ' LOW' : ''}`;
      $('hub-rssi').textContent = hub.rssi == null ? 'not reported' : `${hub.rssi} dBm`;
    }
  }

  function renderPipeline() {
    const capture = s.services.capture;
    const c = data('capture');
    $('capture').textContent = c
      ? `${c.state} · ${c.source ?? ''} · ${c.measuredFps != null ? Number(c.measuredFps).toFixed(1) : '–'}/${c.targetFps ?? '–'} fps · ${c.framesPublished ?? 0} sent, ${c.framesDropped ?? 0} dropped${c.lastError ? ' · ' + c.lastError : ''}`
      : `unreachable${capture && capture.error ? ': ' + capture.error : ''}`;
    const model = s.services.model;
    const m = data('model');
    $('model').textContent = m ? `${m.name} ${m.version}${m.threshold != null ? ' · threshold ' + m.threshold : ''}` : `unknown${model && model.error ? ': ' + model.error : ''}`;
    $('provider').textContent = m && m.executionProvider ? m.executionProvider : '–';
    const broker = s.services.broker;
    $('broker').textContent = !broker || broker.checkedAt?.startsWith('0001') ? 'not checked yet' : broker.reachable ? 'reachable' : `DOWN: ${broker.error}`;
    renderCounters();
  }

  function renderCounters() {
    const p = s.pipeline;
    $('counters').textContent = `${p.framesReceived ?? 0} frames, ${p.detectionsReceived ?? 0} detections, ${p.ordersReceived ?? 0} orders, ${p.messagesRejected ?? 0} rejected · ${p.browsers ?? 0} browsers`;
  }

  function renderOrders() {
    const body = $('orders');
    if (s.orders.length === 0) {
      body.innerHTML = '<tr><td colspan="4">none yet</td></tr>';
      return;
    }
    body.replaceChildren(...s.orders.map((o) => {
      const tr = document.createElement('tr');
      const r = o.reason;
      const reason = r ? `${r.label} ${Math.round((r.confidence || 0) * 100)}% · frame #${r.frameId}` : 'operator';
      for (const text of [formatTime(o.time), o.action, o.power ?? '–', reason]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      return tr;
    }));
  }

  function formatTime(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
  }

  // Signed in or not is the server's word (the session cookie is HttpOnly); the emergency stop works either way.
  function renderOperator() {
    $('token-row').hidden = s.operator.signedIn;
    $('sign-out-row').hidden = !s.operator.signedIn;
  }

  function renderAll() {
    renderStatus(); renderTrain(); renderPipeline(); renderOrders(); renderOperator();
  }

  // ---- operator actions ------------------------------------------------------------------------------------------
  function showResult(text, ok) {
    const p = $('action-result');
    p.textContent = text;
    p.className = `action-result ${ok ? 'ok' : 'error'}`;
  }

  async function runAction(name, button) {
    const isStop = name === 'emergency-stop';
    if (!isStop) button.disabled = true;
    s.ownActions++;
    showResult(`${name}: sending…`, true);
    try {
      // Same-origin fetch: the browser adds the session cookie and the Origin the console checks.
      const res = await fetch(`api/actions/${name}`, { method: 'POST', credentials: 'same-origin' });
      let body = {};
      try { body = await res.json(); } catch { body = { error: `HTTP ${res.status}` }; }
      if (res.ok) {
        showResult(`${name}: done (${body.service} answered ${body.upstreamStatus} in ${Math.round(body.durationMs)} ms)`, true);
      } else {
        showResult(`${name} failed (${res.status}): ${body.error || 'no reason given'}`, false);
        if (res.status === 401) { s.operator.signedIn = false; renderOperator(); $('token').focus(); }
      }
    } catch (err) {
      showResult(`${name} failed: the console backend is unreachable (${err.message})`, false);
    } finally {
      button.disabled = false;
      s.ownActions--;
    }
  }

  function onActionAnnounced(a) {
    if (s.ownActions > 0) return;
    showResult(`${a.action} by ${a.by}: ${a.ok ? 'done' : 'failed: ' + (a.error || a.status)}`, a.ok);
  }

  // ---- start -----------------------------------------------------------------------------------------------------
  function start() {
    for (const button of document.querySelectorAll('button[data-action]')) {
      button.addEventListener('click', () => runAction(button.dataset.action, button));
    }
    renderAll();
    if ('EventSource' in window) connectEvents(false); else startPolling('this browser has no EventSource');
    setInterval(watchdog, 1000);
    setInterval(renderStatus, 250);
  }

  start();
})();
