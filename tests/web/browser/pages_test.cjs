// Browser test of `samspel serve`: Debian's chromium, headless, driven by playwright-core (npm).
// Two modes, registered as two tests so that they run side by side:
//
//   desktop  Swedish at 1280 px: runs a scenario and checks its numbers against `samspel run`
//            for the same scenario and seed, the Swedish texts and number format, measures in
//            words with their better direction, the legend, the downloads (the TOML is run by
//            the CLI again), a reload keeping scenario and results, a failed run (stale
//            results, the field outlined, the error in view), a comparison's arrows and colours,
//            the self-assessment's verdict against its rows, the presets' order and names,
//            the app and the report agreeing on labels, ES modules and no globals, and last,
//            with the server stopped, a run saying so in words.
//   phone    English at 390 px, then Swedish at 390 px: the header and language switch stay
//            reachable, nothing is wider than the screen, every page renders in both languages,
//            a run shows English numbers and an error in English, and last, with the server
//            stopped, a run saying so in English.
//
// Screenshots of every page go to the artifacts directory.
//
//   node pages_test.cjs SAMSPEL_BINARY SOURCE_DIR ARTIFACTS_DIR [desktop|phone]
"use strict";

const {spawn, execFileSync} = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const [samspel, sourceDir, artifacts, mode = "desktop"] = process.argv.slice(2);
const {chromium} = require(path.join(sourceDir, "web", "node_modules", "playwright-core"));
require(path.join(sourceDir, "web", "src", "i18n.js"));
const i18n = globalThis.samspelI18n;

const timeoutMs = 60_000;

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`ok - ${message}`);
}

// Starts the server on a free port and resolves with its address.
function startServer() {
  const server = spawn(samspel, ["serve", "--port", "0", "--threads", "1"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({server, url: `http://127.0.0.1:${m[1]}`});
    });
    server.on("exit", (code) => reject(new Error(`samspel serve exited with ${code}: ${out}`)));
  });
}

// The CLI's results for a scenario file: series.csv's mean rows of the first and last month.
function cliRunFile(file, out) {
  execFileSync(samspel, ["run", file, "--out", out, "--threads", "1"], {stdio: "pipe"});
  const lines = fs.readFileSync(path.join(out, "series.csv"), "utf8").trim().split("\n");
  const header = lines[0].split(",");
  const rows = lines.slice(1).map((l) => l.split(","));
  const means = rows.filter((r) => r[1] === "mean");
  const column = (name) => header.indexOf(name);
  return {first: means[0], last: means[means.length - 1], column};
}

// A number as the page shows it, back to JavaScript's notation.
const plain = (text) => text.replace(/−/g, "-").replace(/,/g, ".");

async function waitForResults(page, testid) {
  await page.waitForSelector(`[data-testid=results] [data-testid=${testid}]`, {timeout: timeoutMs});
}

async function svgCount(page) {
  await page.waitForSelector("[data-testid=charts] svg", {timeout: timeoutMs});
  return page.locator("[data-testid=charts] svg").count();
}

async function launch(work, viewport) {
  return chromium.launchPersistentContext(path.join(work, "profile"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    acceptDownloads: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport,
  });
}

// The page errors and requests outside the server, collected for a last check.
function watch(page, url, failures) {
  page.on("pageerror", (e) => failures.push(e.message));
  page.on("request", (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) {
      failures.push(`request to ${r.url()}`);
    }
  });
}

