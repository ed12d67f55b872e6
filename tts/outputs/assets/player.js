// Read-along behaviour. Progressive enhancement: without this script the page is still a
// native audio player plus the transcript; the controls that need it start out hidden.
(function () {
  "use strict";
  var audio = document.getElementById("audio");
  var spans = Array.prototype.slice.call(document.querySelectorAll("[data-i]"));
  if (!audio || spans.length === 0) {
    return;
  }
  var starts = spans.map(function (s) { return parseFloat(s.getAttribute("data-start")); });
  var chapters = Array.prototype.slice.call(document.querySelectorAll(".chapter"));
  var speed = document.getElementById("speed");
  var follow = document.getElementById("follow");
  var player = document.querySelector(".player");
  var skip = document.getElementById("skip");
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
  var current = -1;
  var frame = 0;
  // Seeking lands on the frame before the exact time now and then; a small tolerance keeps
  // the sentence just sought to highlighted instead of its predecessor.
  var EPS = 0.02;

  ["controls", "keys", "hint"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el) { el.hidden = false; }
  });
  if (reduced.matches) { follow.checked = false; }

  // Keep focused and followed elements clear of the sticky player (WCAG 2.4.11): the player's
  // height changes with the width, the font size and the controls' wrapping.
  function padForPlayer() {
    var sticky = player && getComputedStyle(player).position === "sticky";
    document.documentElement.style.scrollPaddingTop = sticky ? (player.offsetHeight + 8) + "px" : "0px";
  }
  padForPlayer();
  if (window.ResizeObserver && player) { new ResizeObserver(padForPlayer).observe(player); }

  function indexAt(t) {
    var lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= t + EPS) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function obscured(el) {
    var r = el.getBoundingClientRect();
    var top = player && getComputedStyle(player).position === "sticky" ? player.getBoundingClientRect().bottom : 0;
    return r.top < top || r.bottom > window.innerHeight;
  }

  function markChapter(t) {
    var at = -1;
    chapters.forEach(function (c, k) { if (parseFloat(c.getAttribute("data-start")) <= t + EPS) { at = k; } });
    chapters.forEach(function (c, k) {
      if (k === at) { c.setAttribute("aria-current", "true"); } else { c.removeAttribute("aria-current"); }
    });
  }

  // reveal: scroll the sentence into view if it is hidden. Never on load: nothing may move
  // before the reader acts (the first Tab belongs to the skip link, a reload keeps its place).
  function mark(i, reveal) {
    if (i === current) { return; }
    if (current >= 0) {
      spans[current].removeAttribute("aria-current");
    }
    current = i;
    if (i < 0) { return; }
    var el = spans[i];
    el.setAttribute("aria-current", "true");
    // Roving tab stop: Tab into the text lands on the sentence being read.
    spans.forEach(function (s) { s.tabIndex = -1; });
    el.tabIndex = 0;
    // The skip link leads to the sentence being read; the browser focuses it (it has a tabindex).
    if (skip) { skip.setAttribute("href", "#" + el.id); }
    markChapter(starts[i]);
    if (reveal && follow.checked && obscured(el)) {
      el.scrollIntoView({ block: "center", behavior: reduced.matches ? "auto" : "smooth" });
    }
  }

  function sync(reveal) { mark(indexAt(audio.currentTime), reveal); }

  function tick() {
    sync(true);
    frame = audio.paused ? 0 : window.requestAnimationFrame(tick);
  }

  function seekTo(i, play) {
    i = Math.max(0, Math.min(spans.length - 1, i));
    audio.currentTime = starts[i];
    mark(i, true);
    if (document.activeElement && document.activeElement.hasAttribute("data-i")) {
      spans[i].focus({ preventScroll: !follow.checked });
    }
    if (play && audio.paused) { start(); }
  }

  function start() {
    var p = audio.play();
    // A rejected play() (no user gesture yet, or no audio device) is not an error of ours.
    if (p && p.catch) { p.catch(function () {}); }
  }

  function setRate(value) {
    var rate = Math.min(2, Math.max(0.75, value));
    audio.playbackRate = rate;
    audio.defaultPlaybackRate = rate;
    speed.value = String(rate);
  }

  function stepRate(direction) {
    var options = Array.prototype.map.call(speed.options, function (o) { return parseFloat(o.value); });
    var k = options.indexOf(audio.playbackRate);
    if (k < 0) { k = options.indexOf(1); }
    setRate(options[Math.max(0, Math.min(options.length - 1, k + direction))]);
  }

  function isField(el) {
    return !!(el && el.closest && el.closest("input, select, textarea, [contenteditable]"));
  }

  function isControl(el) {
    return isField(el) || !!(el && el.closest && el.closest("button, a[href], audio, video, summary"));
  }

  function onKey(e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var target = e.target;
    if (e.key === "Enter" && target.hasAttribute && target.hasAttribute("data-i")) {
      seekTo(spans.indexOf(target), true);
    } else if (e.key === " " && !isControl(target)) {
      if (audio.paused) { start(); } else { audio.pause(); }
    } else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && !isControl(target)) {
      // From the focused sentence when there is one, else from the one being read.
      var focused = spans.indexOf(target);
      var base = focused >= 0 ? focused : current < 0 ? (e.key === "ArrowRight" ? -1 : 0) : current;
      seekTo(base + (e.key === "ArrowRight" ? 1 : -1), false);
    } else if ((e.key === "+" || e.key === "=") && !isField(target)) {
      stepRate(1);
    } else if ((e.key === "-" || e.key === "_" || e.key === "−") && !isField(target)) {
      stepRate(-1);
    } else {
      return;
    }
    e.preventDefault();
  }

  spans.forEach(function (s, k) {
    s.tabIndex = k === 0 ? 0 : -1;
    s.addEventListener("click", function () {
      var sel = window.getSelection();
      // A drag to select text for copying is not a request to jump there.
      if (sel && !sel.isCollapsed) { return; }
      seekTo(k, true);
    });
  });
  chapters.forEach(function (c) {
    c.addEventListener("click", function (e) {
      // A click for a new tab or window keeps the link: the audio file at the chapter (#t=).
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) { return; }
      e.preventDefault();
      seekTo(indexAt(parseFloat(c.getAttribute("data-start"))), true);
    });
  });
  speed.addEventListener("change", function () { setRate(parseFloat(speed.value)); });
  audio.addEventListener("ratechange", function () {
    if (Array.prototype.some.call(speed.options, function (o) { return parseFloat(o.value) === audio.playbackRate; })) {
      speed.value = String(audio.playbackRate);
    }
  });
  ["timeupdate", "seeked"].forEach(function (name) {
    audio.addEventListener(name, function () { sync(true); });
  });
  audio.addEventListener("loadedmetadata", function () { sync(false); });
  audio.addEventListener("play", function () { if (!frame) { frame = window.requestAnimationFrame(tick); } });
  document.addEventListener("keydown", onKey);
  sync(false);
})();
