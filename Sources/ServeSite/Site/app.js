// The run browser of `ccts serve`: plain DOM calls on the JSON API (/openapi.json), no library.
// Every text from the server goes in through textContent, never as HTML; a report page is shown
// in a sandboxed frame that runs no script.
"use strict";

const $ = (id) => document.getElementById(id);
let token = localStorage.getItem("ccts-token") || "";
let examples = [];
let shownRun = null;
/** Numbers as the reports print them: international grouping (1,234,567), whatever the browser's locale. */
const grouped = (n) => n.toLocaleString("en-GB");

/** fetch with the API token; a JSON error body becomes an Error carrying its message. */
async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token) headers["Authorization"] = "Bearer " + token;
  // a write is always JSON: the server refuses writes a cross-site form could send
  if (options.method && options.method !== "GET") headers["Content-Type"] = "application/json";
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { message = (await response.json()).error.message; } catch (_) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text == null ? "" : String(text);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function say(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "quiet";
}

/** The server's state and the caller's role; false when the server needs a token the page lacks. */
async function showStatus() {
  try {
    const status = await (await api("/api/status")).json();
    say("ccts " + status.version + " — you act as " + status.role + (status.entity ? " of entity " + status.entity : "")
        + "; jobs computing " + status.jobs_running + " of " + status.job_slots + ", queued " + status.jobs_queued
        + (status.tokens_in_force ? "" : "; no tokens in this store: every request is the local admin"));
    // a viewer reads; only an analyst or an admin is offered the form that submits
    $("submit-section").hidden = status.role === "viewer";
    return true;
  } catch (error) {
    say(token ? error.message : "This server needs an API token: enter it above (ccts tokens add gives one).", true);
    return false;
  }
}

/** Everything the page shows, once the server lets the caller in. */
async function refresh() {
  if (!(await showStatus())) return;
  loadRuns();
  if (examples.length === 0) loadExamples();
}

async function loadRuns() {
  const query = new URLSearchParams();
  if ($("filter-scenario").value) query.set("scenario", $("filter-scenario").value);
  if ($("filter-kind").value) query.set("kind", $("filter-kind").value);
  if ($("filter-status").value) query.set("status", $("filter-status").value);
  const body = $("runs").tBodies[0];
  try {
    const listing = await (await api("/api/runs?" + query)).json();
    body.replaceChildren();
    for (const item of listing.runs) {
      const run = item.run;
      const row = document.createElement("tr");
      row.dataset.run = run.id;
      if (run.status === "failed") row.className = "failed";
      const tick = document.createElement("input");
      tick.type = "checkbox";
      tick.value = run.id;
      tick.setAttribute("aria-label", "tick run " + run.id);
      tick.addEventListener("change", updateDiffButton);
      row.appendChild(document.createElement("td")).appendChild(tick);
      cell(row, run.id, "num");
      cell(row, run.created);
      const state = cell(row, run.status);
      if (run.error) state.title = run.error;
      cell(row, run.kind);
      cell(row, run.scenario);
      cell(row, item.entity);
      cell(row, run.worlds == null ? "" : grouped(run.worlds), "num");
      cell(row, run.wall_seconds == null ? "" : run.wall_seconds.toFixed(2), "num");
      const open = document.createElement("button");
      open.type = "button";
      open.className = "link open-report";
      if (run.status === "failed") {
        open.textContent = "why it failed";
        open.addEventListener("click", () => showFailure(run.id));
      } else {
        open.textContent = "report";
        open.disabled = run.status !== "completed";
        open.addEventListener("click", () => openReport(run.id, run.scenario));
      }
      row.appendChild(document.createElement("td")).appendChild(open);
      body.appendChild(row);
    }
    $("runs-empty").hidden = listing.runs.length > 0;
    updateDiffButton();
  } catch (error) { say(error.message, true); }
}

function ticked() {
  return [...document.querySelectorAll("#runs tbody input:checked")].map((box) => box.value);
}

function updateDiffButton() { $("diff-button").disabled = ticked().length !== 2; }