async function saveDownload(page, testid, work) {
  const [download] = await Promise.all([
    page.waitForEvent("download", {timeout: timeoutMs}),
    page.locator(`[data-testid=${testid}]`).first().click(),
  ]);
  const file = path.join(work, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

async function setLanguage(page, lang) {
  if (await page.getAttribute("html", "lang") !== lang) await page.click("[data-testid=language]");
  check(await page.getAttribute("html", "lang") === lang, `language: ${lang}`);
}

// With the server stopped, a run says so and what to do, not the browser's "Failed to fetch".
async function checkServerGone(page, stopServer, expected) {
  await stopServer();
  await page.click("[data-testid=run]");
  await page.waitForFunction(() => document.querySelector("[data-testid=error]")?.textContent, null,
                             {timeout: timeoutMs});
  const error = await page.textContent("[data-testid=error]");
  check(error === expected, `server gone: "${error}"`);
}

async function screenshot(page, name) {
  await page.screenshot({path: path.join(artifacts, `${name}.png`), fullPage: true});
}

// Measures shown although no configuration moves them (the same mean everywhere, no spread),
// read off the document the page keeps in local storage.
function shownFrozen(page, result, testid) {
  return page.evaluate(([result, testid]) => {
    const doc = JSON.parse(localStorage.getItem("samspel-state")).results[result].doc;
    const rows = [...document.querySelectorAll(`[data-testid=${testid}] tr[data-measure]`)];
    return rows.map((r) => r.dataset.measure).filter((m) => {
      const values = doc.configurations.map((c) => c.measures.find((x) => x.name === m));
      const diffs = (doc.differences || []).map((d) => d.measures.find((x) => x.name === m));
      return values.every((v) => !v || v.mean === null ||
        (v.low === v.high && v.q05 === v.q95 && v.mean === values[0].mean)) ||
        (diffs.length > 0 && diffs.every((d) => d && d.mean === 0 && d.low === 0 && d.high === 0));
    });
  }, [result, testid]);
}

// Raw names (snake_case) in what a reader reads.
async function rawNames(page, selector) {
  const text = await page.locator(selector).evaluateAll((nodes) => nodes.map((n) => n.innerText).join("\n"));
  return text.match(/\b[a-z]+_[a-z_]+\b/g) || [];
}

// The app's own sources repeat no label of the shared i18n module, so app and report cannot
// disagree; and they hold no default or bound of /api/parameters.
function checkSources() {
  const appDir = path.join(sourceDir, "web", "app");
  const sources = fs.readdirSync(appDir).filter((f) => f.endsWith(".js"))
    .map((f) => [f, fs.readFileSync(path.join(appDir, f), "utf8")]);
  const metrics = ["cooperation_kso_ceo", "fit_ideas", "satisfaction", "vision_vacuum",
                   "belief_diversity", "consensus_pre_discussion"];
  const measures = ["mean_cooperation_kso_ceo", "lockin_share", "mean_cooperation_drop",
                    "majority_shifts", "ceo_changes"];
  const events = ["majority_shift", "ceo_leaves", "kso_leaves", "case_surge", "environment_shock"];
  const labels = [];
  for (const lang of ["sv", "en"]) {
    labels.push(...metrics.map((m) => i18n.metric(lang, m)), ...measures.map((m) => i18n.measure(lang, m)),
                ...events.map((e) => i18n.event(lang, e)));
  }
  for (const [file, text] of sources) {
    const repeated = labels.filter((l) => text.includes(`"${l}"`) || text.includes(`'${l}'`));
    check(repeated.length === 0, `one source of labels: web/app/${file} repeats none (${repeated.join(", ")})`);
    check(!/Maktskifte/.test(text), `one source of labels: web/app/${file} has no second word for a majority shift`);
    check(!/"2010-01"|replicates: 100|years: 16/.test(text),
          `defaults: web/app/${file} repeats no default of /api/parameters`);
  }
  for (const lang of ["sv", "en"]) {
    for (const m of [...metrics, ...measures]) {
      check(i18n.about(lang, m).length > 20, `i18n: ${lang} says what ${m} means`);
    }
  }
  check(i18n.event("sv", "majority_shift") === i18n.t("sv", "majority_shift"),
        "i18n: the event and the chart strip call a majority shift the same");
}

async function desktop(url, work, stopServer) {
  checkSources();
  const browser = await launch(work, {width: 1280, height: 900});
  const failures = [];
  try {
    const page = await browser.newPage();
    watch(page, url, failures);

    // ES modules, no globals of the app's own.
    await page.goto(`${url}/#build`);
    await page.waitForSelector("body[data-ready=true]");
    check(await page.locator("script:not([type=module])").count() === 0, "modules: every script is a module");
    const globals = await page.evaluate(() =>
      ["app", "t", "el", "api", "pages", "samspelTexts", "show", "start", "runJob"].filter((n) => n in window));
    check(globals.length === 0, `modules: the app defines no globals (${globals.join(", ")})`);

    // Defaults come from /api/parameters.
    const parameters = await (await fetch(`${url}/api/parameters`)).json();
    const runDefault = (key) => parameters.run.find((r) => r.key === key).default;
    check(await page.inputValue("#run-years") === String(runDefault("run.years")) &&
          await page.inputValue("#run-start") === runDefault("run.start"),
          "defaults: the run settings start at /api/parameters' defaults");

    // Swedish all the way: choice values, units, ranges, tooltips.
    await setLanguage(page, "sv");
    const options = async (id) => page.locator(`[id='${id}'] option`).allTextContents();
    check(JSON.stringify(await options("p-strategy.foundation")) === JSON.stringify(["Personkemi", "Roller"]),
          "Swedish: foundation's choices");
    check(JSON.stringify(await options("p-strategy.role_dialogue")) === JSON.stringify(["Ingen", "Vid start", "Återkommande"]),
          "Swedish: role dialogue's choices");
    check(JSON.stringify(await options("p-municipality.ruling_bloc")) === JSON.stringify(["Block A", "Block B"]),
          "Swedish: the blocs");
    const units = (await page.locator("fieldset .unit").allTextContents()).join(" | ");
    check(!/\b(share|residents|one of|an integer|a number|months)\b/.test(units), `Swedish: units and ranges (${units.slice(0, 120)}…)`);
    check(/invånare · heltal 500–2000000/.test(units), "Swedish: the population's unit and range");
    const tooltip = await page.getAttribute(".field:has([id='p-municipality.population'])", "title");
    check(/invånare/.test(tooltip) && !/Residents/.test(tooltip), `Swedish: tooltip "${tooltip}"`);
    const eventOptions = async () => {
      await page.click("[data-testid=add-event]");
      const texts = await page.locator(".event select option").allTextContents();
      await page.locator(".event button").first().click();
      return texts;
    };
    const fieldLabels = await page.locator(".field label").allTextContents();
    check(fieldLabels.length > 90 && fieldLabels.every((l) => !/_/.test(l)),
          `Swedish: ${fieldLabels.length} controls, none labelled with a raw name`);
    // Every model constant the dictionary serves, so that a constant added to the parameter
    // table without Swedish words fails here.
    const constants = parameters.parameters.filter((p) => p.section === "model");
    const unnamed = constants.filter((p) => !i18n.model("sv", p.name)?.label || !(i18n.model("sv", p.name)?.about.length > 20));
    check(constants.length > 80 && unnamed.length === 0,
          `Swedish: each of ${constants.length} model constants has a Swedish name and description (${unnamed.map((p) => p.name).join(", ")})`);
    const modelTips = await page.locator("details .field").evaluateAll((fields) =>
      fields.map((f) => [f.querySelector("input, select").id.replace(/^p-/, ""), f.title]));
    const wrongTips = modelTips.filter(([key, tip]) =>
      tip !== `${i18n.model("sv", key.replace(/^model\./, ""))?.about} (${key})`);
    check(modelTips.length === constants.length && wrongTips.length === 0,
          `Swedish: the model constants' tooltips are their Swedish descriptions (${wrongTips.map((w) => w[0]).join(", ")})`);
    await page.locator("details summary").first().click();
    await screenshot(page, "build-model-sv");
    await page.locator("details summary").first().click();
    check(await page.inputValue("[id='p-strategy.private_socializing']") === "0,3",
          "Swedish: a real number is written with a decimal comma in its field");
    const svEvents = await eventOptions();
    check(svEvents.includes("Majoritetsskifte") && !svEvents.includes("Maktskifte"), "Swedish: one word for a majority shift");
    await page.click("[data-testid=add-event]");
    await page.selectOption("#event-0-type", "environment_shock");
    check(await page.inputValue("#event-0-size") === "0,3", "Swedish: an event's size with a decimal comma, its default from /api/parameters");
    check(/tal 0–1/.test(await page.textContent(".event")), "Swedish: an event's range in words");
    await page.locator(".event button").first().click();

    // (a) Build and run: the same scenario and seed as the CLI's.
    const scenarioFile = path.join(work, "scenario.toml");
    fs.writeFileSync(scenarioFile,
      '[run]\nstart = "2010-01"\nyears = 3\nreplicates = 12\nseed = 5\n\n[strategy]\nfoundation = "roles"\n' +
      'private_socializing = 0.6\n');
    const cli = cliRunFile(scenarioFile, path.join(work, "out"));
    await page.fill("#run-years", "3");
    await page.fill("#run-replicates", "12");
    await page.fill("#run-seed", "5");
    await page.selectOption("[id='p-strategy.foundation']", "roles");
    await page.fill("[id='p-strategy.private_socializing']", "0,6");
    await page.locator("[id='p-strategy.private_socializing']").blur();
    await page.locator("#run-seed").blur();
    await page.click("[data-testid=run]");
    await waitForResults(page, "summary");
    for (const metric of ["cooperation_kso_ceo", "fit_ideas", "satisfaction"]) {
      const shownText = (await page.textContent(`[data-testid=last-${metric}]`)).split(" ")[0];
      check(/^−?\d+,\d{3}$/.test(shownText), `number format: ${shownText} has a decimal comma`);
      const expected = Number(cli.last[cli.column(metric)]).toFixed(3);
      check(plain(shownText) === expected, `build page: last-month mean of ${metric} ${shownText} equals samspel run's ${expected}`);
      const first = plain(await page.textContent(`[data-testid=first-${metric}]`));
      const expectedFirst = Number(cli.first[cli.column(metric)]).toFixed(3);
      check(first === expectedFirst, `build page: first-month mean of ${metric} ${first} equals samspel run's ${expectedFirst}`);
    }
    const tableText = await page.locator("[data-testid=results] table").allInnerTexts();
    check(!/\d\.\d/.test(tableText.join(" ")), "number format: no decimal point in a Swedish table");
    check(await svgCount(page) >= 3, "build page: fan charts render as SVG");
    await page.waitForSelector("[data-testid=charts] [data-testid=download-svg]");
    const ticks = await page.locator("[data-testid=charts] svg text").allTextContents();
    check(ticks.some((s) => /^−?\d,\d+$/.test(s)) && !ticks.some((s) => /^\d\.\d+$/.test(s)),
          "number format: chart axes with a decimal comma, as the tables");

    // Results a leader can read.
    const abouts = await page.locator("[data-testid=summary] small.about, [data-testid=measures] small.about").allTextContents();
    const rows = await page.locator("[data-testid=summary] tbody tr, [data-testid=measures] tr[data-measure]").count();
    check(abouts.length === rows && abouts.every((a) => /bättre|entydigt/.test(a)),
          `readable: each of ${rows} measures says what it means and which way is better`);
    const raw = await rawNames(page, "[data-testid=summary], [data-testid=measures], [data-testid=legend]");
    check(raw.length === 0, `readable: no raw names (${raw.join(", ")})`);
    const legendText = await page.textContent("[data-testid=legend]");
    check(/band/.test(legendText) && /val/.test(legendText) && /händelser/.test(legendText),
          "readable: a legend explains bands, election lines and event lines");
    const frozenBuild = await shownFrozen(page, "build", "measures");
    check(frozenBuild.length === 0, `readable: no measure that cannot move is shown (${frozenBuild.join(", ")})`);
    const hiddenNote = await page.locator("[data-testid=measures] .hidden-measures").allTextContents();
    check(hiddenNote.every((n) => !/_/.test(n)), `readable: measures left out are named in words (${hiddenNote.join("")})`);
    await screenshot(page, "build");

    // The app and the report label the same measures the same.
    const report = path.join(work, "report.html");
    execFileSync(samspel, ["report", path.join(work, "out"), "-o", report, "--lang", "sv"], {stdio: "pipe"});
    const reportPage = await browser.newPage();
    await reportPage.goto(`file://${report}`);
    await reportPage.waitForSelector("body[data-rendered=sv]", {timeout: timeoutMs});
    const labelsOf = (p) => p.locator("tr[data-measure]").evaluateAll((trs) =>
      Object.fromEntries(trs.map((tr) => [tr.dataset.measure, tr.querySelector("td.measure span").textContent])));
    const inReport = await labelsOf(reportPage);
    const inApp = await page.locator("[data-testid=measures]").evaluate((root) =>
      Object.fromEntries([...root.querySelectorAll("tr[data-measure]")].map((tr) =>
        [tr.dataset.measure, tr.querySelector("td.measure span").textContent])));
    const names = Object.keys(inApp);
    check(names.length > 5 && names.every((n) => inReport[n] === inApp[n]),
          `one source of labels: the app and the report agree on ${names.length} measures`);
    await reportPage.close();

    // Take it with you: scenario, results, charts, seed, provenance.
    check(/5/.test(await page.textContent("[data-testid=seed]")), "take away: the seed is shown");
    check(await page.locator("[data-testid=provenance] pre").count() === 1, "take away: the provenance is shown");
    const toml = await saveDownload(page, "download-toml", work);
    const again = cliRunFile(toml, path.join(work, "again"));
    check(again.last[cli.column("cooperation_kso_ceo")] === cli.last[cli.column("cooperation_kso_ceo")],
          "take away: the downloaded TOML runs in samspel run to the same numbers");
    const csv = fs.readFileSync(await saveDownload(page, "download-csv", work), "utf8").split("\n");
    check(csv[0] === "configuration,label,measure,mean,low,high,q05,q95,n" && csv.length > 10,
          `take away: the results as CSV (${csv.length - 2} rows)`);
    const json = JSON.parse(fs.readFileSync(await saveDownload(page, "download-json", work), "utf8"));
    check(json.kind === "run" && json.configurations.length === 1, "take away: the results as JSON");
    const png = fs.readFileSync(await saveDownload(page, "download-png", work));
    check(png.subarray(1, 4).toString() === "PNG", "take away: a chart as PNG");
    const svg = fs.readFileSync(await saveDownload(page, "download-svg", work), "utf8");
    check(svg.startsWith("<svg"), "take away: a chart as SVG");

    // A reload keeps the scenario and the results.
    const shownBefore = await page.textContent("[data-testid=last-cooperation_kso_ceo]");
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await waitForResults(page, "summary");
    check(await page.inputValue("#run-seed") === "5" && await page.inputValue("#run-years") === "3",
          "reload: the scenario is kept");
    check(await page.textContent("[data-testid=last-cooperation_kso_ceo]") === shownBefore,
          "reload: the results are kept");

    // A failed run: stale results, the field outlined, the error in Swedish and in view.
    await page.fill("#run-years", "0");
    await page.locator("#run-years").blur();
    await page.click("[data-testid=run]");
    await page.waitForSelector("[data-testid=stale]", {timeout: timeoutMs});
    const error = await page.textContent("[data-testid=error]");
    check(/^År: värdet godtas inte\. Tillåtet: heltal 1–100\.$/.test(error), `failed run: the error in Swedish ("${error}")`);
    check(await page.locator("#run-years.invalid[aria-invalid=true]").count() === 1, "failed run: the bad field is outlined");
    check(await page.locator("[data-testid=field-error]").count() === 1, "failed run: the field carries the message");
    check(await page.locator("[data-testid=results].stale").count() === 1, "failed run: the old results are marked stale");
    const box = await page.locator("#run-years").boundingBox();
    check(box.y >= 0 && box.y + box.height <= 900, "failed run: the bad field is in view");
    await screenshot(page, "build-error");
    await page.fill("#run-years", "3");
    await page.locator("#run-years").blur();
    check(await page.locator(".invalid").count() === 0, "failed run: editing the field clears the mark");
    await page.click("[data-testid=add-event]");
    await page.fill("#event-0-date", "2040-01");
    await page.locator("#event-0-date").blur();
    await page.click("[data-testid=run]");
    await page.waitForSelector("#event-0-date.invalid", {timeout: timeoutMs});
    const eventError = await page.textContent("[data-testid=error]");
    check(eventError === "Händelser 1: värdet godtas inte.", `failed run: an event's bad date is outlined and named ("${eventError}")`);
    await page.locator(".event button").first().click();

    // (b) Compare two strategies: arrows and colours, no frozen measure shown as a result.
    await page.fill("#run-replicates", "20");
    await page.locator("#run-replicates").blur();
    await page.goto(`${url}/#compare`);
    await page.waitForSelector("[data-testid=variant-1]");
    await page.click("[data-testid=run]");
    await waitForResults(page, "comparison");
    const cells = await page.locator("[data-testid=comparison] td[data-verdict]").evaluateAll((tds) =>
      tds.map((td) => ({verdict: td.dataset.verdict, text: td.textContent, cls: td.className,
                        measure: td.closest("tr").dataset.measure})));
    check(cells.length > 5, `compare page: ${cells.length} differences`);
    const judged = cells.filter((c) => c.verdict !== "none");
    check(judged.length > 0, `compare page: ${judged.length} differences are judged better or worse`);
    for (const c of judged) {
      const up = c.text.startsWith("▲");
      const way = i18n.better(c.measure);
      check((c.text.startsWith("▲") || c.text.startsWith("▼")) && c.cls.includes(c.verdict) &&
            (c.verdict === "better") === (up === (way === "higher")),
            `compare page: ${c.measure} ${c.text.split(" [")[0]} is ${c.verdict}`);
    }
    for (const c of cells.filter((x) => x.verdict === "none")) {
      check(!/[▲▼]/.test(c.text), `compare page: ${c.measure} carries no arrow`);
    }
    const frozenShown = await shownFrozen(page, "compare", "comparison");
    check(frozenShown.length === 0, `compare page: no measure that cannot move is shown (${frozenShown.join(", ")})`);
    check(await page.locator("[data-testid=comparison] .verdict-key").count() === 1, "compare page: the arrows are explained");
    check(await svgCount(page) >= 2, "compare page: comparison charts render as SVG");
    const rawCompare = await rawNames(page, "[data-testid=comparison]");
    check(rawCompare.length === 0, `compare page: no raw names (${rawCompare.join(", ")})`);
    await screenshot(page, "compare");

    // (c) Self-assessment: the verdict agrees with its rows; the ± is explained.
    await page.goto(`${url}/#assess`);
    await page.waitForSelector("[data-question=private]");
    const questions = await page.locator("[data-question]").count();
    check(questions >= 10, `self-assessment: ${questions} questions`);
    await page.check("[data-question=private] input[value=often]");
    await page.check("[data-question=roles] input[value=no]");
    await page.check("[data-question=arenas] input[value=never]");
    await page.click("[data-testid=run]");
    await waitForResults(page, "suggestions");
    const suggestions = await page.locator("[data-testid=suggestions] li").count();
    check(suggestions >= 3, `self-assessment: ${suggestions} suggestions with mechanisms`);
    for (const group of ["fragility", "stagnation"]) {
      const level = await page.textContent(`[data-testid=${group}-level]`);
      const sides = await page.locator(`[data-testid=${group}-table] tr[data-side]`).evaluateAll((trs) =>
        trs.map((tr) => tr.dataset.side));
      const defined = sides.filter((s) => s !== "none").length;
      const stagnating = sides.filter((s) => s === "stagnating").length;
      const discussed = sides.filter((s) => s === "discussed").length;
      if (level === "hög") check(2 * stagnating > defined, `self-assessment: ${group} "hög" with ${stagnating} of ${defined} rows near the stagnating leadership`);
      else if (level === "låg") check(2 * discussed > defined, `self-assessment: ${group} "låg" with ${discussed} of ${defined} rows near discussed roles`);
      else check(["medel", "ej särskiljbar"].includes(level), `self-assessment: ${group} "${level}"`);
    }
    for (const row of ["fragilityText", "unrecovered24", "restrictedRecovery", "lockinsNewPair"]) {
      check(await page.locator(`tr[data-indicator=${row}] td`).count() === 4,
            `self-assessment: fragility row ${row}`);
    }
    const ciNote = await page.textContent("[data-testid=ci-note]");
    check(/^± = 95 % konfidensintervall för medelvärdet över 100 körningar/.test(ciNote),
          `self-assessment: the ± says what it is ("${ciNote}")`);
    const riskText = (await page.locator("table.risk").allInnerTexts()).join(" ");
    check(!/\d\.\d/.test(riskText), "self-assessment: Swedish number format");
    check(await svgCount(page) >= 1, "self-assessment: chart renders as SVG");
    await screenshot(page, "assessment");

    // (d) Presets: in order, short Swedish names, opened in the build page.
    await page.goto(`${url}/#presets`);
    await page.waitForSelector("[data-testid='open-municipality_roles.toml']");
    check(await page.locator(".preset").count() >= 8, "presets: listed");
    const files = await page.locator(".preset").evaluateAll((a) => a.map((n) => n.dataset.file));
    check(files[0] === "default.toml" && files.indexOf("strategy_chemistry.toml") < files.indexOf("strategy_discussed_roles.toml"),
          `presets: in order (${files.join(", ")})`);
    const titles = await page.locator(".preset h2").allTextContents();
    check(titles[0] === "Medelstor kommun" && titles.every((x) => x.length < 40), `presets: short Swedish names (${titles.join("; ")})`);
    const about = await page.locator(".preset .about").allTextContents();
    check(about.every((a) => a.length < 240 && !a.includes("#")), "presets: short descriptions, not file comments");
    await screenshot(page, "presets");
    await page.click("[data-testid='open-municipality_roles.toml']");
    await page.waitForSelector("#run-start");
    check(await page.inputValue("#run-start") === "2002-10", "presets: the preset's run settings fill the build page");
    check(await page.inputValue("[id='p-strategy.foundation']") === "roles", "presets: the preset's strategy fills the build page");

    await checkServerGone(page, stopServer, "Servern svarar inte. Starta `samspel serve` igen och ladda om sidan.");

    check(failures.length === 0, `no page errors or outside requests ${failures.join("; ")}`);
  } finally {
    await browser.close();
  }
}

// At 390 px: the header and language switch stay reachable and nothing is wider than the screen.
async function checkPhoneLayout(page, name) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, `phone ${name}: nothing wider than the screen (${width} px)`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const language = await page.locator("[data-testid=language]").boundingBox();
  check(language && language.x >= 0 && language.x + language.width <= 390 && language.y >= 0 && language.y < 120,
        `phone ${name}: the language switch is in view after scrolling`);
  for (const link of await page.locator("nav a").all()) {
    const b = await link.boundingBox();
    check(b && b.y >= 0 && b.y < 160, `phone ${name}: "${await link.textContent()}" is in the header`);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function phone(url, work, stopServer) {
  const browser = await launch(work, {width: 390, height: 844});
  const failures = [];
  try {
    const page = await browser.newPage();
    watch(page, url, failures);
    await page.goto(`${url}/#build`);
    await page.waitForSelector("body[data-ready=true]");
    await setLanguage(page, "en");
    const units = (await page.locator("fieldset .unit").allTextContents()).join(" | ");
    check(/residents · a whole number 500–2000000/.test(units), "English: the population's unit and range");
    check(await page.inputValue("[id='p-strategy.private_socializing']") === "0.3",
          "English: a real number is written with a decimal point in its field");
    const labels = await page.locator(".field label").allTextContents();
    check(labels.every((l) => !/_/.test(l)), `English: ${labels.length} controls, none labelled with a raw name`);
    const parameters = await (await fetch(`${url}/api/parameters`)).json();
    const trust = parameters.parameters.find((p) => p.key === "model.trust_new");
    check(await page.getAttribute(".field:has([id='p-model.trust_new'])", "title") === trust.meaning,
          "English: a model constant's tooltip is the parameter table's description");
    check(JSON.stringify(await page.locator("[id='p-strategy.role_dialogue'] option").allTextContents()) ===
          JSON.stringify(["None", "At the start", "Recurring"]), "English: role dialogue's choices");

    // A small run in English: English numbers.
    await page.fill("#run-years", "2");
    await page.fill("#run-replicates", "4");
    await page.locator("#run-replicates").blur();
    await page.click("[data-testid=run]");
    await waitForResults(page, "summary");
    const shown = (await page.textContent("[data-testid=last-cooperation_kso_ceo]")).split(" ")[0];
    check(/^-?\d+\.\d{3}$/.test(shown), `English: number format ${shown}`);
    await svgCount(page);
    await checkPhoneLayout(page, "build (en)");
    await screenshot(page, "phone-build-en");

    // An error in English, at phone width in view.
    await page.fill("#run-replicates", "0");
    await page.locator("#run-replicates").blur();
    await page.click("[data-testid=run]");
    await page.waitForSelector("[data-testid=stale]", {timeout: timeoutMs});
    const error = await page.textContent("[data-testid=error]");
    check(/^Replicates: the value is not accepted\. Allowed: a whole number/.test(error), `English: the error ("${error}")`);
    const box = await page.locator("#run-replicates").boundingBox();
    check(box.y >= 0 && box.y + box.height <= 844, "phone: the bad field is in view");
    await screenshot(page, "phone-build-error-en");
    await page.fill("#run-replicates", "4");
    await page.locator("#run-replicates").blur();

    for (const lang of ["en", "sv"]) {
      await setLanguage(page, lang);
      for (const name of ["build", "compare", "assess", "presets"]) {
        await page.goto(`${url}/#${name}`);
        await page.waitForSelector("body[data-ready=true]");
        if (name === "presets") await page.waitForSelector(".preset");
        if (name === "assess") await page.waitForSelector("[data-question]");
        await checkPhoneLayout(page, `${name} (${lang})`);
        await screenshot(page, `phone-${name}-${lang}`);
      }
    }
    const presetTitle = await page.locator(".preset h2").first().textContent();
    check(presetTitle === "Medelstor kommun", "Swedish: the first preset's name");
    await setLanguage(page, "en");
    await page.goto(`${url}/#presets`);
    await page.waitForSelector(".preset");
    check(await page.locator(".preset h2").first().textContent() === "Mid-size municipality", "English: the first preset's name");

    await page.goto(`${url}/#build`);
    await page.waitForSelector("body[data-ready=true]");
    await checkServerGone(page, stopServer, "The server does not answer. Start `samspel serve` again and reload the page.");

    check(failures.length === 0, `no page errors or outside requests ${failures.join("; ")}`);
  } finally {
    await browser.close();
  }
}

async function main() {
  fs.mkdirSync(artifacts, {recursive: true});
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "samspel-browser-"));
  const {server, url} = await startServer();
  // Whatever happens, the server does not outlive the test.
  process.on("exit", () => server.kill("SIGKILL"));
  try {
    const stopServer = () => new Promise((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
    if (mode === "phone") await phone(url, work, stopServer);
    else await desktop(url, work, stopServer);
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(work, {recursive: true, force: true});
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
