// The four pages: build and run, compare strategies, self-assessment, presets. Controls are made
// from GET /api/parameters (the parameter dictionary and the table of run settings and events),
// so no range or default is repeated here; the labels of run settings and event fields come
// with them, those of parameters, events and choice values from the shared i18n module.
import {
  allowedText, api, app, charts, drawCharts, el, fanCharts, i18n, label, legend, markInvalid, num,
  pages, runDefaults, runJob, runPanel, save, t, takeAway,
} from "./app.js";

// A real number as typed in the page's language: all its digits, a decimal comma in Swedish.
function decimalText(v) {
  return app.lang === "sv" ? String(v).replace(".", ",") : String(v);
}

function parameterValue(scenario, spec) {
  const section = scenario[spec.section] || {};
  return spec.name in section ? section[spec.name] : spec.default;
}

function setParameter(scenario, spec, value) {
  scenario[spec.section] = scenario[spec.section] || {};
  if (value === spec.default || value === null) delete scenario[spec.section][spec.name];
  else scenario[spec.section][spec.name] = value;
  save();
}

// One control for a dictionary entry; `scenario` is updated in place. `prefix` keeps ids unique
// where several strategies are on one page.
function control(scenario, spec, prefix = "") {
  const id = `${prefix}p-${spec.key}`;
  const value = parameterValue(scenario, spec);
  let input;
  if (spec.kind === "choice") {
    input = el("select", {id},
      spec.choices.map((c) => el("option", {value: c, text: i18n.choice(app.lang, spec.key, c)})));
    input.value = value;
    input.addEventListener("change", () => setParameter(scenario, spec, input.value));
  } else if (spec.kind === "boolean") {
    input = el("input", {id, type: "checkbox"});
    input.checked = value;
    input.addEventListener("change", () => setParameter(scenario, spec, input.checked));
  } else if (spec.kind === "integer") {
    input = el("input", {id, type: "number", min: spec.low, max: spec.high, step: 1,
                         placeholder: value === null ? t("derived") : ""});
    if (value !== null) input.value = value;
    input.addEventListener("change", () => {
      const text = input.value.trim();
      // Integers stay integers in JSON: 30000, not 30000.0.
      setParameter(scenario, spec, text === "" ? null : Number(text));
    });
  } else {
    // A text field, so that a real number is written and read in the page's language (0,3 in
    // Swedish); what does not read as a number goes to the server as typed, which names the
    // field in its refusal.
    input = el("input", {id, type: "text", inputmode: "decimal", size: 8,
                         placeholder: value === null ? t("derived") : ""});
    if (value !== null) input.value = decimalText(value);
    input.addEventListener("change", () => {
      const text = input.value.trim();
      const number = Number(text.replace(",", ".").replace("−", "-"));
      setParameter(scenario, spec, text === "" ? null : (Number.isFinite(number) ? number : text));
    });
  }
  // The model's constants are for researchers: in Swedish their name and meaning with the
  // dictionary key, so that a constant can be found in the scenario file and the docs; in
  // English the dictionary's own words.
  const own = spec.section === "model" ? i18n.model(app.lang, spec.name)
    : i18n.parameter(app.lang, spec.name);
  const english = spec.name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  const label = own ? own.label : english;
  const about = !own ? spec.meaning : (spec.section === "model" ? `${own.about} (${spec.key})` : own.about);
  const unit = spec.unit ? i18n.unit(app.lang, spec.unit) : "";
  return el("div", {class: "field", title: about},
    el("label", {for: id, text: label}),
    input,
    el("span", {class: "unit", text: [unit, allowedText(spec)].filter(Boolean).join(" · ")}));
}

function sectionControls(scenario, section) {
  return app.parameters.parameters.filter((p) => p.section === section).map((p) => control(scenario, p));
}

function runControls(scenario) {
  const run = scenario.run;
  const spec = Object.fromEntries(app.parameters.run.map((r) => [r.key.replace(/^run\./, ""), r]));
  const field = (key, attrs, parse) => {
    const s = spec[key];
    const input = el("input", {id: `run-${key}`, min: s.low, max: s.high, ...attrs});
    input.value = run[key] ?? s.default;
    input.addEventListener("change", () => {
      run[key] = parse(input.value);
      save();
    });
    return el("div", {class: "field"}, el("label", {for: `run-${key}`, text: label(s)}), input,
      el("span", {class: "unit", text: allowedText(s)}));
  };
  return [
    field("start", {type: "text", pattern: "\\d{4}-\\d{2}"}, (v) => v),
    field("years", {type: "number"}, Number),
    field("replicates", {type: "number"}, Number),
    field("seed", {type: "number"}, Number),
  ];
}

