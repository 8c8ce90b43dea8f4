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

    // Provenance last; the long list of resolved parameters folded away.
    const provenance = section(main, 'provenance', lang, 'provenance');
    const { parameters, ...rest } = doc.provenance || {};
    const pre = document.createElement('pre');
    pre.textContent = JSON.stringify(rest, null, 2);
    provenance.appendChild(pre);
    if (parameters) {
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = t(lang, 'parameters');
      const list = document.createElement('pre');
      list.textContent = JSON.stringify(parameters, null, 2);
      details.append(summary, list);
      provenance.appendChild(details);
    }

    return Promise.all(drawn).then(() => {
      document.body.dataset.rendered = lang;
    });
  }

  global.samspelReport = { render };
})(window);
