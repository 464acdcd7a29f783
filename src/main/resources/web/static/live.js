// The live test screen: a moving chart of the rig's current run from /api/rigs/{id}/live
// (server-sent events, one 'reading' per committed reading), the latest readings, and the open
// session's outcomes from /api/quality/sessions/{id}. Plain SVG, no library.
(function () {
  'use strict';
  var root = document.getElementById('live');
  if (!root) { return; }
  var rig = root.dataset.rig;
  var sessionId = root.dataset.session;
  var locale = root.dataset.lang === 'fa' ? 'fa-IR' : 'en-GB';
  var num = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  var W = 720, H = 300, PAD = 12, KEEP = 120, MAX_SERIES = 4, ROWS = 15;
  var COLOURS = ['#0a4f9e', '#b3261e', '#1b7f3b', '#8a5a00'];
  var svg = root.querySelector('[data-testid=chart]');
  var legend = root.querySelector('[data-testid=chart-legend]');
  var rowsBody = root.querySelector('[data-testid=readings]');
  var state = root.querySelector('[data-testid=live-state]');
  var countEl = root.querySelector('[data-testid=live-count]');
  var series = {};   // name -> {unit, points: [value...], colour}
  var order = [];
  var seen = {};     // sequence or receive time -> true, so the seed and the stream never double a point
  var count = 0;
  var NS = 'http://www.w3.org/2000/svg';

  function key(r) { return r.sequence != null ? 's' + r.sequence : 't' + r.receivedAt; }

  function add(reading) {
    var k = key(reading);
    if (seen[k]) { return false; }
    seen[k] = true;
    count++;
    (reading.measurements || []).forEach(function (m) {
      var s = series[m.name];
      if (!s) {
        if (order.length >= MAX_SERIES) { return; }
        s = series[m.name] = { unit: m.unit || '', points: [], colour: COLOURS[order.length] };
        order.push(m.name);
      }
      s.points.push(m.value);
      if (s.points.length > KEEP) { s.points.shift(); }
    });
    addRow(reading);
    return true;
  }

  function cell(tr, text, ltr) {
    var td = document.createElement('td');
    td.textContent = text;
    if (ltr) { td.dir = 'ltr'; }
    tr.appendChild(td);
  }

  function addRow(r) {
    var tr = document.createElement('tr');
    tr.dataset.sequence = r.sequence != null ? r.sequence : '';
    cell(tr, r.sequence != null ? num.format(r.sequence) : '—');
    cell(tr, r.receivedAt ? new Date(r.receivedAt).toLocaleTimeString(locale) : '—');
    var values = (r.measurements || []).slice(0, 8).map(function (m) {
      return m.name + ' = ' + num.format(m.value) + (m.unit ? ' ' + m.unit : '');
    });
    if ((r.measurements || []).length > 8) { values.push('… +' + (r.measurements.length - 8)); }
    (r.events || []).forEach(function (e) { values.push('⚑ ' + e.kind + (e.code ? ' ' + e.code : '')); });
    cell(tr, values.join(' · '), true);
    rowsBody.insertBefore(tr, rowsBody.firstChild);
    while (rowsBody.children.length > ROWS) { rowsBody.removeChild(rowsBody.lastChild); }
  }

  function draw() {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    for (var g = 1; g < 4; g++) {
      var line = document.createElementNS(NS, 'line');
      line.setAttribute('x1', 0); line.setAttribute('x2', W);
      line.setAttribute('y1', g * H / 4); line.setAttribute('y2', g * H / 4);
      line.setAttribute('class', 'grid');
      svg.appendChild(line);
    }
    legend.textContent = '';
    order.forEach(function (name) {
      var s = series[name], pts = s.points;
      if (!pts.length) { return; }
      var lo = Math.min.apply(null, pts), hi = Math.max.apply(null, pts);
      var span = hi - lo || Math.abs(hi) || 1;
      // Fewer points than the window holds spread over the full width; then the run scrolls.
      var coords = pts.map(function (v, i) {
        var x = pts.length === 1 ? W : i * W / (pts.length - 1);
        var y = hi === lo ? H / 2 : H - PAD - (v - lo) / span * (H - 2 * PAD);
        return x.toFixed(1) + ',' + y.toFixed(1);
      });
      var poly = document.createElementNS(NS, 'polyline');
      poly.setAttribute('points', coords.join(' '));
      poly.setAttribute('stroke', s.colour);
      poly.setAttribute('data-series', name);
      svg.appendChild(poly);
      var item = document.createElement('span');
      item.className = 'legend-item';
      item.dataset.series = name;
      item.style.borderColor = s.colour;
      item.innerHTML = '';
      var label = document.createElement('bdi');
      label.textContent = name;
      var value = document.createElement('strong');
      value.dir = 'ltr';
      value.dataset.testid = 'latest-' + name;
      value.textContent = num.format(pts[pts.length - 1]) + (s.unit ? ' ' + s.unit : '');
      var range = document.createElement('span');
      range.className = 'muted';
      range.dir = 'ltr';
      range.textContent = num.format(lo) + ' … ' + num.format(hi);
      item.appendChild(label); item.appendChild(value); item.appendChild(range);
      legend.appendChild(item);
    });
    countEl.textContent = num.format(count);
  }

  // The pill follows the rule of /rigs (Rigs.status): a serial rig is online while its port is
  // open; an MQTT rig while its last frame is younger than the heartbeat timeout. A reading
  // arriving proves the rig online and, for an MQTT rig, starts that timeout here; the server's
  // word (polled) settles everything else, e.g. a serial port that closed, or a rig behind a
  // gateway that is up with its port open but sends nothing (stalled).
  var heartbeatMs = parseInt(root.dataset.heartbeatMs, 10) || 60000;
  var offlineTimer = null;
  function setStatus(status) {
    var pill = document.querySelector('[data-testid=rig-status]');
    var text = status === 'online' ? root.dataset.textOnline
      : status === 'stalled' ? root.dataset.textStalled : root.dataset.textOffline;
    if (pill && text) {
      pill.textContent = text;
      pill.className = 'status status-' + status;
      pill.dataset.status = status;
    }
  }
  var lastReadingAt = 0;
  function online() {
    lastReadingAt = Date.now();
    setStatus('online');
    if (root.dataset.transport === 'mqtt') {
      clearTimeout(offlineTimer);
      offlineTimer = setTimeout(function () { setStatus('offline'); }, heartbeatMs);
    }
  }
  function pollStatus() {
    fetch('/api/rigs/' + encodeURIComponent(rig), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (v) {
        if (!v || (v.status !== 'online' && v.status !== 'offline' && v.status !== 'stalled')) { return; }
        // An answer computed just before a reading that arrived meanwhile must not undo it.
        var fresh = root.dataset.transport === 'mqtt' && Date.now() - lastReadingAt < heartbeatMs;
        if (v.status !== 'online' && fresh) { return; }
        setStatus(v.status);
      })
      .catch(function () { /* the next poll tries again */ });
  }

  var pending = false;
  function redraw() {
    if (pending) { return; }
    pending = true;
    requestAnimationFrame(function () { pending = false; draw(); });
  }

  function outcomes() {
    if (!sessionId) { return; }
    var texts = document.getElementById('outcome-texts').dataset;
    fetch('/api/quality/sessions/' + encodeURIComponent(sessionId), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { return; }
        var word = function (o) { return texts['text' + o.charAt(0).toUpperCase() + o.slice(1)] || o; };
        var outcome = root.querySelector('[data-testid=session-outcome]');
        var o = s.liveOutcome || (s.live && s.live.outcome) || '';
        outcome.textContent = o ? word(o) : '—';
        outcome.className = 'outcome outcome-' + o;
        if (s.verdictId != null) { outcome.textContent += ' · ' + texts.textVerdict; }
        var body = root.querySelector('[data-testid=outcomes]');
        body.textContent = '';
        ((s.live && s.live.measurements) || []).forEach(function (m) {
          var tr = document.createElement('tr');
          tr.dataset.measurement = m.name;
          cell(tr, m.name, true);
          cell(tr, m.value != null ? num.format(m.value) + ' ' + (m.unit || '') : '—', true);
          cell(tr, (m.lower != null ? num.format(m.lower) : '…') + ' – ' + (m.upper != null ? num.format(m.upper) : '…'), true);
          cell(tr, m.outcome ? word(m.outcome) : '—');
          tr.className = 'outcome-' + (m.outcome || '');
          body.appendChild(tr);
        });
      })
      .catch(function () { /* the next poll tries again */ });
  }

  // Seed with the stored run so the chart is not empty on arrival; the stream then moves it.
  fetch('/api/rigs/' + encodeURIComponent(rig) + '/readings?limit=' + KEEP, { headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (list) { list.slice().reverse().forEach(add); redraw(); })
    .catch(function () { /* the stream still works */ })
    .then(function () {
      var source = new EventSource('/api/rigs/' + encodeURIComponent(rig) + '/live');
      source.onopen = function () { state.textContent = root.dataset.textConnected; root.dataset.connected = 'true'; };
      source.onerror = function () { state.textContent = root.dataset.textLost; root.dataset.connected = 'false'; };
      source.addEventListener('reading', function (e) {
        if (add(JSON.parse(e.data))) { online(); redraw(); }
      });
    });
  outcomes();
  if (sessionId) { setInterval(outcomes, 3000); }
  setInterval(pollStatus, Math.max(1000, Math.min(5000, heartbeatMs / 2)));
}());
