// The page of `samspel report`: reads the results document inlined in the page
// (the JSON script element with id samspel-results) and lays out its sections with
// charts.js, in the language of <html lang>; the sv/en buttons switch it.
// window.samspelReport.render(lang?) draws (again) and returns a Promise settled when every
// chart is drawn; <body data-rendered="sv|en"> then names the language drawn.
(function (global) {
  'use strict';

  const charts = () => global.samspelCharts;
  const t = (lang, key) => global.samspelI18n.t(lang, key);

  function section(parent, id, lang, titleKey, noteKey) {
    const s = document.createElement('section');
    s.id = id;
    const h = document.createElement('h2');
    h.textContent = t(lang, titleKey);
    s.appendChild(h);
    if (noteKey) {
      const p = document.createElement('p');
      p.className = 'note';
      p.textContent = t(lang, noteKey);
      s.appendChild(p);
    }
    parent.appendChild(s);
    return s;
  }

  function box(parent) {
    const div = document.createElement('div');
    parent.appendChild(div);
    return div;
  }

  function sizeClassTable(parent, doc, lang) {
    const fields = ['municipalities', 'majority_shift_per_election', 'ceo_changes_per_year',
      'ceo_exits_cooperation_share', 'terms_with_ceo_change'];
    const table = document.createElement('table');
    table.className = 'samspel-summary';
    const head = table.insertRow();
    for (const key of ['sizeClass', ...fields]) {
      const th = document.createElement('th');
      th.textContent = t(lang, key);
      head.appendChild(th);
    }
    for (const c of doc.size_classes || []) {
      const row = table.insertRow();
      row.insertCell().textContent = c.size_class === 'all' ? t(lang, 'all') : c.size_class;
      for (const f of fields) {
        const td = row.insertCell();
        td.className = 'number';
        const v = c[f];
        td.textContent = f === 'municipalities' && v !== null ? String(v)
          : global.samspelI18n.number(lang, v, 3);
      }
    }
    parent.appendChild(table);
  }

  // One provenance value in words: objects as "key value" pairs, lists item by item; what is
  // nested deeper stays JSON.
  function provenanceLabel(lang, key) {
    const label = t(lang, `prov_${key}`);
    return label === `prov_${key}` ? key : label;
  }

  function provenanceText(value, lang) {
    const flat = (v) => {
      if (v !== null && typeof v === 'object') return JSON.stringify(v);
      // Seeds and counts exactly as recorded; a fraction with the language's decimal sign.
      if (typeof v === 'number' && !Number.isInteger(v) && lang === 'sv') return String(v).replace('.', ',');
      return String(v);
    };
    const pairs = (object) => Object.entries(object)
      .filter(([, v]) => v !== '' && v !== null && v !== 0)
      .map(([k, v]) => `${provenanceLabel(lang, k)} ${Array.isArray(v) ? provenanceText(v, lang) : flat(v)}`)
      .join(', ');
    if (Array.isArray(value)) {
      // A scripted event by its name and month, then what it carries.
      return value.map((item) => {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) return flat(item);
        if (!item.type) return pairs(item);
        const { type, date, ...more } = item;
        const rest = pairs(more);
        return `${global.samspelI18n.event(lang, type)} ${date || ''}${rest ? ` (${rest})` : ''}`.trim();
      }).join('; ');
    }
    if (value !== null && typeof value === 'object') return pairs(value);
    return flat(value);
  }

  function provenanceTable(record, lang) {
    const table = document.createElement('table');
    table.className = 'provenance';
    for (const [key, value] of Object.entries(record)) {
      const row = table.insertRow();
      const name = document.createElement('th');
      name.scope = 'row';
      name.textContent = provenanceLabel(lang, key);
      const cell = row.insertCell();
      const text = provenanceText(value, lang);
      if (key === 'command_line' || key === 'git_revision') {
        const code = document.createElement('code');
        code.textContent = text;
        cell.appendChild(code);
      } else {
        cell.textContent = text;
      }
      row.insertBefore(name, cell);
    }
    return table;
  }

  function render(lang) {
    const doc = JSON.parse(document.getElementById('samspel-results').textContent);
    lang = lang || document.documentElement.lang || 'sv';
    document.documentElement.lang = lang;
    document.body.removeAttribute('data-rendered');
    for (const b of document.querySelectorAll('.lang button')) {
      b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
      b.onclick = () => render(b.dataset.lang);
    }
    document.getElementById('language-label').textContent = t(lang, 'language');
    document.getElementById('subtitle').textContent =
      `${t(lang, `kind_${doc.kind}`)} · ${doc.months[0]} – ${doc.months[doc.months.length - 1]}` +
      ` · ${doc.replicates} ${t(lang, 'replicates')}`;
    const main = document.getElementById('report');
    while (main.firstChild) main.removeChild(main.firstChild);
    const drawn = [];
    const kind = doc.kind;

    if (kind === 'run' || kind === 'compare') {
      const summary = section(main, 'summary', lang, 'summary',
        kind === 'compare' ? 'comparisonNote' : 'summaryNote');
      if (kind === 'run') {
        charts().summaryTable(box(summary), doc, { lang });
      } else {
        const list = document.createElement('ol');
        list.start = 0;
        for (const c of doc.configurations) {
          const item = document.createElement('li');
          item.textContent = c.label;
          list.appendChild(item);
        }
        summary.appendChild(list);
        charts().comparisonTable(box(summary), doc, { lang });
      }
      const fans = section(main, 'fan-charts', lang, 'fanCharts', 'fanNote');
      for (const metric of charts().reportMetrics) {
        if (kind === 'run') {
          const title = Array.isArray(metric) ? t(lang, 'caseVision') : undefined;
          drawn.push(charts().fanChart(box(fans), doc, metric, { lang, title }));
        } else {
          for (const m of Array.isArray(metric) ? metric : [metric]) {
            drawn.push(charts().comparisonCharts(box(fans), doc, m, { lang }));
          }
        }
      }
      if (kind === 'compare') {
        const diff = section(main, 'differences', lang, 'differences', 'differencesNote');
        drawn.push(charts().differenceChart(box(diff), doc, { lang }));
        const monthly = (doc.differences || []).some((d) => d.bands);
        if (monthly) {
          const p = document.createElement('p');
          p.className = 'note';
          p.textContent = t(lang, 'monthlyDifferencesNote');
          diff.appendChild(p);
          for (const metric of charts().reportMetrics.flat()) {
            drawn.push(charts().differenceBandChart(box(diff), doc, metric, { lang }));
          }
        }
      }
    } else if (kind === 'population') {
      const pop = section(main, 'population', lang, 'population', 'populationNote');
      sizeClassTable(pop, doc, lang);
      ['cooperation_kso_ceo', 'satisfaction'].forEach((metric, k) => {
        drawn.push(charts().populationCharts(box(pop), doc, { lang, metric, bars: k === 0 }));
      });
    } else if (kind === 'sensitivity') {
      const sens = section(main, 'sensitivity', lang, 'sensitivity',
        doc.sensitivity.method === 'sobol' ? 'sensitivityNoteSobol' : 'sensitivityNoteMorris');
      drawn.push(global.samspelSensitivityCharts.sensitivityCharts(box(sens), doc, { lang }));
    } else if (kind === 'sweep') {
      const sweep = section(main, 'sweep', lang, 'sweep');
      drawn.push(charts().sweepCharts(box(sweep), doc, { lang }));
    }

    // Provenance last, as a table a reader can scan; the long list of resolved parameters and
    // the exact record folded away.
    const provenance = section(main, 'provenance', lang, 'provenance', 'provenanceNote');
    const { parameters, ...rest } = doc.provenance || {};
    provenance.appendChild(provenanceTable(rest, lang));
    const folded = (label, value) => {
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = t(lang, label);
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(value, null, 2);
      details.append(summary, pre);
      provenance.appendChild(details);
    };
    if (parameters) folded('parameters', parameters);
    folded('provenanceRaw', doc.provenance || {});

    return Promise.all(drawn).then(() => {
      document.body.dataset.rendered = lang;
    });
  }

  global.samspelReport = { render };
})(window);
