/* whosaid widget: paste
 *   <script src="http://HOST/widget.js" data-title="Ask the archive" async></script>
 * Attributes: data-title, data-greeting, data-color (#hex or a colour name), data-position
 * (bottom-right | bottom-left), data-collection (only documents from this source).
 * The chat runs in an iframe to HOST/embed, so the page's CSS and the widget's cannot touch each other.
 * No key or token is involved: the embed page talks to the public, rate-limited API of its own server. */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!script || window.__whosaidWidget) return;
  window.__whosaidWidget = true;

  var base = new URL(script.src, location.href).origin;
  var d = script.dataset || {};
  var title = (d.title || "Ask the archive").slice(0, 80);
  var color = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/.test(d.color || "") ? d.color : "#1f6feb";
  var left = d.position === "bottom-left";
  var params = new URLSearchParams({ title: title, color: color, origin: location.origin });
  if (d.greeting) params.set("greeting", d.greeting.slice(0, 300));
  if (d.collection) params.set("collection", d.collection.slice(0, 200));
  var side = left ? "left" : "right";

  var host = document.createElement("div");
  host.setAttribute("data-whosaid-widget", "");
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = document.createElement("style");
  style.textContent =
    ":host{all:initial}" +
    ".launcher{position:fixed;bottom:20px;" + side + ":20px;z-index:2147483000;display:flex;align-items:center;" +
    "gap:8px;border:0;border-radius:999px;padding:12px 18px;background:" + color + ";color:#fff;" +
    "font:600 15px/1.2 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;cursor:pointer;" +
    "box-shadow:0 6px 20px rgba(0,0,0,.25)}" +
    ".launcher:focus-visible{outline:3px solid #111;outline-offset:3px}" +
    ".panel{position:fixed;bottom:84px;" + side + ":20px;z-index:2147483000;width:min(400px,calc(100vw - 24px));" +
    "height:min(620px,calc(100vh - 110px));border-radius:14px;overflow:hidden;background:#fff;" +
    "box-shadow:0 12px 40px rgba(0,0,0,.3)}" +
    ".panel[hidden]{display:none}" +
    "iframe{width:100%;height:100%;border:0;display:block}" +
    "@media (max-width:480px){.panel{" + side + ":12px;bottom:76px;height:calc(100vh - 96px)}}";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "launcher";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-label", title);
  // a speech-bubble icon drawn in SVG: emoji fonts are missing on many systems
  var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "20");
  svg.setAttribute("height", "20");
  svg.setAttribute("aria-hidden", "true");
  var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
  path.setAttribute("fill", "currentColor");
  svg.appendChild(path);
  button.appendChild(svg);
  button.appendChild(document.createTextNode(title));
  var panel = document.createElement("div");
  panel.className = "panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  root.appendChild(style);
  root.appendChild(button);
  root.appendChild(panel);

  var frame = null;
  function toggle(open) {
    if (open && !frame) {
      // created on first open, so the host page pays nothing until a visitor wants the chat
      frame = document.createElement("iframe");
      frame.title = title;
      frame.src = base + "/embed?" + params.toString();
      frame.setAttribute("allow", "clipboard-write");
      panel.appendChild(frame);
    }
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open && frame) frame.focus();
  }
  button.addEventListener("click", function () { toggle(panel.hidden); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) { toggle(false); button.focus(); }
  });

  window.addEventListener("message", function (e) {
    if (e.origin === base && e.data === "whosaid:close" && !panel.hidden) { toggle(false); button.focus(); }
  });

  function mount() { document.body.appendChild(host); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
