/* whosaid main UI: a [n] marker opens source n (in the answer and in the side panel) with its quote
 * highlighted; "/" focuses the question box. */
(function () {
  "use strict";
  if (window.__whosaidUi) return;
  window.__whosaidUi = true;
  function key(a) {
    var m = /#ws-src-(\d+)-(\d+)/.exec(a.getAttribute("href") || "");
    return m ? m[1] + "-" + m[2] : null;
  }
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href^="#ws-src-"]') : null;
    if (!a) return;
    var k = key(a);
    if (!k) return;
    e.preventDefault();
    e.stopPropagation();
    // Gradio's chat sanitizer keeps ids but drops data-* attributes: find sources by id.
    var found = ["ws-src-" + k, "ws-panel-" + k].map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
    found.forEach(function (d) {
      d.open = true;
      d.classList.add("ws-flash");
      setTimeout(function () { d.classList.remove("ws-flash"); }, 1600);
    });
    var target = found[found.length - 1];
    if (target) {
      target.scrollIntoView({ block: "nearest" });
      var s = target.querySelector("summary");
      if (s) s.focus({ preventScroll: true });
    }
  }, true);
  // The chat's own "Copy message" button would copy our HTML: copy readable text with the sources instead.
  function messageText(row) {
    var answer = row.querySelector(".ws-answer");
    if (!answer) return (row.querySelector(".message-content") || row).innerText.trim();
    var lines = [answer.innerText.trim()];
    var sources = row.querySelectorAll("details.ws-source");
    if (sources.length) lines.push("", "Sources:");
    sources.forEach(function (d) {
      var summary = d.querySelector("summary").innerText.trim();
      var mark = d.querySelector("mark");
      var link = d.querySelector("dl.ws-meta a[href]");
      lines.push(summary + (mark ? ": “" + mark.textContent.trim() + "”" : "") + (link ? " " + link.href : ""));
    });
    return lines.join("\n");
  }
  document.addEventListener("click", function (e) {
    var btn = e.target && e.target.closest ? e.target.closest('#ws-chat button[aria-label="Copy message"]') : null;
    if (!btn || !navigator.clipboard) return;
    var row = btn.closest(".message-buttons");
    while (row && !row.querySelector(".message-content")) row = row.previousElementSibling;
    if (!row) return;
    e.preventDefault();
    e.stopPropagation();
    navigator.clipboard.writeText(messageText(row)).then(function () { btn.title = "Copied"; });
  }, true);
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
    if (e.key === "/" && !typing) {
      var box = document.querySelector("#ws-question textarea, #ws-question input");
      if (box) { e.preventDefault(); box.focus(); }
    }
  });
})();
