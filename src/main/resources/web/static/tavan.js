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
  // A label photo from the tablet camera: scale it to at most 1600 px (a phone photo is several
  // megabytes; the QR code needs far less) and send it at once. Without this the form still works.
  document.querySelectorAll('input[type="file"][data-autosubmit]').forEach(function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) {
        return;
      }
      var send = function () { input.form.requestSubmit ? input.form.requestSubmit() : input.form.submit(); };
      if (!window.createImageBitmap || !window.DataTransfer) {
        send();
        return;
      }
      createImageBitmap(file).then(function (bitmap) {
        var scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
        if (scale >= 1) {
          send();
          return;
        }
        var canvas = document.createElement('canvas');
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
          var box = new DataTransfer();
          box.items.add(new File([blob], 'label.jpg', { type: 'image/jpeg' }));
          input.files = box.files;
          send();
        }, 'image/jpeg', 0.92);
      }, send);
    });
  });
  // Print buttons (the packing list); a script file, as the page's policy allows no inline handler.
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
  // After the page loads, bring the first invalid field into view and focus it.
  var invalid = document.querySelector('[aria-invalid="true"]');
  if (invalid) {
    invalid.focus();
  }
})();
