// The review page: every fact with its quotes; each decision is POSTed to /reviews.
// All text from the graph goes in through textContent (article text is untrusted).
"use strict";
const state = { rows: [], saved: {}, facts: [], filters: { council: "", kind: "", status: "" } };
const STATUSES = ["not reviewed", "confirmed", "corrected", "unsure", "wrong", "rejected"];

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function key(row) { return [row.fact, row.article, row.start, row.end].join("|"); }

function group(rows) {
  // one card per fact, its quotes together (a decision is about the whole fact)
  const by = new Map();
  for (const r of rows) {
    if (!by.has(r.fact)) by.set(r.fact, { fact: r.fact, rows: [] });
    by.get(r.fact).rows.push(r);
  }
  return [...by.values()];
}
function savedOf(fact) {
  let best = null;
  for (const r of fact.rows) {
    const d = state.saved[key(r)];
    if (d && (!best || d.seq > best.seq)) best = d;
  }
  return best;
}
function statusOf(fact) {
  const saved = savedOf(fact);
  if (saved) return saved.status;
  return fact.rows[0].status || "not reviewed";
}
function describe(r) {
  const parts = [r.person, r.role, r.organisation, r.rating, r.year].filter(x => x);
  return r.what || parts.join(" · ");
}

function card(fact) {
  const r = fact.rows[0];
  const box = el("div", "fact");
  box.dataset.fact = fact.fact;
  box.classList.add("st-" + statusOf(fact).replace(" ", "-"));
  const head = el("div");
  head.appendChild(el("span", "kind", r.kind));
  head.appendChild(el("b", "what", describe(r)));
  box.appendChild(head);
  const inGraph = r.status ? "in the graph: " + r.status + (r.reviewer ? " (" + r.reviewer + ", " + r.date + ")" : "")
                           : "in the graph: not reviewed";
  box.appendChild(el("div", "state graph-status", inGraph + (r.note ? " — " + r.note : "")));
  const saved = savedOf(fact);
  const savedLine = el("div", "state saved",
    saved ? "saved: " + saved.status + (Object.keys(saved.correction || {}).length ? " " + JSON.stringify(saved.correction) : "")
          + " by " + saved.reviewer + " on " + saved.date + " (applied by the next build)" : "");
  box.appendChild(savedLine);
  for (const row of fact.rows) {
    box.appendChild(el("div", "quote", "“" + row.quote + "”"));
    box.appendChild(el("div", "src", row.file + " [" + row.start + ":" + row.end + "]"));
  }
  const tools = el("div", "tools");
  const council = el("input", "council"); council.setAttribute("list", "councils"); council.placeholder = "council id"; council.size = 14;
  const role = el("select", "role");
  role.appendChild(el("option", "", "")).value = "";
  for (const name of state.roles) role.appendChild(el("option", "", name)).value = name;
  const year = el("input", "year"); year.placeholder = "year"; year.size = 5;
  const note = el("input", "note"); note.placeholder = "note"; note.size = 28;
  tools.append(el("span", "", "correct: "), council);
  if (r.kind !== "inspection") tools.append(role);
  if (r.kind === "inspection") tools.append(year);
  tools.append(note);
  for (const [cls, label, status] of [["confirm", "Confirm", "confirmed"], ["wrong", "Wrong", "wrong"], ["unsure", "Unsure", "unsure"]]) {
    const b = el("button", cls, label);
    b.type = "button";
    b.addEventListener("click", () => decide(fact, status, { council, role, year, note }));
    tools.appendChild(b);
  }
  box.appendChild(tools);
  return box;
}

async function decide(fact, status, inputs) {
  const r = fact.rows[0];
  const correction = {};
  if (inputs.council.value.trim()) correction.organisation = inputs.council.value.trim();
  if (r.kind !== "inspection" && inputs.role.value) correction.role = inputs.role.value;
  if (r.kind === "inspection" && inputs.year.value.trim()) correction.year = inputs.year.value.trim();
  const body = { fact: r.fact, article: r.article, start: r.start, end: r.end, status,
                 correction, note: inputs.note.value, reviewer: document.getElementById("reviewer").value };
  const problem = document.getElementById("problem");
  problem.textContent = "";
  const answer = await fetch("/reviews", { method: "POST", headers: { "Content-Type": "application/json" },
                                          body: JSON.stringify(body) });
  const text = await answer.text();
  if (!answer.ok) { problem.textContent = text; return; }
  const saved = JSON.parse(text);
  saved.seq = Date.now();
  state.saved[key(r)] = saved;
  render();
}

function visible(fact) {
  const f = state.filters, r = fact.rows[0];
  return (!f.council || r.organisation === f.council) && (!f.kind || r.kind === f.kind)
      && (!f.status || statusOf(fact) === f.status);
}
function render() {
  const main = document.getElementById("facts");
  main.replaceChildren();
  const shown = state.facts.filter(visible);
  for (const fact of shown) main.appendChild(card(fact));
  document.getElementById("count").textContent = "(" + shown.length + " of " + state.facts.length + " facts)";
}
function options(id, values) {
  const select = document.getElementById(id);
  for (const v of values) select.appendChild(el("option", "", v)).value = v;
  select.addEventListener("change", ev => { state.filters[id.slice(2)] = ev.target.value; render(); });
}

async function start() {
  const data = await (await fetch("/facts")).json();
  state.rows = data.rows; state.roles = data.roles; state.facts = group(data.rows);
  let seq = 0;
  for (const [k, d] of Object.entries(data.saved)) state.saved[k] = Object.assign(d, { seq: d.seq ?? seq++ });
  document.getElementById("reviewer").value = data.reviewer;
  document.getElementById("file").textContent = data.file;
  const list = document.getElementById("councils");
  for (const [id, name] of data.councils) { const o = el("option", "", name); o.value = id; list.appendChild(o); }
  options("f-council", [...new Set(data.rows.map(r => r.organisation).filter(x => x))].sort());
  options("f-kind", [...new Set(data.rows.map(r => r.kind))].sort());
  options("f-status", STATUSES);
  render();
  window.councilgraphReview = { ready: true, state };
}
start();
