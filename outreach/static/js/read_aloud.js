// "Read aloud": the browser's own speech synthesis reads the page's main text in the page's
// language. In やさしい日本語 the furigana are read instead of the kanji above them, so the
// voice says what the reader sees. The button stays hidden where the browser has no voice for
// the language, and everything works without it (no JavaScript, no voice, no problem).
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  if (!synth || !window.SpeechSynthesisUtterance) { return; }
  var lang = (document.documentElement.lang || "ja").toLowerCase();

  function voiceFor() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var tag = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (tag === lang || tag.split("-")[0] === lang.split("-")[0]) { return voices[i]; }
    }
    return null;
  }

  // The text as read: a ruby's reading instead of its base; nothing hidden from sight.
  function spoken(node) {
    if (node.nodeType === Node.TEXT_NODE) { return node.nodeValue; }
    if (node.nodeType !== Node.ELEMENT_NODE) { return ""; }
    var name = node.nodeName.toLowerCase();
    if (/^(rp|script|style|button|select|textarea)$/.test(name) || node.hidden) { return ""; }
    if (node.classList.contains("visually-hidden") || node.classList.contains("read-aloud")) { return ""; }
    if (name === "ruby") {
      var reading = node.querySelector("rt");
      if (reading) { return reading.textContent; }
    }
    var text = "";
    for (var child = node.firstChild; child; child = child.nextSibling) { text += spoken(child); }
    if (/^(p|li|h1|h2|h3|legend|label|dt|dd|div)$/.test(name)) { text += "\n"; }
    return text;
  }

  function setUp(button) {
    var voice = voiceFor();
    if (!voice) { return; }
    var idle = button.textContent, busy = button.getAttribute("data-stop");
    button.hidden = false;
    button.addEventListener("click", function () {
      if (synth.speaking) { synth.cancel(); button.textContent = idle; return; }
      var target = document.querySelector(button.getAttribute("data-read-aloud")) || document.body;
      var utterance = new SpeechSynthesisUtterance(spoken(target).replace(/\s+\n/g, "\n").trim());
      utterance.lang = voice.lang;
      utterance.voice = voice;
      utterance.rate = 0.9;  // a little slower than the default, for older listeners
      utterance.onend = function () { button.textContent = idle; };
      button.textContent = busy;
      synth.speak(utterance);
    });
  }

  function start() {
    var buttons = document.querySelectorAll("button[data-read-aloud]");
    for (var i = 0; i < buttons.length; i++) { setUp(buttons[i]); }
  }

  if (voiceFor()) { start(); }
  else if ("onvoiceschanged" in synth) {
    synth.addEventListener("voiceschanged", function once() {
      synth.removeEventListener("voiceschanged", once);
      start();
    });
  }
})();
