// 全部已收 without a round trip: tick every material "已收" and put the focus on 受理.
// Without JavaScript the same button asks the server for the form with everything ticked.
(function () {
  "use strict";
  var all = document.getElementById("all-received");
  var accept = document.getElementById("accept");
  if (!all || !accept) return;
  all.addEventListener("click", function (event) {
    event.preventDefault();
    document.querySelectorAll("#intake-form input[type=radio][value=received]").forEach(function (radio) {
      radio.checked = true;
    });
    accept.focus();
  });
})();
