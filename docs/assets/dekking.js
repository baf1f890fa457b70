/* "Dekking": show one theme at a time in the region map and the table (?thema=ID).
 *
 * Plain JavaScript, no build step. Without JavaScript the page shows all themes together. The
 * numbers per theme come from the <script type="application/json" id="kb-dekking-data"> block
 * that the page generator writes; nothing is ever inserted as HTML.
 */
(function () {
  "use strict";

  function plural(n) {
    return n === 1 ? "1 praktijk" : n + " praktijken";
  }

  function init() {
    var root = document.querySelector("[data-kb-coverage]");
    var dataNode = document.getElementById("kb-dekking-data");
    if (!root || !dataNode || root.dataset.kbReady) return;
    root.dataset.kbReady = "1";
    var data = JSON.parse(dataNode.textContent);
    var form = root.querySelector(".kb-coverage__choose");
    var select = document.getElementById("kb-dekking-thema");
    var status = document.getElementById("kb-dekking-status");
    var map = root.querySelector("[data-kb-map]");
    var tiles = Array.prototype.slice.call(map.querySelectorAll("a.kb-map__tile"));
    var listLinks = Array.prototype.slice.call(map.querySelectorAll(".kb-map__list a[data-slug]"));
    var cells = Array.prototype.slice.call(root.querySelectorAll("table [data-thema]"));
    var legend = map.querySelector(".kb-map__legend");

    function showLegend(entries) {
      legend.textContent = "";
      entries.forEach(function (entry) {
        var item = document.createElement("li");
        var swatch = document.createElement("span");
        swatch.className = "kb-map__swatch kb-map__tile--" + entry[0];
        swatch.setAttribute("aria-hidden", "true");
        var range = document.createElement("span");
        range.className = "kb-map__range";
        range.textContent = entry[1];
        item.appendChild(swatch);
        item.appendChild(range);
        legend.appendChild(item);
      });
    }

    /** With a theme chosen, a region leads to exactly the practices it counts. */
    function target(slug, theme) {
      return theme ? "../praktijken/?regio=" + encodeURIComponent(slug) + "&thema=" + encodeURIComponent(theme) :
        "../regios/" + slug + "/";
    }

    function apply(theme, updateAddress) {
      var counts = data.counts[theme];
      var label = theme ? data.themes[theme] : "";
      var practices = 0;
      var regions = 0;
      tiles.forEach(function (tile) {
        var slug = tile.getAttribute("data-slug");
        var entry = counts[slug] || [0, 0];
        var name = tile.getAttribute("data-name");
        var text = name + ": " + (entry[0] ? plural(entry[0]) : "nog geen praktijken") + (theme ? " over " + label : "");
        tile.setAttribute("class", tile.getAttribute("class").replace(/kb-map__tile--\d/, "kb-map__tile--" + entry[1]));
        tile.setAttribute("aria-label", text);
        tile.querySelector("title").textContent = text;
        tile.querySelector(".kb-map__count").textContent = String(entry[0]);
        tile.setAttribute("href", target(slug, theme));
        if (entry[0]) regions += 1;
      });
      listLinks.forEach(function (link) {
        var slug = link.getAttribute("data-slug");
        var entry = counts[slug] || [0, 0];
        link.setAttribute("href", target(slug, theme));
        var count = link.parentNode.querySelector(".kb-map__list-count");
        if (count) count.textContent = entry[0] ? plural(entry[0]) : "nog geen";
      });
      cells.forEach(function (cell) {
        cell.hidden = Boolean(theme) && cell.getAttribute("data-thema") !== theme;
      });
      showLegend(data.legends[theme]);
      if (theme) {
        practices = Object.keys(counts).reduce(function (sum, slug) { return sum + counts[slug][0]; }, 0);
        status.textContent = label + ": " + plural(practices) + " (per regio geteld) in " +
          (regions === 1 ? "1 regio" : regions + " regio's") + ".";
      } else {
        status.textContent = "";
      }
      if (updateAddress && window.history && window.history.replaceState) {
        var params = new URLSearchParams(window.location.search);
        if (theme) params.set("thema", theme); else params.delete("thema");
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    var wanted = new URLSearchParams(window.location.search).get("thema") || "";
    select.value = Object.prototype.hasOwnProperty.call(data.counts, wanted) ? wanted : "";
    select.addEventListener("change", function () { apply(select.value, true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    if (select.value) apply(select.value, false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
