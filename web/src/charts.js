// The charts of samspel's results, shared by the self-contained report (`samspel report`) and
// the web app (`samspel serve`). Plain browser script, no build step; needs vega, vega-lite,
// vega-embed (window.vegaEmbed) and i18n.js (window.samspelI18n) loaded first. Every chart is a
// Vega-Lite spec rendered by vega-embed as SVG with its actions menu off, so nothing links out.
//
// Input is the results document (docs/report.md): doc.months, doc.configurations[i].bands,
// .changes and .measures, doc.markers, doc.differences, doc.size_classes, doc.axes.
//
// Interface: window.samspelCharts = {
//   fanChart(el, doc, metrics, opts)   -> Promise. Median line, 50% and 90% bands over the months
//       of one metric name or an array of them (one colour each), with election and event rules
//       and, below, a strip of majority shifts and KSO/kommunchef changes per month.
//       opts: {lang = 'sv', configuration = 0, title, markers = true, width, height}
//   comparisonCharts(el, doc, metric, opts) -> Promise. One fan chart per variant of a
//       comparison, side by side on a shared scale.
//   differenceChart(el, doc, opts)     -> Promise. Paired differences of each variant to variant
//       0 with their 95% confidence intervals, one panel per measure.
//       opts: {lang, measures = the headline measures}
//   differenceBandChart(el, doc, metric, opts) -> Promise. Month by month, the paired
//       difference of each variant to variant 0 with its 95% confidence band (needs
//       doc.differences[i].bands: a comparison run with --keep-series); null when absent.
//   populationCharts(el, doc, opts)    -> Promise. By size class: the population summary as bars
//       (unless opts.bars === false) and fan charts of opts.metric (default
//       cooperation_kso_ceo) across municipalities.
//   sweepCharts(el, doc, opts)         -> Promise. Each headline measure against each swept
//       parameter, one point per configuration.
//   comparisonTable(el, doc, opts)     -> a comparison's headline measures side by side: each
//       variant's mean and its paired difference to variant 0 with the 95% CI, as DOM.
//   summaryTable(el, doc, opts)        -> the table of key measures (mean, 95% CI, 5–95% range)
//       of opts.configuration (default 0), as DOM.
//   headlineMeasures, reportMetrics    -> the default lists
// }
// Each function replaces the content of `el`.
(function (global) {
  'use strict';

  const i18n = () => global.samspelI18n;

  // The metrics the report charts, in the report's order: cooperation, trust, fit of
  // the governing ideas, satisfaction; case and vision time are charted together.
  const reportMetrics = [
    'cooperation_kso_ceo',
    'person_trust_kso_ceo',
    'role_trust_kso_ceo',
    'fit_ideas',
    'satisfaction',
    ['case_time_politicians', 'vision_time_politicians'],
  ];

  // As printed by `samspel compare` (io::headline_measures).
  const headlineMeasures = [
    'mean_cooperation_kso_ceo', 'mean_effective_trust_kso_ceo', 'lockin_share',
    'mean_cooperation_drop', 'unrecovered_share_24', 'restricted_recovery_months', 'ceo_changes',
    'ceo_exits_cooperation', 'majority_shifts', 'mean_consensus_pre_discussion',
    'mean_belief_diversity', 'mean_fit_ideas', 'mean_political_room', 'mean_performance',
    'mean_satisfaction',
  ];

  const colors = ['#1f5f8b', '#b5522b', '#3d7d3a', '#7a4d9a', '#8a7a20', '#2b8a8a'];

  // Months are YYYY-MM; Vega-Lite gets UTC timestamps of the first of the month, drawn on a UTC
  // scale, so no time zone moves a month.
  function timestamp(month) {
    const [y, m] = month.split('-').map(Number);
    return Date.UTC(y, m - 1, 1);
  }

  function embedOptions(lang) {
    return {
      mode: 'vega-lite',
      renderer: 'svg',
      actions: false,
      formatLocale: i18n().formatLocale(lang),
      timeFormatLocale: i18n().timeFormatLocale(lang),
    };
  }

  function embed(el, spec, lang) {
    const div = document.createElement('div');
    div.className = 'samspel-chart';
    el.appendChild(div);
    return global.vegaEmbed(div, spec, embedOptions(lang));
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  function metricLabel(lang, metrics) {
    return metrics.map((m) => i18n().metric(lang, m)).join(' / ');
  }

  // Rows {date, series, q05..q95} for the fan of each named band object.
  function bandRows(months, bandsByName) {
    const rows = [];
    for (const [series, band] of bandsByName) {
      if (!band) continue;
      months.forEach((month, t) => {
        const row = { date: timestamp(month), month, series };
        for (const s of ['mean', 'q05', 'q25', 'q50', 'q75', 'q95']) {
          row[s] = band[s] ? band[s][t] : null;
        }
        if (row.q50 !== null) rows.push(row);
      });
    }
    return rows;
  }

  const xTime = (lang, title) => ({
    field: 'date',
    type: 'temporal',
    scale: { type: 'utc' },
    axis: { format: '%Y', tickCount: 'year',
      title: title === undefined ? i18n().t(lang, 'month') : title },
  });

  // The fan: 90% band, 50% band, median; coloured by series when there are several.
  function fanLayers(rows, names, lang, yTitle, xTitle) {
    const multi = names.length > 1;
    const color = multi
      ? { field: 'series', type: 'nominal', scale: { domain: names, range: colors },
          legend: { title: null, orient: 'top', labelLimit: 400 } }
      : { value: colors[0] };
    const tooltip = [
      { field: 'month', title: i18n().t(lang, 'month') },
      ...(multi ? [{ field: 'series', title: i18n().t(lang, 'value') }] : []),
      { field: 'q50', title: i18n().t(lang, 'median'), format: '.3f' },
      { field: 'q25', title: i18n().t(lang, 'q25'), format: '.3f' },
      { field: 'q75', title: i18n().t(lang, 'q75'), format: '.3f' },
      { field: 'q05', title: i18n().t(lang, 'q05'), format: '.3f' },
      { field: 'q95', title: i18n().t(lang, 'q95'), format: '.3f' },
    ];
    return [
      {
        data: { values: rows },
        mark: { type: 'area', opacity: 0.18 },
        encoding: { x: xTime(lang, xTitle), y: { field: 'q05', type: 'quantitative', title: yTitle },
          y2: { field: 'q95' }, color },
      },
      {
        data: { values: rows },
        mark: { type: 'area', opacity: 0.35 },
        encoding: { x: xTime(lang, xTitle), y: { field: 'q25', type: 'quantitative' },
          y2: { field: 'q75' }, color },
      },
      {
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x: xTime(lang, xTitle), y: { field: 'q50', type: 'quantitative' }, color, tooltip },
      },
    ];
  }

  // Election months as dashed grey rules, scripted events as orange rules. Fixed colours, not a
  // colour scale: in a layer that scale would be shared with the fan's series.
  function markerLayers(doc, lang) {
    const markers = doc.markers || {};
    const elections = (markers.elections || []).map((month) => ({ date: timestamp(month), month,
      label: i18n().t(lang, 'election') }));
    const events = (markers.events || []).map((e) => ({ date: timestamp(e.month), month: e.month,
      label: i18n().event(lang, e.type) }));
    const rule = (values, color, dash) => ({
      data: { values },
      mark: { type: 'rule', strokeWidth: 1.2, color, strokeDash: dash },
      encoding: {
        x: xTime(lang),
        tooltip: [{ field: 'label', title: i18n().t(lang, 'event') },
          { field: 'month', title: i18n().t(lang, 'month') }],
      },
    });
    const layers = [];
    if (elections.length) layers.push(rule(elections, '#888888', [4, 3]));
    if (events.length) layers.push(rule(events, '#e07b00', [1, 0]));
    return layers;
  }

  // Majority shifts and KSO/kommunchef changes per replicate and month, as a heat strip.
  function changeStrip(doc, configuration, lang, width) {
    const changes = configuration.changes;
    if (!changes) return null;
    const rows = [];
    for (const kind of ['majority_shift', 'kso', 'ceo']) {
      (changes[kind] || []).forEach((rate, t) => {
        if (rate === null || rate === undefined) return;
        rows.push({ date: timestamp(doc.months[t]), month: doc.months[t], kind: i18n().t(lang, kind),
          rate });
      });
    }
    if (!rows.length) return null;
    return {
      width,
      height: 48,
      data: { values: rows },
      mark: { type: 'rect' },
      encoding: {
        x: { ...xTime(lang), timeUnit: 'utcyearmonth' },
        y: { field: 'kind', type: 'nominal', title: null,
          sort: ['majority_shift', 'kso', 'ceo'].map((k) => i18n().t(lang, k)) },
        color: { field: 'rate', type: 'quantitative', scale: { scheme: 'greys', domainMin: 0 },
          legend: { title: i18n().t(lang, 'perReplicate'), orient: 'right', gradientLength: 40 } },
        tooltip: [{ field: 'kind', title: ' ' }, { field: 'month', title: i18n().t(lang, 'month') },
          { field: 'rate', title: i18n().t(lang, 'changes'), format: '.3f' }],
      },
    };
  }

  function fanSpec(doc, bandsByName, names, opts) {
    const lang = opts.lang || 'sv';
    const width = opts.width || 640;
    const layers = fanLayers(bandRows(doc.months, bandsByName), names, lang, opts.yTitle || null,
      opts.xTitle);
    if (opts.markers !== false) layers.push(...markerLayers(doc, lang));
    return {
      title: opts.title,
      width,
      height: opts.height || 220,
      layer: layers,
    };
  }

  function fanChart(el, doc, metrics, opts = {}) {
    clear(el);
    const lang = opts.lang || 'sv';
    const list = Array.isArray(metrics) ? metrics : [metrics];
    const configuration = doc.configurations[opts.configuration || 0];
    if (!configuration || !configuration.bands) return Promise.resolve(null);
    const names = list.map((m) => i18n().metric(lang, m));
    const bands = list.map((m, k) => [names[k], configuration.bands[m]]);
    const strip = opts.markers === false ? null : changeStrip(doc, configuration, lang,
      opts.width || 640);
    // With the strip below, the months are labelled once, under the strip.
    const fan = fanSpec(doc, bands, names, { ...opts, xTitle: strip ? null : undefined,
      title: opts.title === undefined ? metricLabel(lang, list) : opts.title });
    if (!strip) return embed(el, fan, lang);
    const { title, ...inner } = fan;
    return embed(el, { title, vconcat: [inner, strip], spacing: 4,
      resolve: { scale: { color: 'independent', x: 'shared' } } }, lang);
  }

  function comparisonCharts(el, doc, metric, opts = {}) {
    clear(el);
    const lang = opts.lang || 'sv';
    const name = i18n().metric(lang, metric);
    const panels = doc.configurations.map((c, v) => {
      const spec = fanSpec(doc, [[name, c.bands && c.bands[metric]]], [name],
        { lang, width: opts.width || 300, height: opts.height || 180,
          title: `[${v}] ${c.label}${v === 0 ? ` (${i18n().t(lang, 'reference')})` : ''}` });
      return spec;
    });
    return embed(el, {
      title: name,
      concat: panels,
      columns: opts.columns || 2,
      resolve: { scale: { y: 'shared' } },
    }, lang);
  }

  function differenceChart(el, doc, opts = {}) {
    clear(el);
    const lang = opts.lang || 'sv';
    const wanted = opts.measures || headlineMeasures;
    const rows = [];
    for (const d of doc.differences || []) {
      for (const m of d.measures) {
        if (!wanted.includes(m.name) || m.mean === null || frozen(doc, m.name)) continue;
        rows.push({ measure: i18n().measure(lang, m.name), variant: `[${d.variant}] ${d.label}`,
          mean: m.mean, low: m.low === null ? m.mean : m.low,
          high: m.high === null ? m.mean : m.high, n: m.n,
          verdict: i18n().t(lang, verdict(m.name, m) || 'noVerdict') });
      }
    }
    if (!rows.length) return Promise.resolve(null);
    const x = { type: 'quantitative', title: i18n().t(lang, 'difference') };
    // Green when better, red when worse, as in the tables.
    const judged = { field: 'verdict', type: 'nominal',
      scale: { domain: ['better', 'worse', 'noVerdict'].map((k) => i18n().t(lang, k)),
        range: ['#1d6b2a', '#a12a1a', colors[0]] },
      legend: { title: null, orient: 'top' } };
    return embed(el, {
      data: { values: rows },
      facet: { field: 'measure', type: 'nominal', title: null,
        sort: wanted.map((m) => i18n().measure(lang, m)) },
      columns: opts.columns || 2,
      spec: {
        width: opts.width || 260,
        height: { step: 22 },
        layer: [
          { mark: { type: 'rule', color: '#888888', strokeDash: [3, 3] },
            encoding: { x: { datum: 0, type: 'quantitative' } } },
          { mark: { type: 'rule', strokeWidth: 2 },
            encoding: { y: { field: 'variant', type: 'nominal', title: null },
              x: { field: 'low', ...x }, x2: { field: 'high' }, color: judged } },
          { mark: { type: 'point', filled: true, size: 50 },
            encoding: { y: { field: 'variant', type: 'nominal', title: null },
              x: { field: 'mean', ...x }, color: judged,
              tooltip: [{ field: 'variant', title: i18n().t(lang, 'variant') },
                { field: 'mean', title: i18n().t(lang, 'difference'), format: '.4g' },
                { field: 'low', title: i18n().t(lang, 'ciLow'), format: '.4g' },
                { field: 'high', title: i18n().t(lang, 'ciHigh'), format: '.4g' },
                { field: 'verdict', title: ' ' }, { field: 'n', title: 'n' }] } },
        ],
      },
      resolve: { scale: { x: 'independent' } },
    }, lang);
  }

  function differenceBandChart(el, doc, metric, opts = {}) {
    clear(el);
    const lang = opts.lang || 'sv';
    const rows = [];
    const names = [];
    for (const d of doc.differences || []) {
      const band = d.bands && d.bands[metric];
      if (!band) continue;
      const name = `[${d.variant}] ${d.label}`;
      names.push(name);
      doc.months.forEach((month, t) => {
        if (band.mean[t] === null) return;
        rows.push({ date: timestamp(month), month, series: name, mean: band.mean[t],
          low: band.low[t] === null ? band.mean[t] : band.low[t],
          high: band.high[t] === null ? band.mean[t] : band.high[t] });
      });
    }
    if (!rows.length) return Promise.resolve(null);
    const color = { field: 'series', type: 'nominal',
      scale: { domain: names, range: colors.slice(1).concat(colors.slice(0, 1)) },
      legend: { title: null, orient: 'top', labelLimit: 400 } };
    const layers = [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#444444' },
        encoding: { y: { field: 'zero', type: 'quantitative' } } },
      { data: { values: rows }, mark: { type: 'area', opacity: 0.25 },
        encoding: { x: xTime(lang), y: { field: 'low', type: 'quantitative',
          title: i18n().t(lang, 'difference') }, y2: { field: 'high' }, color } },
      { data: { values: rows }, mark: { type: 'line', strokeWidth: 2 },
        encoding: { x: xTime(lang), y: { field: 'mean', type: 'quantitative' }, color,
          tooltip: [{ field: 'series', title: i18n().t(lang, 'variant') },
            { field: 'month', title: i18n().t(lang, 'month') },
            { field: 'mean', title: i18n().t(lang, 'difference'), format: '.3f' },
            { field: 'low', title: i18n().t(lang, 'ciLow'), format: '.3f' },
            { field: 'high', title: i18n().t(lang, 'ciHigh'), format: '.3f' }] } },
      ...markerLayers(doc, lang),
    ];
    return embed(el, { title: i18n().metric(lang, metric), width: opts.width || 640,
      height: opts.height || 200, layer: layers }, lang);
  }

  function populationCharts(el, doc, opts = {}) {
    clear(el);
    const lang = opts.lang || 'sv';
    const classes = (doc.size_classes || []).filter((c) => c.size_class !== 'all');
    const order = classes.map((c) => c.size_class);
    const fields = ['majority_shift_per_election', 'ceo_changes_per_year',
      'ceo_exits_cooperation_share', 'terms_with_ceo_change'];
    const rows = [];
    for (const c of classes) {
      for (const f of fields) {
        rows.push({ size_class: c.size_class, measure: i18n().t(lang, f), value: c[f],
          municipalities: c.municipalities });
      }
    }
    const bars = {
      data: { values: rows },
      facet: { field: 'measure', type: 'nominal', title: null,
        sort: fields.map((f) => i18n().t(lang, f)) },
      columns: 2,
      spec: {
        width: 260,
        height: 160,
        mark: { type: 'bar', color: colors[0] },
        encoding: {
          x: { field: 'size_class', type: 'ordinal', sort: order, title: i18n().t(lang, 'sizeClass') },
          y: { field: 'value', type: 'quantitative', title: null },
          tooltip: [{ field: 'size_class', title: i18n().t(lang, 'sizeClass') },
            { field: 'value', title: i18n().t(lang, 'value'), format: '.3f' },
            { field: 'municipalities', title: i18n().t(lang, 'municipalities') }],
        },
      },
      resolve: { scale: { y: 'independent' } },
    };
    const metric = opts.metric || 'cooperation_kso_ceo';
    const name = i18n().metric(lang, metric);
    const fans = classes.filter((c) => c.bands && c.bands[metric]).map((c) => {
      const spec = fanSpec(doc, [[name, c.bands[metric]]], [name],
        { lang, width: 300, height: 160,
          title: `${c.size_class} (${c.municipalities} ${i18n().t(lang, 'municipalities').toLowerCase()})` });
      return spec;
    });
    const done = opts.bars === false ? [] : [embed(el, bars, lang)];
    if (fans.length) {
      done.push(embed(el, { title: name, concat: fans, columns: 2, resolve: { scale: { y: 'shared' } } }, lang));
    }
    return Promise.all(done);
  }

  function sweepCharts(el, doc, opts = {}) {
    clear(el);
    const lang = opts.lang || 'sv';
    const wanted = opts.measures || headlineMeasures;
    const rows = [];
    for (const c of doc.configurations) {
      const point = {};
      for (const a of c.assignments || []) {
        const at = a.indexOf('=');
        point[a.slice(0, at)] = Number(a.slice(at + 1));
      }
      for (const m of c.measures || []) {
        if (!wanted.includes(m.name) || m.mean === null) continue;
        for (const [key, value] of Object.entries(point)) {
          rows.push({ parameter: key, x: value, measure: i18n().measure(lang, m.name), mean: m.mean,
            label: c.label });
        }
      }
    }
    if (!rows.length) return Promise.resolve(null);
    return embed(el, {
      data: { values: rows },
      facet: { row: { field: 'measure', type: 'nominal', title: null,
        header: { labelAngle: 0, labelAlign: 'left' },
        sort: wanted.map((m) => i18n().measure(lang, m)) },
      column: { field: 'parameter', type: 'nominal', title: null } },
      spec: {
        width: 220,
        height: 120,
        mark: { type: 'point', filled: true, size: 18, opacity: 0.6, color: colors[0] },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: null, scale: { zero: false } },
          y: { field: 'mean', type: 'quantitative', title: null, scale: { zero: false } },
          tooltip: [{ field: 'label' }, { field: 'mean', format: '.4g' }],
        },
      },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    }, lang);
  }

  // One number format per language, the same as the app's (i18n.number).
  function format(lang, v) {
    if (v === null || v === undefined) return '–';
    return i18n().number(lang, v, Math.abs(v) >= 100 ? 0 : 3);
  }

  // A measure that cannot move in this document: every configuration has the same mean and no
  // spread, or no value at all. Such a row would read as a finding; it is left out and counted.
  function frozen(doc, name) {
    // In a comparison, a measure whose paired difference is exactly zero in every replicate of
    // every variant does not respond to what the variants change.
    const diffs = (doc.differences || []).map((d) => (d.measures || []).find((x) => x.name === name));
    if (diffs.length > 0 && diffs.every((d) => d && d.mean === 0 && d.low === 0 && d.high === 0)) {
      return true;
    }
    const values = [];
    for (const c of doc.configurations || []) {
      const m = (c.measures || []).find((x) => x.name === name);
      if (!m || m.mean === null || m.mean === undefined) continue;
      if (m.low !== undefined && m.low !== null && m.high !== m.low) return false;
      if (m.q05 !== undefined && m.q05 !== null && m.q95 !== m.q05) return false;
      values.push(m.mean);
    }
    return values.every((v) => v === values[0]);
  }

  // The measure's label with what it means (and which way is better) in a smaller line.
  function measureCell(row, lang, name) {
    const cell = row.insertCell();
    cell.className = 'measure';
    const label = document.createElement('span');
    label.textContent = i18n().measure(lang, name);
    cell.appendChild(label);
    const about = i18n().about(lang, name);
    if (about) {
      const small = document.createElement('small');
      small.className = 'about';
      small.textContent = about;
      cell.appendChild(document.createElement('br'));
      cell.appendChild(small);
    }
    return cell;
  }

  // "better", "worse" or "" for a paired difference: only when its 95% interval excludes 0 and
  // the measure has a better direction.
  function verdict(name, d) {
    const way = i18n().better(name);
    if (!way || !d || d.mean === null || d.low === null || d.high === null) return '';
    if (d.low <= 0 && d.high >= 0) return '';
    const up = d.mean > 0;
    return (up === (way === 'higher')) ? 'better' : 'worse';
  }

  // Names the measures left out, so that nothing disappears unsaid.
  function hiddenNote(el, lang, names) {
    if (!names.length) return;
    const p = document.createElement('p');
    p.className = 'note hidden-measures';
    p.textContent = `${i18n().t(lang, 'hiddenMeasures')}: ${names.map((n) => i18n().measure(lang, n)).join('; ')}.`;
    el.appendChild(p);
  }

  function summaryTable(el, doc, opts = {}) {
    clear(el);
    const lang = opts.lang || 'sv';
    const wanted = opts.measures || headlineMeasures;
    const configuration = doc.configurations[opts.configuration || 0];
    const table = document.createElement('table');
    table.className = 'samspel-summary';
    const head = table.insertRow();
    for (const key of ['measure', 'mean', 'ci95', 'range90', 'n']) {
      const th = document.createElement('th');
      th.textContent = i18n().t(lang, key);
      head.appendChild(th);
    }
    const byName = new Map(((configuration && configuration.measures) || []).map((m) => [m.name, m]));
    const hidden = [];
    for (const name of wanted) {
      const m = byName.get(name);
      if (!m) continue;
      if (frozen(doc, name)) {
        hidden.push(name);
        continue;
      }
      const row = table.insertRow();
      row.dataset.measure = name;
      measureCell(row, lang, name);
      const cells = [
        format(lang, m.mean),
        m.low === undefined ? '–' : `[${format(lang, m.low)}, ${format(lang, m.high)}]`,
        m.q05 === undefined ? '–' : `[${format(lang, m.q05)}, ${format(lang, m.q95)}]`,
        String(m.n),
      ];
      cells.forEach((text) => {
        const td = row.insertCell();
        td.textContent = text;
        td.className = 'number';
      });
    }
    el.appendChild(table);
    hiddenNote(el, lang, hidden);
    return table;
  }

  // A comparison side by side: per measure, each variant's mean and, after the first, its
  // paired difference to variant 0 with the 95% confidence interval.
  function comparisonTable(el, doc, opts = {}) {
    clear(el);
    const lang = opts.lang || 'sv';
    const wanted = opts.measures || headlineMeasures;
    const table = document.createElement('table');
    table.className = 'samspel-summary samspel-comparison';
    const head = table.insertRow();
    const th = (text, title) => {
      const cell = document.createElement('th');
      cell.textContent = text;
      if (title) cell.title = title;
      head.appendChild(cell);
    };
    th(i18n().t(lang, 'measure'));
    doc.configurations.forEach((c, v) => {
      th(`[${v}] ${i18n().t(lang, 'mean')}`, c.label);
      if (v > 0) th(`[${v}] − [0] (${i18n().t(lang, 'ci95short')})`, c.label);
    });
    const find = (list, name) => (list || []).find((m) => m.name === name);
    const hidden = [];
    for (const name of wanted) {
      if (frozen(doc, name)) {
        hidden.push(name);
        continue;
      }
      const row = table.insertRow();
      row.dataset.measure = name;
      measureCell(row, lang, name);
      doc.configurations.forEach((c, v) => {
        const m = find(c.measures, name);
        const mean = row.insertCell();
        mean.className = 'number';
        mean.textContent = format(lang, m ? m.mean : null);
        if (v === 0) return;
        const d = find(doc.differences[v - 1] && doc.differences[v - 1].measures, name);
        const diff = row.insertCell();
        const judged = verdict(name, d);
        diff.className = `number ${judged}`.trim();
        diff.dataset.verdict = judged || 'none';
        const arrow = d && d.mean !== null && judged ? (d.mean > 0 ? '▲ ' : '▼ ') : '';
        diff.textContent = d && d.mean !== null
          ? `${arrow}${d.mean > 0 ? '+' : ''}${format(lang, d.mean)} [${format(lang, d.low)}, ${format(lang, d.high)}]`
          : '–';
        if (judged) diff.title = i18n().t(lang, judged);
      });
    }
    el.style.overflowX = 'auto';
    el.appendChild(table);
    hiddenNote(el, lang, hidden);
    if (doc.configurations.length > 1) {
      const key = document.createElement('p');
      key.className = 'note verdict-key';
      key.textContent = i18n().t(lang, 'verdictKey');
      el.appendChild(key);
    }
    return table;
  }

  global.samspelCharts = {
    format,
    frozen,
    comparisonTable,
    fanChart,
    comparisonCharts,
    differenceChart,
    differenceBandChart,
    populationCharts,
    sweepCharts,
    summaryTable,
    headlineMeasures,
    reportMetrics,
  };
})(window);
