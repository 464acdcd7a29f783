// The floor tablet's service worker: keeps the pages a worker has opened (units, the station
// list, a rig's page, a case) and the static files, so the tablet still shows them when the
// Wi-Fi or the server is down. It never answers a POST: taps go through the page's queue
// (offline.js), which keeps them until the server has answered each one.
'use strict';
var CACHE = 'tavan-offline-1';
var SHELL = ['/static/tavan.css', '/static/tavan.js', '/static/offline.js', '/static/floor.webmanifest',
  '/static/floor-icon-192.png', '/floor/offline', '/floor/station'];
var KEPT = /^\/(floor\/(station|units\/[^/]+|offline)|rigs\/[^/]+|distribution\/cases\/[^/]+)$/;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(SHELL.map(function (path) {
      return fetch(path, { credentials: 'same-origin' }).then(function (response) {
        if (response.ok && !response.redirected) {
          return cache.put(path, response);
        }
      }).catch(function () { /* kept the next time it is opened */ });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

/** The key a page is kept under: a unit's page without ?done=…, a scan as the unit it leads to. */
function unitKey(serial) {
  return '/floor/units/' + encodeURIComponent(serial.trim().toUpperCase());
}

function keyOf(url) {
  if (url.pathname === '/floor/scan' && url.searchParams.get('serial')) {
    return unitKey(url.searchParams.get('serial'));
  }
  var unit = /^\/floor\/units\/([^/]+)$/.exec(url.pathname);
  if (unit) {
    return unitKey(decodeURIComponent(unit[1]));
  }
  if (url.pathname === '/floor/station' && url.searchParams.get('station')) {
    return '/floor/station?station=' + encodeURIComponent(url.searchParams.get('station'));
  }
  return url.pathname;
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.indexOf('/static/') === 0) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(url.pathname, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(url.pathname).then(function (kept) { return kept || Response.error(); });
    }));
    return;
  }
  if (request.mode !== 'navigate') {
    return;
  }
  var key = keyOf(url);
  event.respondWith(fetch(request).then(function (response) {
    var landed = new URL(response.url || request.url);
    if (response.ok && KEPT.test(landed.pathname)) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(keyOf(landed), copy); });
    }
    return response;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(key).then(function (kept) {
        return kept || cache.match('/floor/offline').then(function (fallback) {
          return fallback || new Response('Tavan: offline / توان: بدون اتصال', {
            status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' }
          });
        });
      });
    });
  }));
});