function showView(title) {
  $("view-section").hidden = false;
  $("view-title").textContent = title;
  $("view-section").scrollIntoView();
}

async function openReport(id, scenario) {
  shownRun = id;
  showView("Run " + id + " — " + scenario);
  $("diff").hidden = true;
  const frame = $("report");
  frame.hidden = false;
  frame.srcdoc = "<p style='font-family:sans-serif'>Rendering the report…</p>";
  for (const [link, format] of [["view-export", "csv"], ["view-export-json", "json"], ["view-export-xlsx", "xlsx"]]) {
    $(link).hidden = false;
    $(link).href = "#";
    $(link).onclick = (event) => { event.preventDefault(); download(id, format); };
  }
  try {
    const page = await (await api("/api/runs/" + id + "/report")).text();
    if (shownRun === id) frame.srcdoc = page;
  } catch (error) {
    frame.srcdoc = "";
    say(error.message, true);
  }
}

/** A failed run's whole message (a listing cuts long ones). */
async function showFailure(id) {
  try {
    const run = await (await api("/api/runs/" + id)).json();
    showView("Run " + id + " failed");
    $("report").hidden = true;
    for (const link of ["view-export", "view-export-json", "view-export-xlsx"]) $(link).hidden = true;
    const box = $("diff");
    box.hidden = false;
    const pre = document.createElement("pre");
    pre.className = "error";
    pre.textContent = run.run.error || "(no message)";
    box.replaceChildren(pre);
  } catch (error) { say(error.message, true); }
}

async function download(id, format) {
  try {
    const blob = await (await api("/api/runs/" + id + "/export?format=" + format)).blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "run-" + id + "." + format;
    link.click();
    URL.revokeObjectURL(link.href);
  } catch (error) { say(error.message, true); }
}

async function showDiff() {
  const [second, first] = ticked();   // the list is newest first: the older run is "before"
  try {
    const document_ = await (await api("/api/runs/" + first + "/diff/" + second)).json();
    const diff = document_.results;
    showView("Run " + first + " against run " + second);
    $("report").hidden = true;
    for (const id of ["view-export", "view-export-json", "view-export-xlsx"]) $(id).hidden = true;
    const box = $("diff");
    box.hidden = false;
    box.replaceChildren();
    box.appendChild(table(["Input", "Run " + first, "Run " + second], diff.inputs.map((c) => [c.what, c.old, c.new]),
                          "No input differs."));
    box.appendChild(table(["Year", "Metric", "Run " + first, "Run " + second, "Change"],
                          diff.metrics.map((m) => [m.year, m.metric, m.old, m.new, m.change]), "No metric differs.", [2, 3, 4]));
  } catch (error) { say(error.message, true); }
}

function table(header, rows, empty, numeric = []) {
  if (rows.length === 0) {
    const p = document.createElement("p");
    p.textContent = empty;
    return p;
  }
  const t = document.createElement("table");
  const head = t.createTHead().insertRow();
  header.forEach((h, i) => { const th = document.createElement("th"); th.textContent = h; if (numeric.includes(i)) th.className = "num"; head.appendChild(th); });
  const body = t.createTBody();
  for (const values of rows) {
    const row = body.insertRow();
    values.forEach((v, i) => cell(row, v, numeric.includes(i) ? "num" : ""));
  }
  return t;
}

async function loadExamples() {
  try {
    examples = (await (await api("/api/examples")).json()).examples;
    for (const example of examples) {
      const option = document.createElement("option");
      option.value = example.name;
      option.textContent = example.path;
      $("example").appendChild(option);
    }
  } catch (error) { say(error.message, true); }
}

function useExample() {
  const example = examples.find((e) => e.name === $("example").value);
  if (!example) return;
  if (example.path.includes("reforms/")) {
    $("reform-name").value = example.name;
    $("reform-text").value = example.text;
  } else if ($("submit-kind").value === "pathway" && example.name.startsWith("measures-")) {
    $("measures-name").value = example.name;
    $("measures-text").value = example.text;
  } else {
    $("scenario-name").value = example.name;
    $("scenario-text").value = example.text;
  }
}

