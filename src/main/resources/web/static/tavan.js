// A little help for gloved hands and label scanners; every page works without it.
(function () {
  'use strict';
  // A second tap while a form is being sent must not send it twice.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.dataset.sending === '1') {
      event.preventDefault();
      return;
    }
    form.dataset.sending = '1';
    var buttons = form.querySelectorAll('button[type="submit"], button:not([type])');
    window.setTimeout(function () {
      buttons.forEach(function (b) { b.disabled = true; });
    }, 0);
  });
  // Coming back with the browser's Back button must not leave the form locked.
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[data-sending="1"]').forEach(function (form) {
      delete form.dataset.sending;
      form.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
    });
  });
  // Scanners type into whatever has focus: keep the serial field ready and select old text.
  var serial = document.getElementById('serial');
  if (serial) {
    serial.addEventListener('focus', function () { serial.select(); });
    if (!document.activeElement || document.activeElement === document.body) {
      serial.focus();
    }
  }
  // After the page loads, bring the first invalid field into view and focus it.
  var invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid) {
    invalid.focus();
  }
})();
