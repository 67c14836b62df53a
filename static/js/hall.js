// The hall display: polls the last calls instead of reloading, and reads a new call
// aloud in Chinese (speechSynthesis, zh-CN) when the switch is on. Without
// JavaScript the page reloads itself every 5 seconds and shows the same.
(function () {
  "use strict";
  var main = document.getElementById("hall");
  if (!main || !window.fetch) return;
  var now = document.getElementById("hall-now");
  var waiting = document.getElementById("hall-waiting");
  var recent = document.getElementById("hall-recent");
  var speech = document.getElementById("hall-speech");
  var toggle = document.getElementById("speech-on");
  var KEY = "hall-speech";
  var canSpeak = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
  var first = now.querySelector("[data-call]");
  var last = first ? first.getAttribute("data-call") : "";

  function say(text) {
    if (!canSpeak || !toggle.checked) return;
    var words = new window.SpeechSynthesisUtterance(text);
    words.lang = "zh-CN";
    words.rate = 0.85;
    window.speechSynthesis.speak(words);
  }

  if (canSpeak) {
    speech.hidden = false;
    toggle.checked = window.localStorage.getItem(KEY) === "on";
    toggle.addEventListener("change", function () {
      window.localStorage.setItem(KEY, toggle.checked ? "on" : "off");
      if (toggle.checked && first) say(first.getAttribute("data-text"));
    });
  }

  function show(data) {
    waiting.textContent = data.waiting_text;
    var calls = data.calls;
    if (!calls.length) return;
    var current = calls[0];
    if (String(current.id) !== last) {
      last = String(current.id);
      var p = document.createElement("p");
      p.className = "hall-now";
      p.textContent = current.text;
      now.replaceChildren(p);
      say(current.text);
    }
    recent.replaceChildren.apply(recent, calls.slice(1).map(function (call) {
      var li = document.createElement("li");
      li.textContent = call.label;
      return li;
    }));
  }

  function poll() {
    window.fetch(main.getAttribute("data-calls"), { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) show(data); })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 3000);
})();
