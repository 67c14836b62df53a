/* As-you-type suggestions for the site's search box (the input with id "site-search").
 *
 * The WAI-ARIA 1.2 combobox pattern, "editable combobox with list autocomplete":
 * focus stays in the box and aria-activedescendant names the highlighted option.
 * Down and Up move through the suggestions (and open the list); Enter opens the
 * highlighted guide, or submits the search as usual when none is highlighted;
 * Escape closes the list, and a second Escape empties the box; Left, Right,
 * Home and End go back to editing the text. A polite status region says how
 * many suggestions there are. While an input method is composing Chinese
 * characters its keys are left alone, and suggestions wait for the characters.
 *
 * Without this script, or in a browser without fetch, the box is the plain
 * search form it always was. No dependencies, no build step, nothing from other
 * hosts. Every text comes from the server, already translated.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var input = document.getElementById("site-search");
  if (!script || !input || !input.form || !window.fetch || !window.URLSearchParams) {
    return;
  }

  var endpoint = script.getAttribute("data-endpoint") || "/api/v1/search/suggest";
  var stylesheet = script.getAttribute("data-stylesheet");
  var DELAY_MS = 150;
  var LIST_ID = "site-search-suggestions";

  if (stylesheet && !document.querySelector('link[href="' + stylesheet + '"]')) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = stylesheet;
    document.head.appendChild(link);
  }

  var list = document.createElement("ul");
  list.id = LIST_ID;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  var label = document.querySelector('label[for="site-search"]');
  if (label) {
    label.id = label.id || "site-search-label";
    list.setAttribute("aria-labelledby", label.id);
  }

  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");

  input.insertAdjacentElement("afterend", list);
  input.form.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", LIST_ID);
  input.setAttribute("autocomplete", "off");

  var options = [];
  var active = -1;
  var timer = null;
  var controller = null;
  var composing = false;
  var shownFor = null;

  function setActive(index) {
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "false");
    }
    active = index;
    if (index >= 0 && options[index]) {
      options[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open() {
    if (options.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }

  function close() {
    setActive(-1);
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
  }

  function follow(index) {
    var url = options[index].getAttribute("data-url");
    close();
    window.location.assign(url);
  }

  function option(hit, index) {
    var item = document.createElement("li");
    item.id = LIST_ID + "-" + index;
    item.setAttribute("role", "option");
    item.setAttribute("aria-selected", "false");
    item.setAttribute("data-url", hit.url);
    var name = document.createElement("span");
    name.className = "name";
    name.textContent = hit.name;
    item.appendChild(name);
    if (hit.detail) {
      var detail = document.createElement("span");
      detail.className = "meta";
      detail.textContent = hit.detail;
      item.appendChild(detail);
    }
    // Keep the focus in the box when an option is pressed, then follow it.
    item.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    item.addEventListener("click", function () {
      follow(index);
    });
    return item;
  }

  function show(query, data) {
    shownFor = query;
    setActive(-1);
    list.textContent = "";
    options = (data.results || []).map(option);
    options.forEach(function (item) {
      list.appendChild(item);
    });
    // Emptied first, so that the same words are announced again.
    status.textContent = "";
    status.textContent = data.message || "";
    if (options.length && document.activeElement === input) {
      open();
    } else {
      close();
    }
  }

  function load() {
    var query = input.value.trim();
    if (query === shownFor) {
      return;
    }
    if (controller) {
      controller.abort();
    }
    if (!query) {
      show(query, { results: [], message: "" });
      return;
    }
    controller = new AbortController();
    fetch(endpoint + "?" + new URLSearchParams({ q: query }), {
      signal: controller.signal,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        // An answer to words the box no longer holds is dropped.
        if (data && input.value.trim() === query) {
          show(query, data);
        }
      })
      .catch(function () {
        // Offline or aborted: the form still works.
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, DELAY_MS);
  }

  input.addEventListener("compositionstart", function () {
    composing = true;
  });
  input.addEventListener("compositionend", function () {
    composing = false;
    schedule();
  });
  input.addEventListener("input", function (event) {
    if (!composing && !event.isComposing) {
      schedule();
    }
  });

  input.addEventListener("keydown", function (event) {
    if (composing || event.isComposing) {
      return;
    }
    switch (event.key) {
      case "ArrowDown":
        if (!options.length) {
          return;
        }
        event.preventDefault();
        if (list.hidden) {
          open();
          if (event.altKey) {
            return;
          }
          setActive(0);
        } else if (!event.altKey) {
          setActive(active + 1 < options.length ? active + 1 : 0);
        }
        break;
      case "ArrowUp":
        if (!options.length) {
          return;
        }
        event.preventDefault();
        if (event.altKey) {
          close();
          return;
        }
        open();
        setActive(active > 0 ? active - 1 : options.length - 1);
        break;
      case "Enter":
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          follow(active);
        }
        break;
      case "Escape":
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          show("", { results: [], message: "" });
        }
        break;
      case "ArrowLeft":
      case "ArrowRight":
      case "Home":
      case "End":
        setActive(-1);
        break;
      case "Tab":
        close();
        break;
      default:
        break;
    }
  });

  input.addEventListener("blur", close);
  // A page restored from the back-forward cache shows no stale list.
  window.addEventListener("pageshow", close);
})();