/** The chosen table files, as the API takes them: CSV as text, a workbook as base64. */
async function tables() {
  const folder = $("table-folder").value.trim().replace(/^\/+|\/+$/g, "");
  const chosen = [];
  for (const file of $("tables").files) {
    const name = (folder ? folder + "/" : "") + file.name;
    if (file.name.toLowerCase().endsWith(".xlsx")) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = "";
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      chosen.push({ name, base64: btoa(binary) });
    } else {
      chosen.push({ name, text: await file.text() });
    }
  }
  return chosen;
}

async function request() {
  const kind = $("submit-kind").value;
  const file = { name: $("scenario-name").value, text: $("scenario-text").value };
  const body = { kind };
  if (kind === "compare") body.scenarios = [file]; else body.scenario = file;
  if (kind === "pathway") {
    body.measures = { name: $("measures-name").value, text: $("measures-text").value };
    if ($("optimise").checked) body.optimise = true;
  }
  if ($("iterations").value) body.iterations = Number($("iterations").value);
  if ($("seed").value) body.seed = Number($("seed").value);
  const sets = $("sets").value.split("\n").map((line) => line.trim()).filter((line) => line);
  if (sets.length) body.set = sets;
  if ($("reform-text").value.trim()) body.reforms = [{ name: $("reform-name").value, text: $("reform-text").value }];
  const chosen = await tables();
  if (chosen.length) body.tables = chosen;
  return body;
}

async function submit(event) {
  event.preventDefault();
  $("job").hidden = false;
  $("job-open").hidden = true;
  $("job-progress").value = 0;
  $("job-progress").removeAttribute("value");   // indeterminate until the first progress
  $("job-state").textContent = "submitting…";
  $("job-state").className = "";
  try {
    const job = await (await api("/api/jobs", { method: "POST", body: JSON.stringify(await request()) })).json();
    await follow(job);
  } catch (error) {
    $("job-state").textContent = error.message;
    $("job-state").className = "error";
  }
}

/** Follows a job's server-sent events (read through fetch, so the token goes in a header). */
async function follow(job) {
  show(job);
  const response = await api("/api/jobs/" + job.id + "/events");
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
      if (data) show(JSON.parse(data));
    }
  }
  loadRuns();
  showStatus();
}

function show(job) {
  const bar = $("job-progress"), state = $("job-state");
  state.dataset.status = job.status;
  state.className = job.status === "failed" ? "error" : "";
  if (job.status === "queued") {
    state.textContent = "job " + job.id + ": queued, position " + job.position;
  } else if (job.status === "running") {
    if (job.progress) {
      bar.value = job.progress.done / job.progress.total;
      state.textContent = "job " + job.id + ": " + grouped(job.progress.done) + " of "
        + grouped(job.progress.total) + " worlds";
    } else state.textContent = "job " + job.id + ": computing";
  } else if (job.status === "completed") {
    bar.value = 1;
    state.textContent = "job " + job.id + ": completed as run " + job.run;
    state.dataset.run = job.run;
    $("job-open").hidden = false;
    $("job-open").onclick = () => openReport(job.run, "job " + job.id);
  } else {
    bar.value = 0;
    state.textContent = "job " + job.id + " failed: " + job.error;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("token").value = token;
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    token = $("token").value.trim();
    localStorage.setItem("ccts-token", token);
    refresh();
  });
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); loadRuns(); });
  for (const id of ["filter-kind", "filter-status"]) $(id).addEventListener("change", loadRuns);
  $("diff-button").addEventListener("click", showDiff);
  $("view-close").addEventListener("click", () => { $("view-section").hidden = true; shownRun = null; });
  $("example").addEventListener("change", useExample);
  $("submit-kind").addEventListener("change", () => { $("measures-block").hidden = $("submit-kind").value !== "pathway"; });
  $("submit-form").addEventListener("submit", submit);
  refresh();
});
