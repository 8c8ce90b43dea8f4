// Browser test of `samspel serve`: Debian's chromium, headless, driven by playwright-core (npm).
// Opens each page, runs a scenario and checks that its numbers equal those of `samspel run` for
// the same scenario and seed and that the charts render as SVG, runs a comparison, switches the
// language, completes the self-assessment, opens a preset and provokes a validation error.
// Screenshots go to the artifacts directory.
//
//   node pages_test.cjs SAMSPEL_BINARY SOURCE_DIR ARTIFACTS_DIR
"use strict";

const {spawn, execFileSync} = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const [samspel, sourceDir, artifacts] = process.argv.slice(2);
const {chromium} = require(path.join(sourceDir, "web", "node_modules", "playwright-core"));

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

// The CLI's results for a scenario: series.csv's mean row of the last month.
function cliRun(scenarioToml, work) {
  const file = path.join(work, "scenario.toml");
  fs.writeFileSync(file, scenarioToml);
  const out = path.join(work, "out");
  execFileSync(samspel, ["run", file, "--out", out, "--threads", "1"], {stdio: "pipe"});
  const lines = fs.readFileSync(path.join(out, "series.csv"), "utf8").trim().split("\n");
  const header = lines[0].split(",");
  const rows = lines.slice(1).map((l) => l.split(","));
  const means = rows.filter((r) => r[1] === "mean");
  const column = (name) => header.indexOf(name);
  return {first: means[0], last: means[means.length - 1], column};
}

async function waitForResults(page, testid) {
  await page.waitForSelector(`[data-testid=results] [data-testid=${testid}]`, {timeout: timeoutMs});
}

async function svgCount(page) {
  check(await page.evaluate(() => Boolean(window.samspelCharts)), "the chart module is loaded");
  await page.waitForSelector("[data-testid=charts] svg", {timeout: timeoutMs});
  return page.locator("[data-testid=charts] svg").count();
}

async function main() {
  fs.mkdirSync(artifacts, {recursive: true});
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "samspel-browser-"));
  const {server, url} = await startServer();
  // Whatever happens, the server does not outlive the test.
  process.on("exit", () => server.kill("SIGKILL"));
  let browser = null;
  try {
    // A fresh profile (--user-data-dir) in the test's own directory.
    browser = await chromium.launchPersistentContext(path.join(work, "profile"), {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: {width: 1280, height: 900},
    });
    const page = await browser.newPage();
    const failures = [];
    page.on("pageerror", (e) => failures.push(e.message));
    // The app must not reach anything but its own server.
    page.on("request", (r) => {
      if (!r.url().startsWith(url) && !r.url().startsWith("data:")) failures.push(`request to ${r.url()}`);
    });

    // (a) Build and run: the same scenario and seed as the CLI's.
    const cli = cliRun(
        '[run]\nstart = "2010-01"\nyears = 3\nreplicates = 12\nseed = 5\n\n' +
        '[strategy]\nfoundation = "roles"\n', work);
    await page.goto(`${url}/#build`);
    await page.waitForSelector("body[data-ready=true]");
    await page.evaluate(() => localStorage.setItem("samspel-lang", "sv"));
    await page.fill("#run-years", "3");
    await page.fill("#run-replicates", "12");
    await page.fill("#run-seed", "5");
    await page.selectOption("[id='p-strategy.foundation']", "roles");
    await page.locator("#run-seed").blur();
    await page.click("[data-testid=run]");
    await waitForResults(page, "summary");
    for (const metric of ["cooperation_kso_ceo", "fit_ideas", "satisfaction"]) {
      const shown = (await page.textContent(`[data-testid=last-${metric}]`)).split(" ")[0];
      const expected = Number(cli.last[cli.column(metric)]).toFixed(3);
      check(shown === expected, `build page: last-month mean of ${metric} ${shown} equals samspel run's ${expected}`);
      const first = await page.textContent(`[data-testid=first-${metric}]`);
      const expectedFirst = Number(cli.first[cli.column(metric)]).toFixed(3);
      check(first === expectedFirst, `build page: first-month mean of ${metric} ${first} equals samspel run's ${expectedFirst}`);
    }
    check(await svgCount(page) >= 3, "build page: fan charts render as SVG");
    await page.screenshot({path: path.join(artifacts, "build.png"), fullPage: true});

    // Bad input: a 400 naming the field, shown on the page.
    await page.fill("#run-years", "0");
    await page.locator("#run-years").blur();
    await page.click("[data-testid=run]");
    await page.waitForFunction(() => document.querySelector("[data-testid=error]").textContent.includes("run.years"));
    check(true, "build page: a bad value is refused with the field's name");
    await page.fill("#run-years", "3");
    await page.locator("#run-years").blur();

    // Language switch.
    await page.click("[data-testid=language]");
    check(await page.getAttribute("html", "lang") === "en", "language: the page switches to English");
    check((await page.textContent("nav a[data-page=build]")) === "Build and run", "language: navigation in English");
    await page.screenshot({path: path.join(artifacts, "build-en.png"), fullPage: true});
    await page.click("[data-testid=language]");
    check((await page.textContent("nav a[data-page=build]")) === "Bygg och kör", "language: back to Swedish");

    // (b) Compare two strategies.
    await page.goto(`${url}/#compare`);
    await page.waitForSelector("[data-testid=variant-1]");
    await page.click("[data-testid=run]");
    await waitForResults(page, "comparison");
    const columns = await page.locator("[data-testid=comparison] thead th").count();
    check(columns === 3, "compare page: two strategies side by side");
    check(await svgCount(page) >= 2, "compare page: comparison charts render as SVG");
    await page.screenshot({path: path.join(artifacts, "compare.png"), fullPage: true});

    // (c) Self-assessment.
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
    const fragility = await page.textContent("[data-testid=fragility-level]");
    check(fragility.length > 0, `self-assessment: fragility level "${fragility}"`);
    for (const row of ["fragilityText", "unrecovered24", "restrictedRecovery", "lockinsNewPair"]) {
      check(await page.locator(`tr[data-indicator=${row}] td`).count() === 3,
            `self-assessment: fragility row ${row}`);
    }
    const ciNote = await page.textContent("[data-testid=ci-note]");
    check(/^± = 95 ?% (konfidensintervall för medelvärdet över 100 körningar|confidence interval of the mean over 100 runs)/.test(ciNote),
          `self-assessment: the ± says what it is ("${ciNote}")`);
    check(await svgCount(page) >= 1, "self-assessment: chart renders as SVG");
    await page.screenshot({path: path.join(artifacts, "assessment.png"), fullPage: true});

    // (d) Presets: open one in the build page.
    await page.goto(`${url}/#presets`);
    await page.waitForSelector("[data-testid='open-municipality_roles.toml']");
    check(await page.locator(".preset").count() >= 8, "presets: listed");
    await page.screenshot({path: path.join(artifacts, "presets.png"), fullPage: true});
    await page.click("[data-testid='open-municipality_roles.toml']");
    await page.waitForSelector("#run-start");
    check(await page.inputValue("#run-start") === "2002-10", "presets: the preset's run settings fill the build page");
    check(await page.inputValue("[id='p-strategy.foundation']") === "roles", "presets: the preset's strategy fills the build page");

    check(failures.length === 0, `no page errors or outside requests ${failures.join("; ")}`);
  } finally {
    if (browser) await browser.close();
    server.kill("SIGTERM");
    fs.rmSync(work, {recursive: true, force: true});
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
