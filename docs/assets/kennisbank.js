/* Kennisbank goede praktijken: filter for the overview of practices (docs/praktijken/).
 *
 * Plain JavaScript, no build step, no server. Without JavaScript the page is the complete list
 * and the filter stays hidden. The data comes from data-attributes on each list item (escaped by
 * the generator); nothing is ever inserted as HTML. Filter choices are kept in the address
 * (?regio=twente&thema=beschut-werk) so a filtered list can be shared.
 */
(function () {
  "use strict";

  function plural(n) {
    return n === 1 ? "1 praktijk" : n + " praktijken";
  }

  function init() {
    var form = document.getElementById("kb-filter");
    var list = document.getElementById("kb-practices");
    var count = document.getElementById("kb-count");
    var none = document.getElementById("kb-none");
    if (!form || !list || !count || form.dataset.kbReady) {
      return;
    }
    form.dataset.kbReady = "1";
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var items = Array.prototype.slice.call(list.querySelectorAll("li.kb-item"));

    function matches(item, key, wanted) {
      if (!wanted) {
        return true;
      }
      var value = item.getAttribute("data-" + key) || "";
      if (key === "regions" || key === "themes") {
        return value.split(" ").indexOf(wanted) !== -1;
      }
      return value === wanted;
    }

    function apply(updateAddress) {
      var shown = 0;
      items.forEach(function (item) {
        var ok = selects.every(function (select) {
          return matches(item, select.getAttribute("data-filter"), select.value);
        });
        item.hidden = !ok;
        if (ok) {
          shown += 1;
        }
      });
      count.textContent = plural(shown);
      if (none) {
        none.hidden = shown !== 0;
      }
      if (updateAddress && window.history && window.history.replaceState) {
        var params = new URLSearchParams(window.location.search);
        selects.forEach(function (select) {
          var name = select.getAttribute("data-param");
          if (select.value) {
            params.set(name, select.value);
          } else {
            params.delete(name);
          }
        });
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    // Choices from the address, if they exist in the list.
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.getAttribute("data-param"));
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      }
      select.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { apply(true); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // Material's instant navigation (if it is ever switched on) swaps pages without a reload.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
})();
