// The charts of a sensitivity analysis (`samspel sensitivity`, docs/sensitivity.md) in the
// report of its results store. Plain browser script, no build step; needs vega, vega-lite,
// vega-embed and i18n.js loaded first, as charts.js does.
//
// Input is the results document of a sensitivity store: doc.sensitivity as sensitivity.json
// holds it (method, factors, outputs with base_value, noise_share, too_noisy, opposite_sign,
// undefined_points and indices per factor).
//
// Interface: window.samspelSensitivityCharts = {
//   sensitivityCharts(el, doc, opts) -> Promise. Per output: a note (value at the file's values,
//       replicate noise, points of opposite sign) and, for Sobol', bars of S1 and ST per
//       parameter with their 95% intervals, or, for Morris, mu* against sigma per parameter with
//       mu*'s 95% interval. An output undefined at some points is named, with their count, and
//       not drawn; where the points of opposite sign lie, when the analysis names parameters.
//       opts: {lang = 'sv', top = 15 (parameters drawn per output, the most influential)}
//   reversalText(lang, output) -> that last sentence, or '' when no parameter is named
// }
// It replaces the content of `el`.
(function (global) {
  'use strict';

  const i18n = () => global.samspelI18n;
  const t = (lang, key) => i18n().t(lang, key);
  const colors = { s1: '#1f5f8b', st: '#b5522b', morris: '#1f5f8b' };

  function embed(el, spec, lang) {
    const div = document.createElement('div');
    div.className = 'samspel-chart';
    el.appendChild(div);
    return global.vegaEmbed(div, spec, {
      mode: 'vega-lite',
      renderer: 'svg',
      actions: false,
      formatLocale: i18n().formatLocale(lang),
      timeFormatLocale: i18n().timeFormatLocale(lang),
    });
  }

  function number(lang, v, digits = 3) {
    if (v === null || v === undefined) return '–';
    const text = Number(v).toPrecision(digits);
    return lang === 'sv' ? text.replace('.', ',') : text;
  }

  function percent(lang, v) {
    if (v === null || v === undefined) return '–';
    return `${Math.round(100 * v)}${lang === 'sv' ? '\u00a0%' : '%'}`;
  }

  function paragraph(el, text) {
    const p = document.createElement('p');
    p.className = 'note';
    p.textContent = text;
    el.appendChild(p);
  }

  // Where the points of opposite sign lie: per parameter their reversals depend on, the side of
  // its range, the range of its values there, its typical value and z (docs/sensitivity.md).
  // Empty when none is named.
  function reversalText(lang, output) {
    const where = (output.reversals && output.reversals.where) || [];
    if (!where.length) return '';
    const parts = where.map((w) => `${w.factor} ${t(lang, w.side === 'low' ? 'sensitivityLow' : 'sensitivityHigh')} ` +
      `(${number(lang, w.low)}–${number(lang, w.high)}, ${t(lang, 'sensitivityTypical')} ` +
      `${number(lang, w.typical)}; z = ${number(lang, w.z, 2)})`);
    return `${t(lang, 'sensitivityWhere')}: ${parts.join('; ')}.`;
  }

  // The most influential parameters of an output first: ST for Sobol', mu* for Morris.
  function ranked(indices, key, top) {
    return indices.filter((x) => x[key] !== null)
      .sort((a, b) => b[key] - a[key])
      .slice(0, top);
  }

  function sobolChart(el, output, lang, top) {
    const rows = [];
    const kept = ranked(output.indices, 'st', top);
    for (const x of kept) {
      for (const [index, label] of [['s1', 'S1'], ['st', 'ST']]) {
        rows.push({ factor: x.factor, index: label, value: x[index],
          low: x[`${index}_low`] === null ? x[index] : x[`${index}_low`],
          high: x[`${index}_high`] === null ? x[index] : x[`${index}_high`] });
      }
    }
    if (!rows.length) return Promise.resolve(null);
    const y = { field: 'factor', type: 'nominal', title: null, sort: kept.map((x) => x.factor) };
    const color = { field: 'index', type: 'nominal', title: null,
      scale: { domain: ['S1', 'ST'], range: [colors.s1, colors.st] } };
    return embed(el, {
      data: { values: rows },
      width: 420,
      height: { step: 26 },
      encoding: { y, yOffset: { field: 'index', type: 'nominal' } },
      layer: [
        { mark: { type: 'bar', opacity: 0.8 },
          encoding: { x: { field: 'value', type: 'quantitative', title: t(lang, 'sensitivityShare') },
            color,
            tooltip: [{ field: 'factor', title: t(lang, 'sensitivityParameter') },
              { field: 'index' }, { field: 'value', format: '.3f' },
              { field: 'low', title: '2.5%', format: '.3f' },
              { field: 'high', title: '97.5%', format: '.3f' }] } },
        { mark: { type: 'rule', color: '#222222' },
          encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
      ],
    }, lang);
  }

  function morrisChart(el, output, lang, top) {
    const kept = ranked(output.indices, 'mu_star', top);
    const rows = kept.map((x) => ({ factor: x.factor, mu: x.mu, mu_star: x.mu_star,
      sigma: x.sigma === null ? 0 : x.sigma,
      low: x.mu_star_low === null ? x.mu_star : x.mu_star_low,
      high: x.mu_star_high === null ? x.mu_star : x.mu_star_high }));
    if (!rows.length) return Promise.resolve(null);
    const x = { type: 'quantitative', title: t(lang, 'sensitivityMuStar') };
    const y = { field: 'sigma', type: 'quantitative', title: t(lang, 'sensitivitySigma') };
    return embed(el, {
      data: { values: rows },
      width: 460,
      height: 300,
      layer: [
        { mark: { type: 'rule', color: colors.morris, opacity: 0.6 },
          encoding: { x: { field: 'low', ...x }, x2: { field: 'high' }, y } },
        { mark: { type: 'point', filled: true, size: 60, color: colors.morris },
          encoding: { x: { field: 'mu_star', ...x }, y,
            tooltip: [{ field: 'factor', title: t(lang, 'sensitivityParameter') },
              { field: 'mu_star', title: 'μ*', format: '.4g' },
              { field: 'low', title: '2.5%', format: '.4g' },
              { field: 'high', title: '97.5%', format: '.4g' },
              { field: 'mu', title: 'μ', format: '.4g' },
              { field: 'sigma', title: 'σ', format: '.4g' }] } },
        { mark: { type: 'text', align: 'left', dx: 6, dy: -6, fontSize: 10, color: '#444444' },
          encoding: { x: { field: 'mu_star', ...x }, y, text: { field: 'factor' } } },
      ],
    }, lang);
  }

  function sensitivityCharts(el, doc, opts = {}) {
    while (el.firstChild) el.removeChild(el.firstChild);
    const lang = opts.lang || 'sv';
    const top = opts.top || 15;
    const s = doc.sensitivity;
    const morris = s.method === 'morris';
    paragraph(el, `${t(lang, morris ? 'sensitivityMorris' : 'sensitivitySobol')} ` +
      `${s.factors.length} ${t(lang, 'sensitivityParameters')}, ${s.design_points} ` +
      `${t(lang, 'sensitivityPoints')} × ${s.replicates} ${t(lang, 'replicates')}.`);
    const drawn = [];
    for (const output of s.outputs) {
      const h = document.createElement('h3');
      h.textContent = i18n().measure(lang, output.output);
      el.appendChild(h);
      if (output.undefined_points > 0) {
        paragraph(el, `${t(lang, 'sensitivityUndefined')}: ${output.undefined_points} / ` +
          `${s.design_points} ${t(lang, 'sensitivityPoints')}.`);
        continue;
      }
      let note = `${t(lang, 'sensitivityBase')} ${number(lang, output.base_value, 4)}; ` +
        `${t(lang, 'sensitivityNoise')} ${percent(lang, output.noise_share)}; ` +
        `${t(lang, 'sensitivityOpposite')} ${output.opposite_sign} / ${s.design_points}.`;
      if (output.too_noisy) note += ` ${t(lang, 'sensitivityTooNoisy')}`;
      paragraph(el, note);
      const where = reversalText(lang, output);
      if (where) paragraph(el, where);
      const box = document.createElement('div');
      el.appendChild(box);
      drawn.push(morris ? morrisChart(box, output, lang, top) : sobolChart(box, output, lang, top));
    }
    return Promise.all(drawn);
  }

  global.samspelSensitivityCharts = { sensitivityCharts, reversalText };
})(window);
