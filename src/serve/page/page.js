// copydesk's paste-and-check page. Talks only to the server it came from:
// POST /api/check and /api/fix, GET /api/rules. Offsets come from the server
// in UTF-16 code units ("utf16"), which is how JavaScript strings index.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const text = $("text");
  const highlights = $("highlights");
  const backdrop = $("backdrop");
  const list = $("findings");
  const status = $("status");
  const count = $("count");
  const none = $("none");
  const dialect = $("dialect");
  const format = $("format");
  const fixAll = $("fix-all");

  // The text last checked and its findings; `seq` drops stale answers.
  let checked = null;
  let seq = 0;
  let timer = 0;
  const rules = new Map();

  function say(message) {
    status.textContent = message;
  }

  // A server started with --api-keys answers 401 (no key) or 403 (a wrong
  // one): ask once, and keep the key for this tab only (sessionStorage).
  const KEY = "copydesk.apiKey";

  async function call(path, options) {
    for (let attempt = 0; ; attempt++) {
      const key = sessionStorage.getItem(KEY);
      const headers = Object.assign({}, options.headers);
      if (key) headers.Authorization = "Bearer " + key;
      const response = await fetch(path, Object.assign({}, options, { headers }));
      if ((response.status === 401 || response.status === 403) && attempt < 2) {
        const asked = window.prompt(
          response.status === 401
            ? "This server needs an API key. Key:"
            : "That key was refused. Key:",
        );
        if (asked) {
          sessionStorage.setItem(KEY, asked.trim());
          continue;
        }
      }
      return response;
    }
  }

  async function post(path, body) {
    const response = await call(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.text();
    if (!response.ok) throw new Error(answer);
    return JSON.parse(answer);
  }

  function request() {
    return { text: text.value, format: format.value, dialect: dialect.value };
  }

  async function check() {
    clearTimeout(timer);
    const mine = ++seq;
    const body = request();
    say("Checking…");
    try {
      const report = await post("/api/check", body);
      if (mine !== seq || text.value !== body.text) return;
      show(body.text, report.diagnostics);
    } catch (e) {
      if (mine === seq) say(String(e.message || e));
    }
  }

  function later() {
    clearTimeout(timer);
    checked = null;
    fixAll.disabled = true;
    timer = setTimeout(check, 400);
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // Underline every finding in the backdrop and list them, in one pass
  // each: a 5,000-word article with hundreds of findings stays fast.
  function show(source, diagnostics) {
    checked = { text: source, diagnostics };
    const marks = document.createDocumentFragment();
    let at = 0;
    diagnostics.forEach((d, i) => {
      const s = d.utf16.start;
      const e = Math.max(d.utf16.end, s);
      if (s < at) return; // overlaps the one before: listed, not underlined
      marks.append(source.slice(at, s));
      const m = document.createElement("mark");
      m.id = "m" + i;
      m.className = d.severity;
      m.textContent = source.slice(s, e);
      marks.append(m);
      at = e;
    });
    // A final line break needs something after it to take up its line.
    marks.append(source.slice(at) + "\n");
    highlights.replaceChildren(marks);

    const items = document.createDocumentFragment();
    diagnostics.forEach((d, i) => items.append(item(source, d, i)));
    list.replaceChildren(items);
    const safe = diagnostics.filter((d) => d.fix && d.fix.applicability === "safe").length;
    fixAll.disabled = safe === 0;
    none.hidden = diagnostics.length > 0;
    count.textContent = "(" + diagnostics.length + ")";
    say(
      diagnostics.length === 0
        ? "No findings."
        : plural(diagnostics.length, "finding", "findings") + ", " + plural(safe, "safe fix", "safe fixes") + "."
    );
    sync();
  }

  function excerpt(source, d) {
    const s = d.utf16.start;
    const e = d.utf16.end;
    const p = document.createElement("p");
    p.className = "quote";
    const from = Math.max(0, s - 30);
    const to = Math.min(source.length, e + 30);
    const b = document.createElement("b");
    b.textContent = source.slice(s, e);
    p.append(
      (from > 0 ? "…" : "") + source.slice(from, s),
      b,
      source.slice(e, to) + (to < source.length ? "…" : "")
    );
    return p;
  }

  function item(source, d, i) {
    const li = document.createElement("li");
    li.className = "finding";
    li.id = "f" + i;
    const msg = document.createElement("p");
    msg.className = "msg";
    const sev = document.createElement("span");
    sev.className = "sev " + d.severity;
    sev.textContent = d.severity;
    msg.append(sev, d.message);
    li.append(msg, excerpt(source, d));
    if (d.help) {
      const help = document.createElement("p");
      help.className = "help";
      help.textContent = "Help: " + d.help;
      li.append(help);
    }
    const actions = document.createElement("div");
    actions.className = "actions";
    const where = document.createElement("button");
    where.type = "button";
    where.className = "show";
    where.textContent = "Show";
    where.setAttribute("aria-label", "Show in the text: " + d.message);
    where.addEventListener("click", () => select(d));
    actions.append(where);
    if (d.fix) {
      const fix = d.fix;
      const old = source.slice(fix.utf16.start, fix.utf16.end);
      const b = document.createElement("button");
      b.type = "button";
      const unsafe = fix.applicability !== "safe";
      b.className = unsafe ? "fix unsafe" : "fix";
      b.textContent = unsafe ? "Fix (changes a fact)" : "Fix";
      const what = old === ""
        ? "insert “" + fix.replacement + "”"
        : fix.replacement === ""
          ? "delete “" + old + "”"
          : "replace “" + old + "” with “" + fix.replacement + "”";
      b.setAttribute("aria-label", (unsafe ? "Fix, changes a fact: " : "Fix: ") + what);
      b.title = what;
      b.addEventListener("click", () => apply(d));
      actions.append(b);
    }
    li.append(actions);
    const rule = rules.get(d.rule);
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "About " + d.rule;
    const pre = document.createElement("pre");
    pre.textContent = rule ? rule.explanation : d.rule;
    details.append(summary, pre);
    li.append(details);
    return li;
  }

  function select(d) {
    text.focus();
    text.setSelectionRange(d.utf16.start, d.utf16.end);
    const mark = document.getElementById("m" + checked.diagnostics.indexOf(d));
    if (mark) text.scrollTop = Math.max(0, mark.offsetTop - text.clientHeight / 3);
    sync();
    current();
  }

  function apply(d) {
    if (!checked || text.value !== checked.text) {
      say("The text changed since it was checked; checking again.");
      check();
      return;
    }
    const f = d.fix;
    const v = text.value;
    text.value = v.slice(0, f.utf16.start) + f.replacement + v.slice(f.utf16.end);
    const caret = f.utf16.start + f.replacement.length;
    text.focus();
    text.setSelectionRange(caret, caret);
    say("Fixed: " + d.message + ". Checking again…");
    check();
  }

  async function applyAllSafe() {
    const body = request();
    const mine = ++seq;
    say("Fixing…");
    try {
      const out = await post("/api/fix", body);
      if (mine !== seq || text.value !== body.text) return;
      text.value = out.text;
      show(out.text, out.report.diagnostics);
      say(
        "Applied " + plural(out.applied, "safe fix", "safe fixes") + "; " +
        plural(out.report.diagnostics.length, "finding", "findings") + " left."
      );
    } catch (e) {
      if (mine === seq) say(String(e.message || e));
    }
  }

  // The finding under the caret, highlighted in the text and the list.
  function current() {
    for (const el of document.querySelectorAll(".current")) el.classList.remove("current");
    if (!checked || text.value !== checked.text) return;
    const at = text.selectionStart;
    const i = checked.diagnostics.findIndex((d) => d.utf16.start <= at && at <= d.utf16.end);
    if (i < 0) return;
    const li = document.getElementById("f" + i);
    const mark = document.getElementById("m" + i);
    if (li) {
      li.classList.add("current");
      li.scrollIntoView({ block: "nearest" });
    }
    if (mark) mark.classList.add("current");
  }

  function sync() {
    backdrop.scrollTop = text.scrollTop;
  }

  text.addEventListener("input", later);
  text.addEventListener("scroll", sync);
  text.addEventListener("keyup", current);
  text.addEventListener("click", current);
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      check();
    }
  });
  $("check").addEventListener("click", check);
  fixAll.addEventListener("click", applyAllSafe);
  dialect.addEventListener("change", check);
  format.addEventListener("change", check);

  call("/api/rules", {})
    .then((r) => r.json())
    .then((info) => {
      for (const r of info.rules) rules.set(r.id, r);
      dialect.value = info.dialect;
    })
    .catch(() => {})
    .finally(() => {
      if (text.value) check();
    });
})();
