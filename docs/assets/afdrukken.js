// The print-only header (docs/overrides/main.html) says when a page was printed: today's date,
// written in Dutch, replaces the build date it carries without JavaScript.
(function () {
  "use strict";
  function stampPrintDate() {
    var holder = document.querySelector("[data-kb-print-date]");
    if (!holder) return;
    var label = holder.querySelector("span");
    var time = holder.querySelector("time");
    var today = new Date();
    var pad = function (n) { return String(n).padStart(2, "0"); };
    label.textContent = "Afgedrukt op";
    time.setAttribute("datetime", today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate()));
    time.textContent = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric" }).format(today);
  }
  stampPrintDate();
  window.addEventListener("beforeprint", stampPrintDate);
})();