function eventControls(scenario, container) {
  container.replaceChildren();
  scenario.events = scenario.events || [];
  const types = Object.fromEntries(app.parameters.events.map((e) => [e.type, e]));
  scenario.events.forEach((event, i) => {
    const type = el("select", {"aria-label": t("eventType"), id: `event-${i}-type`},
      Object.keys(types).map((k) => el("option", {value: k, text: i18n.event(app.lang, k)})));
    type.value = event.type;
    const date = el("input", {type: "text", value: event.date, "aria-label": t("date"), size: 8,
                              id: `event-${i}-date`});
    date.addEventListener("change", () => { event.date = date.value; save(); });
    type.addEventListener("change", () => {
      scenario.events[i] = {type: type.value, date: event.date};
      save();
      eventControls(scenario, container);
    });
    const extra = types[event.type].keys.map((k) => {
      const integer = k.kind === "integer";
      const input = integer
        ? el("input", {type: "number", min: k.low, max: k.high, step: 1})
        : el("input", {type: "text", inputmode: "decimal", size: 5});
      input.id = `event-${i}-${k.name}`;
      input.setAttribute("aria-label", label(k));
      input.value = integer ? (event[k.name] ?? k.default) : decimalText(event[k.name] ?? k.default);
      input.addEventListener("change", () => {
        const number = Number(input.value.trim().replace(",", ".").replace("−", "-"));
        event[k.name] = Number.isFinite(number) ? number : input.value;
        save();
      });
      return el("label", {}, `${label(k)} `, input, el("small", {class: "unit", text: ` ${allowedText(k)}`}));
    });
    const remove = el("button", {type: "button", text: t("remove"), onclick: () => {
      scenario.events.splice(i, 1);
      save();
      eventControls(scenario, container);
    }});
    container.append(el("div", {class: "event", "data-event": String(i)}, type, date, extra, remove));
  });
  container.append(el("button", {type: "button", text: t("addEvent"), "data-testid": "add-event",
    onclick: () => {
      scenario.events.push({type: "ceo_leaves", date: scenario.run.start});
      save();
      eventControls(scenario, container);
    }}));
}

function cleanScenario(scenario) {
  const out = JSON.parse(JSON.stringify(scenario));
  if (out.events && out.events.length === 0) delete out.events;
  for (const s of ["municipality", "strategy", "model"]) {
    if (out[s] && Object.keys(out[s]).length === 0) delete out[s];
  }
  return out;
}

// The input a field of an error names, on the build page or a strategy card.
function fieldInput(field) {
  const variant = /^variants\[(\d+)\]\.changes\.(.+)$/.exec(field);
  if (variant) return document.getElementById(`v${variant[1]}-p-${variant[2]}`);
  const key = field.replace(/^scenario\./, "");
  const event = /^events\[(\d+)\](?:\.(\w+))?/.exec(key);
  if (event) {
    return document.getElementById(`event-${event[1]}-${event[2] || "date"}`) ||
        document.getElementById(`event-${event[1]}-type`);
  }
  if (key.startsWith("run.")) return document.getElementById(`run-${key.slice(4)}`);
  return document.getElementById(`p-${key}`);
}

function pointAtField(e) {
  return markInvalid(fieldInput(e.field), e.message && app.lang === "en" ? e.message : t("badValue"));
}

// Metrics the run's summary shows, as `samspel run` prints them (io::summary_table).
const summaryMetrics = [
  "cooperation_kso_ceo", "effective_trust_kso_ceo", "fit_ideas", "consensus_pre_discussion",
  "belief_diversity", "performance", "satisfaction", "vision_vacuum",
];

// A metric that does not move in this run: no spread between replicates and the same mean in
// every month. Shown as a row it would read as a finding.
function constant(band) {
  if (!band) return true;
  const first = band.mean.find((v) => v !== null);
  return band.mean.every((v, k) => v === null || (v === first && band.q05[k] === band.q95[k]));
}

