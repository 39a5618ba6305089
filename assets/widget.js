/*! Newsgauge widget loader (MIT). Puts a sandboxed Newsgauge card in every .newsgauge element.
 * Options (data attributes): data-src (URL of JSON {title, text} or plain text, fetched inside
 * the iframe), data-text or the element's own text (inline article, sent by postMessage, never in
 * a URL), data-title, data-theme (light | dark | auto), data-show (impact, sentiment, tickers,
 * topics, decisions), data-height (fixed px; default: follows the card). See README "Embedding". */
(function () {
  "use strict";
  if (window.Newsgauge && window.Newsgauge.scan) {
    // A second copy of the snippet on the same page: reuse the first loader.
    window.Newsgauge.scan();
    return;
  }
  var me = document.currentScript;
  var base = me && me.src;
  if (!base) {
    var found = document.querySelectorAll("script[src*='widget.js']");
    base = found.length ? found[found.length - 1].src : "";
  }
  if (!base) return;
  // The card is served by the origin this script came from.
  var SITE = new URL(base, location.href).origin;
  // Scripts in an opaque origin (no allow-same-origin: no cookies, storage or host access);
  // popups only for the card's link to Newsgauge, opened as a normal (unsandboxed) tab.
  var SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox";
  var PARTS = ["impact", "sentiment", "tickers", "topics", "decisions"];
  var START_HEIGHT = 180; // px reserved until the card reports its height (about one card)
  var MAX_HEIGHT = 4000; // px: a card never needs more; caps a misbehaving frame
  var widgets = [];
  var seq = 0;

  function opt(el, name) {
    var v = el.getAttribute(name);
    return v == null ? "" : v.trim();
  }

  function channel() {
    var r = new Uint32Array(2);
    crypto.getRandomValues(r);
    return "w" + ++seq + "-" + r[0].toString(36) + r[1].toString(36);
  }

  function mount(el) {
    if (el.hasAttribute("data-newsgauge-mounted")) return;
    el.setAttribute("data-newsgauge-mounted", "");
    var src = opt(el, "data-src");
    var title = opt(el, "data-title");
    var text = src ? null : el.hasAttribute("data-text") ? opt(el, "data-text") : el.textContent.trim();
    var theme = opt(el, "data-theme").toLowerCase();
    if (theme !== "light" && theme !== "dark") theme = "auto";
    var show = opt(el, "data-show")
      .toLowerCase()
      .split(/[\s,]+/)
      .filter(function (p) {
        return PARTS.indexOf(p) >= 0;
      })
      .join(",");
    var fixed = Math.min(parseInt(opt(el, "data-height"), 10) || 0, MAX_HEIGHT);
    var query = "theme=" + theme;
    if (show) query += "&show=" + encodeURIComponent(show);
    if (src) query += "&src=" + encodeURIComponent(new URL(src, location.href).href);
    var id = channel();
    var frame = document.createElement("iframe");
    frame.setAttribute("sandbox", SANDBOX);
    frame.setAttribute("referrerpolicy", "no-referrer");
    frame.setAttribute("title", title ? "Newsgauge analysis: " + title : "Newsgauge analysis");
    // CSSOM, not a style attribute: allowed under a host CSP without 'unsafe-inline'.
    var s = frame.style;
    s.display = "block";
    s.width = "100%";
    s.border = "0";
    s.borderRadius = "8px";
    s.height = (fixed > 0 ? fixed : START_HEIGHT) + "px";
    // The fragment (channel id, host origin) never reaches a server.
    frame.src =
      SITE + "/embed.html?" + query + "#ng=" + encodeURIComponent(id) + "&origin=" + encodeURIComponent(location.origin);
    el.textContent = "";
    el.appendChild(frame);
    widgets.push({ frame: frame, id: id, title: title, text: text, fixed: fixed > 0 });
  }

  function scan() {
    var els = document.querySelectorAll(".newsgauge");
    for (var i = 0; i < els.length; i++) mount(els[i]);
  }

  // A sandboxed frame's origin is "null", so the origin alone proves nothing: a message counts
  // only if it comes from the very window of one of our iframes, with that iframe's channel id.
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || typeof d !== "object" || d.newsgauge !== 1 || typeof d.id !== "string") return;
    if (e.origin !== "null" && e.origin !== SITE) return;
    for (var i = 0; i < widgets.length; i++) {
      var w = widgets[i];
      if (w.id !== d.id) continue;
      if (!e.source || e.source !== w.frame.contentWindow) return;
      if (d.type === "ready" && w.text !== null) {
        // "*": an opaque origin cannot be named; the recipient is the checked window above.
        e.source.postMessage({ newsgauge: 1, type: "article", id: w.id, title: w.title, text: w.text }, "*");
      } else if (d.type === "height" && !w.fixed && typeof d.height === "number" && isFinite(d.height)) {
        w.frame.style.height = Math.max(0, Math.min(MAX_HEIGHT, Math.ceil(d.height))) + "px";
      }
      return;
    }
  });

  window.Newsgauge = { scan: scan };
  scan();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
})();
