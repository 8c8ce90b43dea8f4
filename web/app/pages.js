// The four pages: build and run, compare strategies, self-assessment, presets. Controls are made
// from GET /api/parameters (the parameter dictionary), so no range or default is repeated here.
"use strict";

// Short labels of the municipality and strategy levers; the dictionary's meaning is the tooltip.
const leverLabels = {
  sv: {
    population: "Invånare", capacity: "Administrativ kapacitet", departments: "Förvaltningar",
    committees: "Nämnder", regulation: "Statlig reglering", turbulence: "Omvärldsförändring",
    ruling_bloc: "Styrande block", terms_in_power: "Mandatperioder vid makten",
    satisfaction: "Medborgarnas nöjdhet", foundation: "Grund för samarbetet",
    role_dialogue: "Rolldialog", role_dialogue_period: "Månader mellan rolldialoger",
    arena_interval_months: "Månader mellan gemensamma forum",
    arena_includes_opposition: "Oppositionsrådet deltar i forum",
    private_socializing: "Privat umgänge", citizen_dialogue: "Dialog med invånarna",
    delegation: "Delegering av enskilda ärenden", outside_input: "Idéer utifrån",
    ceo_heads_departments: "Kommunchefen är chefernas chef",
  },
  en: {
    population: "Residents", capacity: "Administrative capacity", departments: "Departments",
    committees: "Committees (nämnder)", regulation: "State regulation", turbulence: "Turbulence",
    ruling_bloc: "Ruling bloc", terms_in_power: "Terms in power",
    satisfaction: "Citizen satisfaction", foundation: "Foundation of cooperation",
    role_dialogue: "Role dialogue", role_dialogue_period: "Months between role dialogues",
    arena_interval_months: "Months between joint forums",
    arena_includes_opposition: "Oppositionsråd takes part in forums",
    private_socializing: "Private socialising", citizen_dialogue: "Dialogue with residents",
    delegation: "Delegation of individual cases", outside_input: "Ideas from outside",
    ceo_heads_departments: "Kommunchef heads the department heads",
  },
};

const eventLabels = {
  sv: {majority_shift: "Maktskifte", ceo_leaves: "Kommunchefen slutar", kso_leaves: "KSO slutar",
       case_surge: "Våg av enskilda ärenden", environment_shock: "Omvärldschock"},
  en: {majority_shift: "Majority shift", ceo_leaves: "Kommunchef leaves", kso_leaves: "KSO leaves",
       case_surge: "Surge of individual cases", environment_shock: "Environment shock"},
};

app.scenario = {run: {start: "2010-01", years: 16, replicates: 100, seed: 1}};
app.results = {};

function parameterValue(scenario, spec) {
  const section = scenario[spec.section] || {};
  return spec.name in section ? section[spec.name] : spec.default;
}

function setParameter(scenario, spec, value) {
  scenario[spec.section] = scenario[spec.section] || {};
  if (value === spec.default || value === null) delete scenario[spec.section][spec.name];
  else scenario[spec.section][spec.name] = value;
}

// One control for a dictionary entry; `scenario` is updated in place.
function control(scenario, spec) {
  const id = `p-${spec.key}`;
  const value = parameterValue(scenario, spec);
  let input;
  if (spec.kind === "choice") {
    input = el("select", {id}, spec.choices.map((c) => el("option", {value: c, text: c})));
    input.value = value;
    input.addEventListener("change", () => setParameter(scenario, spec, input.value));
  } else if (spec.kind === "boolean") {
    input = el("input", {id, type: "checkbox"});
    input.checked = value;
    input.addEventListener("change", () => setParameter(scenario, spec, input.checked));
  } else {
    input = el("input", {id, type: "number", min: spec.low, max: spec.high,
                         step: spec.kind === "integer" ? 1 : "any",
                         placeholder: value === null ? t("derived") : ""});
    if (value !== null) input.value = value;
    input.addEventListener("change", () => {
      const text = input.value.trim();
      // Integers stay integers in JSON: 30000, not 30000.0.
      setParameter(scenario, spec, text === "" ? null : Number(text));
    });
  }
  const label = (leverLabels[app.lang] || {})[spec.name] || spec.name;
  return el("div", {class: "field", title: `${spec.key}: ${spec.meaning} (${spec.source})`},
    el("label", {for: id, text: label}),
    input,
    el("span", {class: "unit", text: `${spec.unit || ""} · ${spec.allowed}`}));
}