// The first and last month of each summary metric, with what it means.
function summaryTable(doc) {
  const series = doc.configurations[0].bands;
  const last = doc.months.length - 1;
  const shown = summaryMetrics.filter((m) => !constant(series[m]));
  const hidden = summaryMetrics.filter((m) => constant(series[m])).map((m) => i18n.metric(app.lang, m));
  const rows = shown.map((m) => {
    const s = series[m];
    return el("tr", {"data-metric": m},
      el("th", {scope: "row"}, el("span", {text: i18n.metric(app.lang, m)}), el("br"),
         el("small", {class: "about", text: i18n.about(app.lang, m)})),
      el("td", {"data-testid": `first-${m}`, text: num(s.mean[0])}),
      el("td", {"data-testid": `last-${m}`, text: `${num(s.mean[last])} [${num(s.q05[last])}, ${num(s.q95[last])}]`}));
  });
  return el("div", {class: "table-wrap"},
    el("table", {class: "summary", "data-testid": "summary"},
      el("thead", {}, el("tr", {}, el("th", {text: t("metric")}), el("th", {text: t("firstMonth")}),
                          el("th", {text: t("lastMonth")}))),
      el("tbody", {}, rows)),
    hidden.length ? el("p", {class: "note", "data-testid": "hidden-metrics",
                         text: `${t("hiddenMetrics")}: ${hidden.join("; ")}.`}) : null);
}

function showRun(results, doc, scenario) {
  results.classList.remove("stale");
  const measures = el("div", {class: "table-wrap", "data-testid": "measures"});
  charts.summaryTable(measures, doc, {lang: app.lang});
  const chartBox = el("div", {class: "charts", "data-testid": "charts"});
  results.replaceChildren(
    el("h2", {text: t("summary")}),
    summaryTable(doc),
    el("h2", {text: t("keyMeasures")}),
    el("p", {class: "note", text: i18n.t(app.lang, "summaryNote")}),
    measures,
    el("h2", {text: t("charts")}),
    legend(),
    chartBox,
    takeAway(doc, scenario, "samspel-run"));
  fanCharts(chartBox, doc, ["cooperation_kso_ceo", "fit_ideas", "satisfaction"]);
}

pages.build = {
  render(root) {
    const scenario = app.scenario;
    scenario.run = {...runDefaults(), ...(scenario.run || {})};
    const events = el("div", {class: "events"});
    eventControls(scenario, events);
    const results = el("section", {class: "results", "data-testid": "results"});
    root.append(
      el("h1", {text: t("navBuild")}),
      el("form", {class: "scenario", onsubmit: (e) => e.preventDefault()},
        el("fieldset", {}, el("legend", {text: t("runSettings")}), runControls(scenario)),
        el("fieldset", {}, el("legend", {text: t("municipality")}), sectionControls(scenario, "municipality")),
        el("fieldset", {}, el("legend", {text: t("strategy")}), sectionControls(scenario, "strategy")),
        el("details", {}, el("summary", {text: t("model")}), sectionControls(scenario, "model")),
        el("fieldset", {}, el("legend", {text: t("events")}), events)),
      runPanel("run", (progress) => {
        const request = cleanScenario(scenario);
        return runJob("/api/runs", {scenario: request}, progress).then((doc) => ({doc, request}));
      }, ({doc, request}) => {
        app.results.build = {doc, scenario: request};
        save();
        showRun(results, doc, request);
      }, {results, onError: pointAtField}),
      results);
    if (app.results.build) showRun(results, app.results.build.doc, app.results.build.scenario);
  },
};

// Compare: variants are strategies over the build page's municipality, run and events.
function showComparison(results, doc, scenario) {
  results.classList.remove("stale");
  const table = el("div", {class: "table-wrap", "data-testid": "comparison"});
  charts.comparisonTable(table, doc, {lang: app.lang});
  const chartBox = el("div", {class: "charts wide", "data-testid": "charts"});
  results.replaceChildren(
    el("h2", {text: t("summary")}),
    el("ol", {start: 0, class: "variant-names"}, doc.configurations.map((c, i) =>
      el("li", {text: i === 0 ? `${c.label} (${i18n.t(app.lang, "reference")})` : c.label}))),
    el("p", {class: "note", text: i18n.t(app.lang, "comparisonNote")}),
    table,
    el("h2", {text: t("charts")}), legend(), chartBox,
    takeAway(doc, scenario, "samspel-compare"));
  drawCharts(chartBox, ["cooperation_kso_ceo", "fit_ideas", "differences"], (box, item) =>
    item === "differences" ? charts.differenceChart(box, doc, {lang: app.lang})
                           : charts.comparisonCharts(box, doc, item, {lang: app.lang}), "compare");
}

