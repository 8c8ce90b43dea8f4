// The web app's core: state (kept across reloads in local storage), language, calls to the JSON
// API (docs/api.md), following a run, errors in the reader's language, downloads. Labels of
// measures, events and parameters come from the shared i18n module, the page's own texts from
// texts.js; charts from the shared chart module. Nothing here is a global.
import {charts, i18n} from "./shared.js";
import {texts} from "./texts.js";

export {charts, i18n};

const stateKey = "samspel-state";

export const app = {
  lang: localStorage.getItem("samspel-lang") || "sv",
  parameters: null,   // GET /api/parameters
  onLanguage: [],     // re-render callbacks
  scenario: null,     // the build page's scenario, as the API takes it
  variants: null,     // the compare page's strategies
  answers: {},        // the self-assessment's answers
  results: {},        // page -> {doc, stale}
};

export function t(key) {
  return texts[app.lang][key] ?? texts.en[key] ?? key;
}

export const num = (v, digits = 3) => i18n.number(app.lang, v, digits);

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c);
  }
  return node;
}

// The short label of a run setting or an event's field in the reader's language, as
// /api/parameters gives it from the server's table.
export function label(spec) {
  return spec.label?.[app.lang] ?? spec.label?.en ?? spec.name;
}

// The run settings' defaults as /api/parameters gives them.
export function runDefaults() {
  const out = {};
  for (const r of app.parameters.run) out[r.key.replace(/^run\./, "")] = r.default;
  return out;
}

export function save() {
  const state = {scenario: app.scenario, variants: app.variants, answers: app.answers,
                 results: app.results};
  try {
    localStorage.setItem(stateKey, JSON.stringify(state));
  } catch {
    // Too large for local storage: keep the inputs, drop the results.
    try {
      localStorage.setItem(stateKey, JSON.stringify({...state, results: {}}));
    } catch { /* storage unavailable: the page still works */ }
  }
}

function restore() {
  let state = {};
  try {
    state = JSON.parse(localStorage.getItem(stateKey) || "{}") || {};
  } catch { /* a damaged entry is ignored */ }
  app.scenario = state.scenario || {run: runDefaults()};
  app.variants = state.variants || [
    {label: "A", strategy: {}},
    {label: "B", strategy: {foundation: "roles", role_dialogue: "recurring"}},
  ];
  app.answers = state.answers || {};
  app.results = state.results || {};
}

// An error of the API: the server's English text, its stable code and the field it names
// (docs/api.md, Conventions); the page says it in the reader's language.
export class ApiError extends Error {
  constructor(message, {status = 0, code = "error", field = null} = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field ?? fieldOf(message);
  }
}

