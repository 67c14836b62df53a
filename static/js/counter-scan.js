// Camera scanning at the counter, where the browser can (BarcodeDetector).
// Without it the button stays hidden and the USB scanner or the keyboard is used.
(function () {
  "use strict";
  var button = document.getElementById("camera-button");
  var video = document.getElementById("camera-view");
  var form = document.getElementById("scan-form");
  var field = document.getElementById("scan-code");
  if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var tick = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stream.getTracks().forEach(function (t) { t.stop(); });
            field.value = codes[0].rawValue;
            form.submit();
          } else {
            window.requestAnimationFrame(tick);
          }
        }).catch(function () { window.requestAnimationFrame(tick); });
      };
      tick();
    }).catch(function () { field.focus(); });
  });
})();
