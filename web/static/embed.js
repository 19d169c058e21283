/* The chat inside the widget's iframe. Everything from the server is placed with textContent, never
 * an HTML parser: document text is untrusted. Talks only to this server's /api/ask/stream. */
(function () {
  "use strict";
  var cfg = document.body.dataset;
  var log = document.getElementById("log");
  var form = document.getElementById("form");
  var input = document.getElementById("q");
  var send = document.getElementById("send");
  document.documentElement.style.setProperty("--ws-color", cfg.color || "#1f6feb");

  var storage = (function () {
    try { var s = window.localStorage; s.setItem("whosaid.t", "1"); s.removeItem("whosaid.t"); return s; }
    catch (e) { return null; } // third-party storage blocked: the conversation lasts as long as the page
  })();
  function load(key, fallback) { try { return (storage && storage.getItem(key)) || fallback; } catch (e) { return fallback; } }
  function save(key, value) { try { if (storage) storage.setItem(key, value); } catch (e) { /* full or blocked */ } }
  function randomId() {
    var a = new Uint8Array(12); crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  var visitor = load("whosaid.visitor", "");
  if (!/^[a-f0-9]{24}$/.test(visitor)) { visitor = randomId(); save("whosaid.visitor", visitor); }
  var conversation = load("whosaid.conversation", "");
  var transcript = [];
  try { transcript = JSON.parse(load("whosaid.transcript", "[]")) || []; } catch (e) { transcript = []; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function scroll() { log.scrollTop = log.scrollHeight; }
  function safeUrl(u) {
    try { var p = new URL(u); return (p.protocol === "http:" || p.protocol === "https:") ? p.href : ""; }
    catch (e) { return ""; }
  }

  function addMessage(role, text) {
    var m = el("div", "msg " + role);
    var body = el("div", "body", text);
    m.appendChild(body);
    log.appendChild(m);
    scroll();
    return m;
  }

  function citationDetail(c) {
    var box = el("div", "detail");
    box.hidden = true;
    box.id = "cite-" + Math.random().toString(36).slice(2);
    var q = el("blockquote", "quote");
    var ps = c.start - c.passage_start, pe = c.end - c.passage_start;
    var passage = c.passage || "";
    if (ps >= 0 && pe <= passage.length && passage.slice(ps, pe) === c.quote) {
      var before = passage.slice(Math.max(0, ps - 160), ps), after = passage.slice(pe, pe + 160);
      q.appendChild(document.createTextNode((ps > 160 ? "…" : "") + before));
      q.appendChild(el("mark", "", c.quote));
      q.appendChild(document.createTextNode(after + (pe + 160 < passage.length ? "…" : "")));
    } else {
      q.appendChild(el("mark", "", c.quote));
    }
    box.appendChild(q);
    var who = c.speaker ? c.speaker + (c.role ? " (" + c.role + ")" : "") : "Unattributed";
    box.appendChild(el("p", "who", "— " + who));
    var meta = [c.title, c.source, c.date].filter(Boolean).join(" · ") || c.doc_id;
    var line = el("p", "meta", meta + " ");
    var url = safeUrl(c.url || "");
    if (url) {
      var a = el("a", "", "Open source ↗");
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      line.appendChild(a);
    }
    box.appendChild(line);
    return box;
  }

  function renderAnswer(m, answer) {
    var body = m.querySelector(".body");
    body.textContent = "";
    var chips = el("div", "chips");
    var byN = {};
    (answer.citations || []).forEach(function (c) {
      var chip = el("button", "chip", "[" + c.n + "] " + (c.speaker || "source"));
      chip.type = "button";
      chip.setAttribute("aria-expanded", "false");
      var detail = citationDetail(c);
      chip.setAttribute("aria-controls", detail.id);
      chip.addEventListener("click", function () {
        var open = detail.hidden;
        detail.hidden = !open;
        chip.setAttribute("aria-expanded", String(open));
        if (open) detail.scrollIntoView({ block: "nearest" });
      });
      byN[c.n] = chip;
      chips.appendChild(chip);
      chips.appendChild(detail);
    });
    (answer.answer || "").split(/(\[\d{1,3}\])/).forEach(function (part) {
      var mm = /^\[(\d{1,3})\]$/.exec(part);
      if (mm && byN[mm[1]]) {
        var ref = el("button", "ref", part);
        ref.type = "button";
        ref.title = "Show source " + mm[1];
        ref.addEventListener("click", function () { byN[mm[1]].click(); byN[mm[1]].focus(); });
        body.appendChild(ref);
      } else if (part) {
        body.appendChild(document.createTextNode(part));
      }
    });
    if (answer.citations && answer.citations.length) m.appendChild(chips);
    if (answer.abstained) m.classList.add("abstained");
    scroll();
  }

  function remember(question, answer) {
    transcript.push({ q: question, a: answer });
    transcript = transcript.slice(-10);
    save("whosaid.transcript", JSON.stringify(transcript));
  }

  function parseEvent(raw) {
    var ev = { event: "message", data: "" }, data = [];
    raw.split("\n").forEach(function (line) {
      if (line.indexOf("event:") === 0) ev.event = line.slice(6).trim();
      else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
    });
    ev.data = data.join("\n");
    return ev;
  }

  async function ask(question) {
    addMessage("user", question);
    var m = addMessage("bot pending", "…");
    var body = m.querySelector(".body");
    var text = "";
    send.disabled = true;
    try {
      var payload = { question: question, source: cfg.collection || "" };
      if (conversation) payload.conversation_id = conversation;
      var res = await fetch("/api/ask/stream", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Whosaid-Visitor": visitor,
                   "X-Whosaid-Embed-Origin": cfg.origin || "" },
        body: JSON.stringify(payload)
      });
      if (!res.ok) {
        var j = {};
        try { j = await res.json(); } catch (e) { /* not JSON */ }
        throw new Error(j.error || "The server answered " + res.status + ". Please try again.");
      }
      var reader = res.body.getReader(), decoder = new TextDecoder(), buf = "";
      for (;;) {
        var chunk = await reader.read();
        if (chunk.done) break;
        buf += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, "\n");
        var i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          var ev = parseEvent(buf.slice(0, i));
          buf = buf.slice(i + 2);
          if (!ev.data) continue;
          var data = JSON.parse(ev.data);
          if (ev.event === "token") { text += data.text; body.textContent = text; scroll(); }
          else if (ev.event === "answer") {
            m.classList.remove("pending");
            conversation = data.conversation_id || conversation;
            save("whosaid.conversation", conversation);
            renderAnswer(m, data);
            remember(question, data);
          } else if (ev.event === "error") { throw new Error(data.error); }
        }
      }
    } catch (err) {
      m.classList.remove("pending");
      m.classList.add("error");
      body.textContent = err && err.message ? err.message : "Something went wrong. Please try again.";
    } finally {
      send.disabled = false;
      input.focus();
    }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var question = input.value.trim();
    if (!question) return;
    input.value = "";
    ask(question);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  document.getElementById("new").addEventListener("click", function () {
    conversation = ""; transcript = [];
    save("whosaid.conversation", ""); save("whosaid.transcript", "[]");
    log.textContent = "";
    addMessage("bot", cfg.greeting || "Ask who said what.");
    input.focus();
  });

  // Closing is the host page's business (the launcher lives there): ask it, from the close button or Esc.
  function requestClose() { window.parent.postMessage("whosaid:close", cfg.origin || "*"); }
  document.getElementById("close").addEventListener("click", requestClose);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") requestClose(); });

  addMessage("bot", cfg.greeting || "Ask who said what.");
  transcript.forEach(function (t) { addMessage("user", t.q); renderAnswer(addMessage("bot", ""), t.a); });
  input.focus();
})();