// "<field>: <problem>; allowed: ..." names its field first, a nested one in several segments
// ("scenario: run.years: ..."): the same reading as the server's `field` (docs/api.md).
function fieldOf(message) {
  const parts = [];
  let rest = message || "";
  for (let m = /^([^\s:'"]+): /.exec(rest); m; m = /^([^\s:'"]+): /.exec(rest)) {
    parts.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  return parts.length ? parts.join(".") : null;
}

export async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : {"Content-Type": "application/json"},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    // fetch rejects only when no answer came (the server was stopped); the browser's own words
    // for that ("Failed to fetch") tell the reader neither what happened nor what to do.
    throw new ApiError(e.message, {code: "unreachable"});
  }
  const data = await response.json();
  if (!response.ok) {
    throw new ApiError(data.error, {status: response.status, code: data.code, field: data.field});
  }
  return data;
}

// Starts a simulation (POST path) and follows it until it is done; `progress(done, total)`.
export async function runJob(path, body, progress) {
  const started = await api("POST", path, body);
  for (;;) {
    const status = await api("GET", started.status_url);
    progress(status.done, status.total);
    if (status.status === "done") return status.result;
    if (status.status === "failed") throw new ApiError(status.error, {code: "failed"});
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// The dictionary entry, run setting or event key a field of a request names.
function fieldSpec(field) {
  const key = field.replace(/^scenario\./, "").replace(/^variants\[\d+\]\.changes\./, "");
  const parameter = app.parameters.parameters.find((p) => p.key === key);
  if (parameter) return {kind: "parameter", spec: parameter};
  const run = app.parameters.run.find((r) => r.key === key);
  if (run) return {kind: "run", spec: run};
  return null;
}

export function fieldLabel(field) {
  const found = fieldSpec(field);
  if (found?.kind === "parameter") {
    return i18n.parameter(app.lang, found.spec.name)?.label ?? found.spec.name;
  }
  if (found?.kind === "run") return label(found.spec);
  const event = /events\[(\d+)\]/.exec(field);
  if (event) return `${t("events")} ${Number(event[1]) + 1}`;
  return field;
}

// What a field allows, in words: from /api/parameters, never repeated here.
export function allowedText(spec) {
  if (!spec) return "";
  if (spec.kind === "choice") {
    return spec.choices.map((c) => i18n.choice(app.lang, spec.key, c)).join(", ");
  }
  if (spec.kind === "boolean") return t("yesNo");
  if (spec.kind === "month") return t("monthFormat");
  const digits = spec.kind === "integer" ? 0 : (Number.isInteger(spec.low) && Number.isInteger(spec.high) ? 0 : 2);
  const low = spec.low === undefined ? null : num(spec.low, digits);
  const high = spec.high === undefined ? null : num(spec.high, digits);
  const what = spec.kind === "integer" ? t("integer") : t("numberWord");
  if (low !== null && high !== null) return `${what} ${low}–${high}`;
  if (low !== null) return `${what} ≥ ${low}`;
  return what;
}

// The error in the reader's language: what went wrong and, for a field, what it allows. In
// English the server's own text follows, as it is English already.
export function errorText(e) {
  if (!(e instanceof ApiError)) return `${t("error")}: ${e.message}`;
  if (e.code === "busy" || e.status === 429) return t("busy");
  if (e.code === "unreachable") return t("error_unreachable");
  // A field the page cannot name in words (the request's own structure) gets the general text.
  if (e.field && (fieldSpec(e.field) || /events\[\d+\]/.test(e.field))) {
    const found = fieldSpec(e.field);
    const allowed = found ? allowedText(found.spec) : "";
    const own = `${fieldLabel(e.field)}: ${t("badValue")}${allowed ? ` ${t("allowed")}: ${allowed}.` : ""}`;
    return app.lang === "en" ? `${own} (${e.message})` : own;
  }
  const general = t(`error_${e.code}` in texts[app.lang] ? `error_${e.code}` : "error_error");
  return app.lang === "en" ? `${general} (${e.message})` : general;
}

// A run button with a progress bar and an error line: `work(progress)` returns a promise.
// On failure the old results are marked stale and `onError(e)` may point at the bad field.
export function runPanel(label, work, show, {results, onError} = {}) {
  const bar = el("progress", {max: 1, value: 0, hidden: true, "data-testid": "progress"});
  const note = el("span", {class: "note"});
  const error = el("p", {class: "error", role: "alert", "data-testid": "error"});
  const button = el("button", {class: "primary", "data-testid": "run"});
  button.textContent = t(label);
  button.addEventListener("click", async () => {
    error.textContent = "";
    clearInvalid();
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    note.textContent = t("running");
    try {
      const result = await work((done, total) => {
        bar.max = total;
        bar.value = done;
        note.textContent = `${done} / ${total} ${t("replicatesDone")}`;
      });
      note.textContent = t("done");
      show(result);
    } catch (e) {
      note.textContent = t("failed");
      bar.hidden = true;
      error.textContent = errorText(e);
      if (results) markStale(results);
      const marked = e instanceof ApiError && e.field && onError ? onError(e) : null;
      (marked || error).scrollIntoView({block: "center"});
      if (marked) marked.focus();
    } finally {
      button.disabled = false;
    }
  });
  return el("div", {class: "run-panel"}, button, bar, note, error);
}

export function markStale(results) {
  if (!results.firstChild || results.classList.contains("stale")) return;
  results.classList.add("stale");
  results.prepend(el("p", {class: "stale-note", "data-testid": "stale", text: t("stale")}));
}

export function markInvalid(input, message) {
  if (!input) return null;
  input.classList.add("invalid");
  input.setAttribute("aria-invalid", "true");
  const note = el("p", {class: "field-error", "data-testid": "field-error", text: message});
  (input.closest(".field, .event") || input).after(note);
  input.addEventListener("input", clearInvalid, {once: true});
  return input;
}

function clearInvalid() {
  for (const n of document.querySelectorAll(".invalid")) {
    n.classList.remove("invalid");
    n.removeAttribute("aria-invalid");
  }
  for (const n of document.querySelectorAll(".field-error")) n.remove();
}

// Downloads ----------------------------------------------------------------------------------

export function download(name, type, text) {
  const url = typeof text === "string" && text.startsWith("data:") ? text
      : URL.createObjectURL(new Blob([text], {type}));
  const a = el("a", {href: url, download: name});
  document.body.append(a);
  a.click();
  a.remove();
  if (!url.startsWith("data:")) setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function tomlValue(v) {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v);
}

// The scenario as a TOML file `samspel run` reads (docs/scenarios.md).
export function scenarioToml(scenario) {
  const lines = [];
  const tables = [];
  for (const [k, v] of Object.entries(scenario)) {
    if (v !== null && typeof v === "object") tables.push([k, v]);
    else lines.push(`${k} = ${tomlValue(v)}`);
  }
  for (const [k, v] of tables) {
    if (Array.isArray(v)) {
      for (const item of v) {
        lines.push("", `[[${k}]]`);
        for (const [ik, iv] of Object.entries(item)) lines.push(`${ik} = ${tomlValue(iv)}`);
      }
    } else if (Object.keys(v).length > 0) {
      lines.push("", `[${k}]`);
      for (const [ik, iv] of Object.entries(v)) lines.push(`${ik} = ${tomlValue(iv)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

// The per-run measures of every configuration (and the paired differences of a comparison)
// as CSV, numbers as JSON writes them.
export function resultsCsv(doc) {
  const rows = [["configuration", "label", "measure", "mean", "low", "high", "q05", "q95", "n"]];
  const cell = (v) => (v === null || v === undefined ? "" : String(v));
  const quote = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  doc.configurations.forEach((c, i) => {
    for (const m of c.measures || []) {
      rows.push([String(i), c.label, m.name, cell(m.mean), cell(m.low), cell(m.high), cell(m.q05),
                 cell(m.q95), cell(m.n)]);
    }
  });
  for (const d of doc.differences || []) {
    for (const m of d.measures || []) {
      rows.push([`${d.variant}-0`, d.label, m.name, cell(m.mean), cell(m.low), cell(m.high), "", "",
                 cell(m.n)]);
    }
  }
  return `${rows.map((r) => r.map(quote).join(",")).join("\n")}\n`;
}

// Buttons that download the scenario, the results and the provenance, with the seed shown.
export function takeAway(doc, scenario, stem) {
  const buttons = [];
  if (scenario) {
    buttons.push(el("button", {type: "button", "data-testid": "download-toml", text: t("downloadToml"),
      onclick: () => download(`${stem}.toml`, "application/toml", scenarioToml(scenario))}));
  }
  buttons.push(
    el("button", {type: "button", "data-testid": "download-csv", text: t("downloadCsv"),
      onclick: () => download(`${stem}.csv`, "text/csv", resultsCsv(doc))}),
    el("button", {type: "button", "data-testid": "download-json", text: t("downloadJson"),
      onclick: () => download(`${stem}.json`, "application/json", JSON.stringify(doc, null, 1))}));
  const provenance = doc.provenance || {};
  const seed = scenario?.run?.seed ?? provenance.seed ?? provenance.scenario?.run?.seed;
  const {parameters, ...rest} = provenance;
  return el("section", {class: "take-away", "data-testid": "take-away"},
    el("h2", {text: t("takeAway")}),
    el("p", {class: "seed", "data-testid": "seed"},
       `${label(app.parameters.run.find((r) => r.name === "seed"))}: ${seed ?? "–"} · ${doc.replicates ?? "–"} ${t("replicatesWord")} · `,
       `${doc.months?.[0] ?? ""} – ${doc.months?.[doc.months.length - 1] ?? ""}`),
    el("div", {class: "buttons"}, buttons),
    el("details", {"data-testid": "provenance"}, el("summary", {text: t("provenance")}),
       el("pre", {text: JSON.stringify(rest, null, 2)})));
}

// Charts ---------------------------------------------------------------------------------------

// Charts by the shared chart module; `draw(box, item)` draws one per item and returns the
// promise of vega-embed's result, whose view gives each chart's PNG and SVG.
export function drawCharts(container, items, draw, stem) {
  container.replaceChildren();
  items.forEach((item, k) => {
    const box = el("div", {class: "chart-box"});
    const chart = el("div", {class: "chart", "data-chart": String(item)});
    box.append(chart);
    container.append(box);
    Promise.resolve(draw(chart, item)).then((result) => {
      const view = result?.view;
      if (!view) return;
      const name = `${stem}-${k + 1}`;
      box.append(el("div", {class: "chart-downloads"},
        el("button", {type: "button", class: "small", "data-testid": "download-png", text: "PNG",
          "aria-label": `${t("downloadChart")} PNG`,
          onclick: async () => download(`${name}.png`, "image/png", await view.toImageURL("png", 2))}),
        el("button", {type: "button", class: "small", "data-testid": "download-svg", text: "SVG",
          "aria-label": `${t("downloadChart")} SVG`,
          onclick: async () => download(`${name}.svg`, "image/svg+xml", await view.toSVG())})));
    });
  });
}

// What the lines, bands and rules of the charts mean, in the words the report uses.
export function legend() {
  return el("details", {class: "legend", "data-testid": "legend", open: true},
    el("summary", {text: i18n.t(app.lang, "legend")}),
    el("p", {text: i18n.t(app.lang, "fanNote")}));
}

export function fanCharts(container, doc, metrics, configuration = 0) {
  drawCharts(container, metrics,
    (box, m) => charts.fanChart(box, doc, m, {lang: app.lang, configuration}), "chart");
}

// Navigation -----------------------------------------------------------------------------------

export const pages = {};  // name -> {render(root)}, filled by pages.js

function show(name) {
  const page = pages[name] ? name : "build";
  for (const a of document.querySelectorAll("nav a")) {
    a.classList.toggle("current", a.dataset.page === page);
    if (a.dataset.page === page) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const root = document.getElementById("page");
  root.replaceChildren();
  pages[page].render(root);
}

function setLanguage(lang) {
  app.lang = lang;
  localStorage.setItem("samspel-lang", lang);
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-text]")) node.textContent = t(node.dataset.text);
}

export async function start() {
  app.parameters = await api("GET", "/api/parameters");
  restore();
  document.getElementById("language").addEventListener("click", () => {
    setLanguage(app.lang === "sv" ? "en" : "sv");
    show(location.hash.slice(1));
  });
  window.addEventListener("hashchange", () => show(location.hash.slice(1)));
  setLanguage(app.lang);
  show(location.hash.slice(1));
  document.body.dataset.ready = "true";
}
