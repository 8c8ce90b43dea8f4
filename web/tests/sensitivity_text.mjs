// The sentence of a sensitivity report that says where the points of opposite sign lie
// (web/src/sensitivity_charts.js, reversalText), in both languages, without a browser: the
// report's browser test draws analyses too small to name a parameter.
//
//   node web/tests/sensitivity_text.mjs
//
// Exit 0 when it passes, 1 naming what failed.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
globalThis.window = globalThis;  // the scripts attach to the browser's window
const require = createRequire(import.meta.url);
require(resolve(src, 'i18n.js'));
require(resolve(src, 'sensitivity_charts.js'));
const { reversalText } = globalThis.samspelSensitivityCharts;

const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };

const output = {
  reversals: {
    z_bound: 3.4,
    where: [
      { factor: 'model.case_pull', side: 'high', low: 0.31, high: 0.4, typical: 0.36, z: 4.25 },
      { factor: 'model.closeness_trust', side: 'low', low: 0.3, high: 0.45, typical: 0.38, z: -3.6 },
    ],
  },
};
const sv = reversalText('sv', output);
const en = reversalText('en', output);
expect(sv.startsWith('Punkterna med motsatt tecken ligger där: model.case_pull är hög (0,310–0,400, typiskt 0,360; z = 4,3)'), `sv: ${sv}`);
expect(sv.includes('model.closeness_trust är låg') && sv.includes('z = -3,6'), `sv: ${sv}`);
expect(en.startsWith('The points of opposite sign lie where: model.case_pull is high (0.310–0.400, typically 0.360; z = 4.3)'), `en: ${en}`);
expect(en.includes('model.closeness_trust is low'), `en: ${en}`);
expect(reversalText('en', { reversals: { z_bound: 3.4, where: [] } }) === '', 'no parameter named: no sentence');
expect(reversalText('sv', {}) === '', 'an output without reversals: no sentence');

if (failures.length) {
  console.error(`failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('reversal sentences: ok in sv and en');
