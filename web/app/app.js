// The web app's core: language, navigation, calls to the JSON API (docs/api.md), following a
// run's progress, and showing a results document. Charts are drawn by the shared chart module
// (samspelCharts, web/src/charts.js); this file draws none itself.
"use strict";

const app = {
  lang: localStorage.getItem("samspel-lang") || "sv",
  parameters: null,   // GET /api/parameters
  onLanguage: [],     // re-render callbacks
};

function t(key) {
  return window.samspelTexts[app.lang][key] ?? key;
}

function el(tag, attributes = {}, ...children) {
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

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : {"Content-Type": "application/json"},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) {
    const error = new Error(response.status === 429 ? t("busy") : data.error);
    error.status = response.status;
    throw error;
  }
  return data;
}

// Starts a simulation (POST path) and follows it until it is done; `progress(done, total)`.
async function runJob(path, body, progress) {
  const started = await api("POST", path, body);
  for (;;) {
    const status = await api("GET", started.status_url);
    progress(status.done, status.total);
    if (status.status === "done") return status.result;
    if (status.status === "failed") throw new Error(status.error);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// A run button with a progress bar and an error line: `work(progress)` returns a promise.
function runPanel(label, work, show) {
  const bar = el("progress", {max: 1, value: 0, hidden: true, "data-testid": "progress"});
  const note = el("span", {class: "note"});
  const error = el("p", {class: "error", role: "alert", "data-testid": "error"});
  const button = el("button", {class: "primary", "data-testid": "run"});
  button.textContent = t(label);
  button.addEventListener("click", async () => {
    error.textContent = "";
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
      error.textContent = `${t("error")}: ${e.message}`;
    } finally {
      button.disabled = false;
    }
  });
  return el("div", {class: "run-panel"}, button, bar, note, error);
}

// The metrics of the CLI's summary table (io::summary_table), in its order.
const summaryMetrics = [
  "cooperation_kso_ceo", "effective_trust_kso_ceo", "fit_ideas", "consensus_pre_discussion",
  "belief_diversity", "performance", "satisfaction", "vision_vacuum",
];

// Labels from the shared i18n.js (web/src/i18n.js) when it is there.
function metricLabel(name) {
  const i18n = window.samspelI18n;
  return i18n ? i18n.metric(app.lang, name) : name;
}

function measureLabel(name) {
  const i18n = window.samspelI18n;
  return i18n ? i18n.measure(app.lang, name) : name;
}

function fixed(v, digits = 3) {
  return v === null || v === undefined ? "–" : Number(v).toFixed(digits);
}

// The first and last month of each summary metric, as `samspel run` prints them.
function summaryTable(doc, variant = 0) {
  const series = docSeries(doc, variant);
  const last = docMonths(doc).length - 1;
  const rows = summaryMetrics.map((m) => {
    const s = series[m];
    return el("tr", {"data-metric": m},
      el("th", {scope: "row", title: m, text: metricLabel(m)}),
      el("td", {"data-testid": `first-${m}`, text: fixed(s.mean[0])}),
      el("td", {"data-testid": `last-${m}`,
                text: `${fixed(s.mean[last])} [${fixed(s.q05[last])}, ${fixed(s.q95[last])}]`}));
  });
  return el("table", {class: "summary", "data-testid": "summary"},
    el("thead", {}, el("tr", {}, el("th", {text: t("metric")}), el("th", {text: t("firstMonth")}),
                        el("th", {text: t("lastMonth")}))),
    el("tbody", {}, rows));
}

// Accessors of the results document (docs/report.md), so the pages do not depend on its layout.
function docMonths(doc) { return doc.months; }
function docSeries(doc, configuration) { return doc.configurations[configuration].bands; }
function docMeasure(list, name) { return list.find((m) => m.name === name) || {}; }

// Charts by the shared chart module; `draw(charts, box, item)` draws one per item.
function drawCharts(container, items, draw) {
  container.replaceChildren();
  const charts = window.samspelCharts;
  if (!charts) {
    container.append(el("p", {class: "note", text: t("chartsMissing")}));
    return;
  }
  for (const item of items) {
    const box = el("div", {class: "chart", "data-chart": String(item)});
    container.append(box);
    draw(charts, box, item);
  }
}

function fanCharts(container, doc, metrics, configuration = 0) {
  drawCharts(container, metrics, (charts, box, m) =>
    charts.fanChart(box, doc, m, {lang: app.lang, configuration}));
}

function setLanguage(lang) {
  app.lang = lang;
  localStorage.setItem("samspel-lang", lang);
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-text]")) node.textContent = t(node.dataset.text);
  for (const f of app.onLanguage) f();
}

const pages = {};  // name -> {render(root)}, filled by pages.js

function show(name) {
  const page = pages[name] ? name : "build";
  for (const a of document.querySelectorAll("nav a")) {
    a.classList.toggle("current", a.dataset.page === page);
  }
  const root = document.getElementById("page");
  root.replaceChildren();
  app.onLanguage = [];
  pages[page].render(root);
}

async function start() {
  app.parameters = await api("GET", "/api/parameters");
  document.getElementById("language").addEventListener("click", () => {
    setLanguage(app.lang === "sv" ? "en" : "sv");
    show(location.hash.slice(1));
  });
  window.addEventListener("hashchange", () => show(location.hash.slice(1)));
  setLanguage(app.lang);
  show(location.hash.slice(1));
  document.body.dataset.ready = "true";
}

window.addEventListener("DOMContentLoaded", start);
