// Draws the charts whose data the page carries as JSON (no inline script: strict CSP).
// Without JavaScript, or if plotly.js fails to load, the tables beside each chart hold the numbers.
// The drawing is hidden from screen readers (its table says the same), so nothing inside it may
// take keyboard focus either: the map library adds a focusable canvas, which we take out of the
// tab order as soon as it appears.
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button, input, select, textarea, summary, canvas, [tabindex]";

  function unfocus(root) {
    root.querySelectorAll(FOCUSABLE).forEach(function (el) {
      // Only when needed: setting it again would notify the observer again, for ever.
      if (el.getAttribute("tabindex") !== "-1") { el.setAttribute("tabindex", "-1"); }
    });
  }

  function draw() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("script[type='application/json'][data-chart]").forEach(function (node) {
      var target = document.getElementById(node.getAttribute("data-chart"));
      if (!target) { return; }
      new MutationObserver(function () { unfocus(target); })
        .observe(target, { childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex"] });
      var figure = JSON.parse(node.textContent);
      window.Plotly.newPlot(target, figure.data, figure.layout, {
        displayModeBar: false, responsive: true, scrollZoom: false
      }).then(function () { unfocus(target); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
