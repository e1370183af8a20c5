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

  // A printed page does not show the map's WebGL canvas: on the council briefing, keep a picture
  // of each drawing for print (hidden on screen; the drawing is hidden in print).
  function printable(target) {
    window.Plotly.toImage(target, {
      format: "png", width: target.offsetWidth, height: target.offsetHeight, scale: 2
    }).then(function (url) {
      var picture = document.createElement("img");
      picture.className = "chart-print";
      picture.alt = "";
      picture.src = url;
      target.insertAdjacentElement("afterend", picture);
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
      }).then(function () {
        unfocus(target);
        if (target.closest(".report")) { printable(target); }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
