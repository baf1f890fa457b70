/* The agenda (agenda/): filter the meetings by region and kind through the address, and hide a
 * meeting page's registration button once the meeting is over.
 *
 * Plain JavaScript, no build step. Without JavaScript the agenda shows every meeting. The address
 * holds the choice: ?regio=<region page slug>&soort=<kind id>; a repeated value means any of
 * them, regio and soort together mean both. Every value comes from the page's own data-regio and
 * data-soort attributes; nothing is ever inserted as HTML.
 */
(function () {
  "use strict";

  function plural(n) {
    return n === 1 ? "1 bijeenkomst" : n + " bijeenkomsten";
  }

  function wanted(params, name, allowed) {
    return params.getAll(name).filter(function (value) { return allowed.indexOf(value) !== -1; });
  }

  function initAgenda() {
    var form = document.getElementById("kb-agenda-filter");
    var root = document.getElementById("kb-agenda");
    if (!form || !root || form.dataset.kbReady) return;
    form.dataset.kbReady = "1";
    var status = document.getElementById("kb-agenda-status");
    var items = Array.prototype.slice.call(root.querySelectorAll(".kb-agenda__item"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var values = { regio: [], soort: [] };
    boxes.forEach(function (box) { values[box.name].push(box.value); });

    function apply(choice) {
      var shown = 0;
      items.forEach(function (item) {
        var regions = (item.getAttribute("data-regio") || "").split(" ");
        var kind = item.getAttribute("data-soort");
        var ok = (!choice.regio.length || regions.some(function (r) { return choice.regio.indexOf(r) !== -1; })) &&
          (!choice.soort.length || choice.soort.indexOf(kind) !== -1);
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      // A year without a shown meeting disappears with its heading; an empty part says so.
      Array.prototype.forEach.call(root.querySelectorAll("[data-kb-agenda-year]"), function (year) {
        year.hidden = !year.querySelector(".kb-agenda__item:not([hidden])");
      });
      var lists = root.querySelectorAll("[data-kb-agenda-list]");
      var upcoming = lists.length && !lists[0].closest("[data-kb-agenda-year]") ? lists[0] : null;
      var emptyUpcoming = root.querySelector("[data-kb-agenda-empty]");
      if (emptyUpcoming) emptyUpcoming.hidden = !upcoming || !!upcoming.querySelector(".kb-agenda__item:not([hidden])");
      var emptyPast = root.querySelector("[data-kb-agenda-empty-past]");
      if (emptyPast) emptyPast.hidden = !!root.querySelector("[data-kb-agenda-year]:not([hidden])");
      var chosen = form.querySelector("[data-kb-agenda-chosen]");
      if (chosen) chosen.textContent = choice.regio.length ? "(" + choice.regio.length + " gekozen)" : "";
      var filtered = choice.regio.length || choice.soort.length;
      status.textContent = filtered ? plural(shown) + " met deze keuze (van " + items.length + ")" : "";
      root.setAttribute("data-status", "klaar");
    }

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      var choice = { regio: wanted(params, "regio", values.regio), soort: wanted(params, "soort", values.soort) };
      boxes.forEach(function (box) { box.checked = choice[box.name].indexOf(box.value) !== -1; });
      var regions = form.querySelector("details");
      if (regions && choice.regio.length) regions.open = true;
      apply(choice);
    }

    function fromBoxes() {
      var choice = { regio: [], soort: [] };
      var params = new URLSearchParams();
      boxes.forEach(function (box) {
        if (box.checked) {
          choice[box.name].push(box.value);
          params.append(box.name, box.value);
        }
      });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      apply(choice);
    }

    form.addEventListener("change", fromBoxes);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(fromBoxes, 0); });
    window.addEventListener("popstate", fromAddress);
    form.hidden = false;
    fromAddress();
  }

  /** A meeting page built before the meeting took place: no registration once it is over. */
  function hidePastRegistration() {
    var today = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var iso = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
    Array.prototype.forEach.call(document.querySelectorAll("[data-tot]"), function (button) {
      if (button.getAttribute("data-tot") < iso) button.parentNode.removeChild(button);
    });
  }

  function init() {
    initAgenda();
    hidePastRegistration();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
