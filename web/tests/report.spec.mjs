// Opens a report written by `samspel report` in headless Debian chromium (playwright-core,
// no browser download) and checks that it draws its charts as SVG, in both languages, without
// a single request leaving the file and without script errors; saves a screenshot.
//
//   node web/tests/report.spec.mjs REPORT.html [SCREENSHOT.png]
//
// Exit 0 when it passes, 1 when it fails, 77 (CTest's SKIP_RETURN_CODE) when chromium is absent.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const chromiumPath = process.env.SAMSPEL_CHROMIUM || '/usr/bin/chromium';
const [report, screenshot] = process.argv.slice(2);
if (!report) {
  console.error('usage: node report.spec.mjs REPORT.html [SCREENSHOT.png]');
  process.exit(2);
}
if (!existsSync(chromiumPath)) {
  console.log(`skipped: no chromium at ${chromiumPath} (scripts/setup.sh installs it)`);
  process.exit(77);
}
const { chromium } = require('playwright-core');

const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(resolve(report)).href;
  const outside = [];
  page.on('request', (r) => {
    if (r.url() !== url && !r.url().startsWith('data:')) outside.push(r.url());
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  const lang = await page.evaluate(() => document.documentElement.lang);
  await page.waitForSelector(`body[data-rendered="${lang}"]`, { timeout: 60000 });

  const count = () => page.evaluate(() => ({
    charts: document.querySelectorAll('.samspel-chart').length,
    svgs: document.querySelectorAll('.samspel-chart svg').length,
    marks: document.querySelectorAll('.samspel-chart svg path, .samspel-chart svg line').length,
    heading: document.querySelector('h2') && document.querySelector('h2').textContent,
    provenance: [...document.querySelectorAll('table.provenance tr')].map((r) => ({
      name: r.cells[0].textContent, value: r.cells[1].textContent })),
  }));
  const first = await count();
  check(first.charts > 0, 'no chart containers');
  check(first.svgs === first.charts, `${first.svgs} SVGs for ${first.charts} charts`);
  check(first.marks > 50, `only ${first.marks} SVG paths and lines`);
  // Provenance reads as a table, with the version and the command, not as raw JSON.
  const row = (rows, pattern) => rows.find((r) => pattern.test(r.name));
  const version = row(first.provenance, /^samspel/);
  check(version && /^\d+\.\d+\.\d+$/.test(version.value), 'provenance: no samspel version row');
  const command = row(first.provenance, /^(Kommando|Command)$/);
  check(command && command.value.includes('samspel '), 'provenance: no command row');
  check(first.provenance.every((r) => !r.value.startsWith('{')), 'provenance: a row shows raw JSON');

  const other = lang === 'sv' ? 'en' : 'sv';
  await page.click(`.lang button[data-lang="${other}"]`);
  await page.waitForSelector(`body[data-rendered="${other}"]`, { timeout: 60000 });
  const second = await count();
  check(second.svgs === first.svgs, `switching language drew ${second.svgs} SVGs, not ${first.svgs}`);
  check(second.heading !== first.heading, 'switching language kept the headings');
  check(second.provenance.length === first.provenance.length &&
        second.provenance.some((r, i) => r.name !== first.provenance[i].name),
        'switching language kept the provenance labels');
  await page.click(`.lang button[data-lang="${lang}"]`);
  await page.waitForSelector(`body[data-rendered="${lang}"]`, { timeout: 60000 });
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

  check(outside.length === 0, `requests left the file: ${outside.join(', ')}`);
  check(errors.length === 0, `script errors: ${errors.join(' | ')}`);
  console.log(`${report}: ${first.charts} charts, ${first.marks} SVG paths and lines, ` +
    `languages ${lang} and ${other}, ${outside.length} outside requests`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