pages.compare = {
  render(root) {
    const strategySpecs = app.parameters.parameters.filter((p) => p.section === "strategy");
    const cards = el("div", {class: "variants"});
    const renderCards = () => {
      cards.replaceChildren();
      app.variants.forEach((v, i) => {
        const label = el("input", {type: "text", value: v.label, "aria-label": t("label"), id: `v${i}-label`});
        label.addEventListener("change", () => { v.label = label.value; save(); });
        const holder = {strategy: v.strategy};
        cards.append(el("fieldset", {class: "variant", "data-testid": `variant-${i}`},
          el("legend", {}, label),
          strategySpecs.map((s) => control(holder, s, `v${i}-`)),
          app.variants.length > 2 ? el("button", {type: "button", text: t("remove"), onclick: () => {
            app.variants.splice(i, 1);
            save();
            renderCards();
          }}) : null));
      });
      if (app.variants.length < app.parameters.limits.max_variants) {
        cards.append(el("button", {type: "button", text: t("addVariant"), "data-testid": "add-variant",
          onclick: () => {
            app.variants.push({label: String.fromCharCode(65 + app.variants.length), strategy: {}});
            save();
            renderCards();
          }}));
      }
    };
    renderCards();
    const results = el("section", {class: "results", "data-testid": "results"});
    const request = () => {
      const base = cleanScenario(app.scenario);
      delete base.strategy;
      return {
        scenario: base,
        variants: app.variants.map((v) => ({label: v.label, changes: {strategy: v.strategy}})),
      };
    };
    root.append(el("h1", {text: t("navCompare")}), el("p", {class: "note", text: t("baseNote")}),
      el("h2", {text: t("variants")}), cards,
      runPanel("run", (progress) => {
        const body = request();
        return runJob("/api/runs", body, progress).then((doc) => ({doc, scenario: body.scenario}));
      }, ({doc, scenario}) => {
        app.results.compare = {doc, scenario};
        save();
        showComparison(results, doc, scenario);
      }, {results, onError: pointAtField}),
      results);
    if (app.results.compare) {
      showComparison(results, app.results.compare.doc, app.results.compare.scenario);
    }
  },
};

function riskRow(name, indicator) {
  const cell = (s) => el("td", {text: s.mean === null ? "–"
    : `${num(s.mean)} ± ${num(1.96 * (s.standard_error ?? 0))}`});
  const p = indicator.position;
  const closer = p === null || p === undefined ? t("closerNone")
    : (p > 0.5 ? t("closerStagnating") : t("closerDiscussed"));
  return el("tr", {"data-indicator": name,
                   "data-side": p === null || p === undefined ? "none" : (p > 0.5 ? "stagnating" : "discussed")},
    el("th", {scope: "row", text: t(name)}),
    cell(indicator.yours), cell(indicator.stagnating), cell(indicator.discussed_roles),
    el("td", {class: "closer", text: closer}));
}

