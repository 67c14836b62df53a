// A desk ID-card reader types the number and presses Enter: move on to the next
// field instead of sending a half-filled registration.
(function () {
  "use strict";
  var field = document.getElementById("id_id_number");
  var next = document.getElementById("id_phone");
  if (!field || !next) return;
  field.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      next.focus();
    }
  });
})();