function sectionControls(scenario, section) {
  return app.parameters.parameters.filter((p) => p.section === section).map((p) => control(scenario, p));
}

function runControls(scenario) {
  const run = scenario.run;
  const field = (key, attrs, parse) => {
    const input = el("input", {id: `run-${key}`, ...attrs});
    input.value = run[key];
    input.addEventListener("change", () => { run[key] = parse(input.value); });
    return el("div", {class: "field"}, el("label", {for: `run-${key}`, text: t(key)}), input);
  };
  const spec = Object.fromEntries(app.parameters.run.map((r) => [r.key, r]));
  return [
    field("start", {type: "text", pattern: "\\d{4}-\\d{2}"}, (v) => v),
    field("years", {type: "number", min: 1, max: spec["run.years"].high}, Number),
    field("replicates", {type: "number", min: 1}, Number),
    field("seed", {type: "number", min: 0}, Number),
  ];
}

function eventControls(scenario, container) {
  container.replaceChildren();
  scenario.events = scenario.events || [];
  const types = Object.fromEntries(app.parameters.events.map((e) => [e.type, e]));
  scenario.events.forEach((event, i) => {
    const type = el("select", {"aria-label": t("eventType")},
      Object.keys(types).map((k) => el("option", {value: k, text: eventLabels[app.lang][k]})));
    type.value = event.type;
    const date = el("input", {type: "text", value: event.date, "aria-label": t("date"), size: 8});
    date.addEventListener("change", () => { event.date = date.value; });
    type.addEventListener("change", () => {
      scenario.events[i] = {type: type.value, date: event.date};
      eventControls(scenario, container);
    });
    const extra = types[event.type].keys.map((k) => {
      const input = el("input", {type: "number", min: k.low, max: k.high,
                                 step: k.kind === "integer" ? 1 : "any", "aria-label": t(k.name)});
      input.value = event[k.name] ?? k.default;
      input.addEventListener("change", () => { event[k.name] = Number(input.value); });
      return el("label", {}, `${t(k.name)} `, input);
    });
    const remove = el("button", {type: "button", text: t("remove"), onclick: () => {
      scenario.events.splice(i, 1);
      eventControls(scenario, container);
    }});
    container.append(el("div", {class: "event"}, type, date, extra, remove));
  });
  container.append(el("button", {type: "button", text: t("addEvent"), "data-testid": "add-event",
    onclick: () => {
      scenario.events.push({type: "ceo_leaves", date: scenario.run.start});
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

function showRun(results, doc) {
  results.replaceChildren(
    el("h2", {text: t("summary")}),
    summaryTable(doc),
    el("h2", {text: t("charts")}));
  const charts = el("div", {class: "charts", "data-testid": "charts"});
  results.append(charts);
  fanCharts(charts, doc, ["cooperation_kso_ceo", "fit_ideas", "satisfaction"]);
}

pages.build = {
  render(root) {
    const scenario = app.scenario;
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
      runPanel("run", (progress) => runJob("/api/runs", {scenario: cleanScenario(scenario)}, progress),
        (doc) => { app.results.build = doc; showRun(results, doc); }),
      results);
    if (app.results.build) showRun(results, app.results.build);
  },
};

// Compare: variants are strategies over the build page's municipality, run and events.
app.variants = [
  {label: "A", strategy: {}},
  {label: "B", strategy: {foundation: "roles", role_dialogue: "recurring"}},
];

function showComparison(results, doc) {
  // The measures `samspel compare` prints, as the chart module lists them.
  const measures = (window.samspelCharts && window.samspelCharts.headlineMeasures) ||
      ["mean_cooperation_kso_ceo", "lockin_share", "mean_cooperation_drop", "ceo_changes"];
  const configurations = doc.configurations;
  const head = el("tr", {}, el("th", {text: t("measure")}),
    configurations.map((c, i) => el("th", {text: i === 0 ? `${c.label} (${t("reference")})` : c.label})));
  const rows = measures.map((m) => el("tr", {"data-measure": m},
    el("th", {scope: "row", title: m, text: measureLabel(m)}),
    configurations.map((c, i) => {
      const mean = fixed(docMeasure(c.measures, m).mean);
      if (i === 0) return el("td", {text: mean});
      const d = docMeasure(doc.differences[i - 1].measures, m);
      return el("td", {}, mean, el("br"),
        el("small", {text: `${d.mean >= 0 ? "+" : ""}${fixed(d.mean)} [${fixed(d.low)}, ${fixed(d.high)}]`}));
    })));
  const charts = el("div", {class: "charts wide", "data-testid": "charts"});
  results.replaceChildren(
    el("h2", {text: t("summary")}),
    el("p", {class: "note", text: t("difference")}),
    el("table", {class: "comparison", "data-testid": "comparison"}, el("thead", {}, head), el("tbody", {}, rows)),
    el("h2", {text: t("charts")}), charts);
  drawCharts(charts, ["cooperation_kso_ceo", "fit_ideas", "differences"], (module, box, item) =>
    item === "differences" ? module.differenceChart(box, doc, {lang: app.lang})
                           : module.comparisonCharts(box, doc, item, {lang: app.lang}));
}

pages.compare = {
  render(root) {
    const strategySpecs = app.parameters.parameters.filter((p) => p.section === "strategy");
    const cards = el("div", {class: "variants"});
    const renderCards = () => {
      cards.replaceChildren();
      app.variants.forEach((v, i) => {
        const label = el("input", {type: "text", value: v.label, "aria-label": t("label")});
        label.addEventListener("change", () => { v.label = label.value; });
        const holder = {strategy: v.strategy};
        cards.append(el("fieldset", {class: "variant", "data-testid": `variant-${i}`},
          el("legend", {}, label),
          strategySpecs.map((s) => control(holder, s)),
          app.variants.length > 2 ? el("button", {type: "button", text: t("remove"), onclick: () => {
            app.variants.splice(i, 1);
            renderCards();
          }}) : null));
      });
      if (app.variants.length < app.parameters.limits.max_variants) {
        cards.append(el("button", {type: "button", text: t("addVariant"), "data-testid": "add-variant",
          onclick: () => {
            app.variants.push({label: String.fromCharCode(65 + app.variants.length), strategy: {}});
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
      runPanel("run", (progress) => runJob("/api/runs", request(), progress),
        (doc) => { app.results.compare = doc; showComparison(results, doc); }),
      results);
    if (app.results.compare) showComparison(results, app.results.compare);
  },
};

app.answers = {};

function riskRow(name, indicator) {
  const cell = (s) => el("td", {text: s.mean === null ? "–"
    : `${fixed(s.mean)} ± ${fixed(1.96 * (s.standard_error ?? 0))}`});
  return el("tr", {"data-indicator": name}, el("th", {scope: "row", text: t(name)}),
    cell(indicator.yours), cell(indicator.stagnating), cell(indicator.discussed_roles));
}

function showAssessment(results, result) {
  const {fragility, stagnation} = result.risk;
  const levelText = (level) => t("levels")[level];
  const head = el("tr", {}, el("th"), el("th", {text: t("yours")}), el("th", {text: t("stagnating")}),
                  el("th", {text: t("discussedRoles")}));
  const advice = result.suggestions.length === 0 ? [el("p", {text: t("noSuggestions")})]
    : result.suggestions.map((s) => el("li", {class: "suggestion"},
        el("p", {class: "statement", text: `${s[app.lang]} (${t("pages")} ${s.pages})`}),
        el("p", {class: "mechanism"}, el("strong", {text: `${t("mechanism")}: `}),
           s[`mechanism_${app.lang}`])));
  const charts = el("div", {class: "charts", "data-testid": "charts"});
  results.replaceChildren(
    el("h2", {text: t("riskProfile")}),
    el("p", {class: "note", text: `${t("changeAt")}: ${result.change_date}`}),
    el("h3", {}, `${t("fragility")}: `,
       el("span", {"data-testid": "fragility-level", text: levelText(fragility.level)})),
    el("table", {class: "risk"}, el("thead", {}, head),
       el("tbody", {}, riskRow("fragilityText", fragility.drop),
          riskRow("unrecovered24", fragility.unrecovered_24),
          riskRow("restrictedRecovery", fragility.restricted_recovery_months),
          riskRow("lockinsNewPair", fragility.lockins_new_pair))),
    el("h3", {}, `${t("stagnation")}: `,
       el("span", {"data-testid": "stagnation-level", text: levelText(stagnation.level)})),
    el("table", {class: "risk"}, el("thead", {}, head.cloneNode(true)),
       el("tbody", {}, ["fitChange", "diversityChange", "consensusEnd", "shiftsPerElection"].map((k) =>
         riskRow(k, stagnation[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)])))),
    el("p", {class: "note", "data-testid": "ci-note",
             text: t("ciNote").replace("{n}", result.replicates)}),
    el("p", {class: "note", text: t("levelNote")}),
    el("h2", {text: t("suggestions")}),
    el("ul", {class: "suggestions", "data-testid": "suggestions"}, advice),
    el("button", {type: "button", text: t("openInBuild"), onclick: () => {
      app.scenario = JSON.parse(JSON.stringify(result.scenario));
      app.results.build = null;
      location.hash = "build";
    }}),
    el("h2", {text: t("charts")}), charts);
  fanCharts(charts, result.document, ["cooperation_kso_ceo"]);
}

pages.assess = {
  render(root) {
    const form = el("form", {class: "assessment", onsubmit: (e) => e.preventDefault()});
    const results = el("section", {class: "results", "data-testid": "results"});
    root.append(el("h1", {text: t("navAssess")}), el("p", {text: t("assessIntro")}), form,
      runPanel("assessRun", (progress) => runJob("/api/assessment", {answers: app.answers}, progress),
        (result) => { app.results.assess = result; showAssessment(results, result); }),
      results);
    api("GET", "/api/assessment").then(({questions}) => {
      for (const q of questions) {
        const chosen = app.answers[q.id] ?? q.default;
        form.append(el("fieldset", {class: "question", "data-question": q.id},
          el("legend", {text: `${q[app.lang]} (${t("pages")} ${q.pages})`}),
          q.options.map((o) => el("label", {class: "option"},
            el("input", {type: "radio", name: q.id, value: o.id, checked: o.id === chosen,
                         onchange: () => { app.answers[q.id] = o.id; }}),
            ` ${o[app.lang]}`))));
      }
      if (app.results.assess) showAssessment(results, app.results.assess);
    });
  },
};

pages.presets = {
  render(root) {
    const list = el("div", {class: "presets", "data-testid": "presets"});
    root.append(el("h1", {text: t("navPresets")}), el("p", {text: t("presetsIntro")}), list);
    api("GET", "/api/presets").then((presets) => {
      for (const p of presets) {
        list.append(el("article", {class: "preset", "data-file": p.file},
          el("h2", {text: p.name}),
          el("p", {class: "about", text: p.about}),
          el("button", {type: "button", text: t("open"), "data-testid": `open-${p.file}`, onclick: () => {
            const s = JSON.parse(JSON.stringify(p.scenario));
            s.run = {start: "2010-01", years: 16, replicates: 100, seed: 1, ...(s.run || {})};
            app.scenario = s;
            app.results.build = null;
            location.hash = "build";
          }})));
      }
    });
  },
};