function showAssessment(results, result) {
  results.classList.remove("stale");
  const {fragility, stagnation} = result.risk;
  const levelText = (level) => t("levels")[level];
  const head = el("tr", {}, el("th"), el("th", {text: t("yours")}), el("th", {text: t("stagnating")}),
                  el("th", {text: t("discussedRoles")}), el("th", {text: t("closer")}));
  const advice = result.suggestions.length === 0 ? [el("p", {text: t("noSuggestions")})]
    : result.suggestions.map((s) => el("li", {class: "suggestion"},
        el("p", {class: "statement", text: `${s[app.lang]} (${t("pages")} ${s.pages})`}),
        el("p", {class: "mechanism"}, el("strong", {text: `${t("mechanism")}: `}),
           s[`mechanism_${app.lang}`])));
  const chartBox = el("div", {class: "charts", "data-testid": "charts"});
  const stagnationRows = ["fitChange", "diversityChange", "consensusEnd", "shiftsPerElection"];
  results.replaceChildren(
    el("h2", {text: t("riskProfile")}),
    el("p", {class: "note", text: `${t("changeAt")}: ${result.change_date}`}),
    el("p", {class: "note", text: t("verdictFrom")}),
    el("h3", {}, `${t("fragility")}: `,
       el("span", {"data-testid": "fragility-level", text: levelText(fragility.level)})),
    el("div", {class: "table-wrap"}, el("table", {class: "risk", "data-testid": "fragility-table"},
       el("thead", {}, head),
       el("tbody", {}, riskRow("fragilityText", fragility.drop),
          riskRow("unrecovered24", fragility.unrecovered_24),
          riskRow("restrictedRecovery", fragility.restricted_recovery_months),
          riskRow("lockinsNewPair", fragility.lockins_new_pair)))),
    el("h3", {}, `${t("stagnation")}: `,
       el("span", {"data-testid": "stagnation-level", text: levelText(stagnation.level)})),
    el("div", {class: "table-wrap"}, el("table", {class: "risk", "data-testid": "stagnation-table"},
       el("thead", {}, head.cloneNode(true)),
       el("tbody", {}, stagnationRows.map((k) =>
         riskRow(k, stagnation[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]))))),
    el("p", {class: "note", "data-testid": "ci-note",
             text: t("ciNote").replace("{n}", result.replicates)}),
    el("p", {class: "note", text: t("levelNote")}),
    el("h2", {text: t("suggestions")}),
    el("ul", {class: "suggestions", "data-testid": "suggestions"}, advice),
    el("button", {type: "button", text: t("openInBuild"), onclick: () => {
      app.scenario = JSON.parse(JSON.stringify(result.scenario));
      delete app.results.build;
      save();
      location.hash = "build";
    }}),
    el("h2", {text: t("charts")}), legend(), chartBox,
    takeAway(result.document, result.scenario, "samspel-assessment"));
  fanCharts(chartBox, result.document, ["cooperation_kso_ceo"]);
}

pages.assess = {
  render(root) {
    const form = el("form", {class: "assessment", onsubmit: (e) => e.preventDefault()});
    const results = el("section", {class: "results", "data-testid": "results"});
    root.append(el("h1", {text: t("navAssess")}), el("p", {text: t("assessIntro")}), form,
      runPanel("assessRun", (progress) => runJob("/api/assessment", {answers: app.answers}, progress),
        (result) => { app.results.assess = result; save(); showAssessment(results, result); },
        {results}),
      results);
    api("GET", "/api/assessment").then(({questions}) => {
      for (const q of questions) {
        const chosen = app.answers[q.id] ?? q.default;
        form.append(el("fieldset", {class: "question", "data-question": q.id},
          el("legend", {text: `${q[app.lang]} (${t("pages")} ${q.pages})`}),
          q.options.map((o) => el("label", {class: "option"},
            el("input", {type: "radio", name: q.id, value: o.id, checked: o.id === chosen,
                         onchange: () => { app.answers[q.id] = o.id; save(); }}),
            ` ${o[app.lang]}`))));
      }
      if (app.results.assess) showAssessment(results, app.results.assess);
    });
  },
};

pages.presets = {
  render(root) {
    const list = el("div", {class: "presets", "data-testid": "presets"});
    root.append(el("h1", {text: t("navPresets")}), el("p", {text: t("presetsIntro")}),
      el("p", {class: "note", text: t("presetOrder")}), list);
    api("GET", "/api/presets").then((presets) => {
      for (const p of [...presets].sort((a, b) => a.order - b.order)) {
        list.append(el("article", {class: "preset", "data-file": p.file},
          el("h2", {text: p[`name_${app.lang}`] ?? p.name}),
          el("p", {class: "about", text: p[`about_${app.lang}`] ?? p.about}),
          el("button", {type: "button", text: t("open"), "data-testid": `open-${p.file}`, onclick: () => {
            const s = JSON.parse(JSON.stringify(p.scenario));
            s.run = {...runDefaults(), ...(s.run || {})};
            app.scenario = s;
            delete app.results.build;
            save();
            location.hash = "build";
          }})));
      }
    });
  },
};
