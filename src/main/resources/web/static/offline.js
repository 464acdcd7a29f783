// The tablet's queue of taps (floor steps, and any form marked data-queue): each tap gets an id
// and its time when it is tapped and is kept in this tablet's storage until the server has
// answered it, so a tap made while the Wi-Fi or the server is down is sent, in order, once the
// connection is back. The server applies each id once and answers a resend with its first answer.
(function () {
  'use strict';
  var KEY = 'tavan.queue';
  var box = document.getElementById('queue');
  if (!box) {
    return;
  }
  var me = box.dataset.user;
  var texts = box.dataset;
  var sending = false;
  var sentHere = null;

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/static/offline-worker.js', { scope: '/' }).catch(function () {
      // Without the worker the queue still keeps taps; only pages not open stay unreachable offline.
    });
  }

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY) || '[]');
    } catch (e) {
      return [];
    }
  }

  function save(items) {
    window.localStorage.setItem(KEY, JSON.stringify(items));
  }

  function newId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function actionText(item) {
    return texts['text' + item.action.charAt(0).toUpperCase() + item.action.slice(1)] || item.label || item.action;
  }

  function render() {
    var items = load();
    var list = box.querySelector('.queue-items');
    list.textContent = '';
    var waiting = 0;
    items.forEach(function (item) {
      var li = document.createElement('li');
      li.dataset.actionId = item.id;
      li.dataset.state = item.state;
      li.dataset.serial = item.subject;
      li.dataset.action = item.action;
      var what = document.createElement('span');
      what.textContent = actionText(item) + ' · ';
      var code = document.createElement('bdi');
      code.className = 'code';
      code.dir = 'ltr';
      code.textContent = item.subject;
      var status = document.createElement('span');
      status.className = 'queue-status';
      if (item.state === 'refused') {
        li.className = 'refused';
        status.textContent = ' — ' + texts.textRefused + ' ' + (item.text || '');
      } else {
        waiting++;
        status.textContent = ' — ' + (item.user === me ? texts.textWaiting
          : texts.textOtherUser + ' ' + item.user);
      }
      li.appendChild(what);
      li.appendChild(code);
      li.appendChild(status);
      if (item.state === 'refused') {
        var ok = document.createElement('button');
        ok.type = 'button';
        ok.className = 'button';
        ok.dataset.dismiss = item.id;
        ok.textContent = texts.textDismiss;
        li.appendChild(ok);
      }
      list.appendChild(li);
    });
    box.hidden = items.length === 0;
    box.dataset.waiting = String(waiting);
    box.querySelector('.queue-count').textContent = waiting > 0 ? '(' + waiting.toLocaleString(document.documentElement.lang) + ')' : '';
  }

  /** Shows the buttons that come after the taps still queued for this unit (a kept page is older than them). */
  function showStage() {
    var actions = document.querySelector('.step-actions[data-unit]');
    if (!actions) {
      return;
    }
    var mine = load().filter(function (i) { return i.subject === actions.dataset.unit && i.state === 'waiting'; });
    if (mine.length === 0) {
      return;
    }
    var last = mine[mine.length - 1].action;
    var stage = last === 'start' ? 'finish' : 'sent';
    actions.querySelectorAll('[data-stage]').forEach(function (el) { el.hidden = el.dataset.stage !== stage; });
    var queued = document.querySelector('[data-testid=floor-queued]');
    if (queued) {
      queued.hidden = false;
      queued.textContent = texts.textQueued;
    }
  }

  function settle(id, change) {
    var items = load();
    var rest = [];
    items.forEach(function (item) {
      if (item.id !== id) {
        rest.push(item);
      } else if (change) {
        change(item);
        rest.push(item);
      }
    });
    save(rest);
  }

  /** Sends this worker's waiting taps one at a time, in the order they were tapped; stops at the first that cannot reach the server. */
  function flush() {
    if (sending) {
      return;
    }
    var next = load().filter(function (i) { return i.state === 'waiting' && i.user === me; })[0];
    if (!next) {
      return;
    }
    sending = true;
    var body = Object.assign({ actionId: next.id, tappedAt: next.tappedAt }, next.body);
    fetch(next.url, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Accept': 'application/json' },
      // A form body: page routes take forms (and check the Origin), the API takes the same as JSON.
      body: new URLSearchParams(body)
    }).then(function (response) {
      if (response.status === 200) {
        settle(next.id);
        return 'sent';
      }
      if (response.status === 409 || response.status === 400 || response.status === 404) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          settle(next.id, function (item) {
            item.state = 'refused';
            item.text = answer.text || answer.message || '';
          });
          return 'refused';
        });
      }
      if (response.status === 401 || response.status === 403) {
        box.dataset.blocked = 'signin';
      }
      return 'later';
    }, function () {
      return 'later';
    }).then(function (how) {
      sending = false;
      render();
      if (how === 'later') {
        return;
      }
      if (how === 'sent' && next.id === sentHere && next.next) {
        window.location.assign(next.next);
        return;
      }
      flush();
    });
  }

  // Capture phase: the queue takes the tap before tavan.js would lock the form for a page load.
  window.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.queue) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (form.dataset.queue === 'fail' && !form.querySelector('input[name=reason]:checked')
        && !(form.elements.note && form.elements.note.value.trim())) {
      var note = form.elements.note;
      note.setAttribute('aria-invalid', 'true');
      note.focus();
      return;
    }
    var holder = form.closest('[data-unit]') || form;
    var fields = {};
    new FormData(form).forEach(function (value, name) { fields[name] = value; });
    fields.action = form.dataset.queue;
    fields.serial = holder.dataset.unit || fields.serial;
    var item = {
      id: newId(), user: me, tappedAt: Date.now(), state: 'waiting', action: form.dataset.queue,
      subject: fields.serial, url: form.dataset.queueUrl || '/floor/actions', body: fields,
      label: form.dataset.queueLabel || '',
      next: form.dataset.queueNext || (window.location.pathname + '?done=' + form.dataset.queue)
    };
    var items = load();
    items.push(item);
    save(items);
    sentHere = item.id;
    render();
    showStage();
    form.reset();
    flush();
  }, true);

  box.addEventListener('click', function (event) {
    var id = event.target.dataset && event.target.dataset.dismiss;
    if (id) {
      settle(id);
      render();
    }
  });
  // The station chosen on this tablet is its station list from then on (until "all stations").
  document.querySelectorAll('[data-station-choice]').forEach(function (link) {
    link.addEventListener('click', function () {
      window.localStorage.setItem('tavan.station', link.dataset.stationChoice);
    });
  });
  var chosen = window.localStorage.getItem('tavan.station');
  if (window.location.pathname === '/floor/station' && !window.location.search && chosen
      && document.querySelector('[data-station-choice="' + chosen.replace(/[^a-z_]/g, '') + '"]')) {
    window.location.replace('/floor/station?station=' + encodeURIComponent(chosen));
    return;
  }
  window.addEventListener('online', flush);
  window.addEventListener('storage', function () { render(); showStage(); });
  window.setInterval(flush, 3000);
  render();
  showStage();
  flush();
})();
