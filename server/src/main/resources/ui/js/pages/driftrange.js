// The endpoint's "Drift over time" tab (issue 17 pt 3): drift over a day or a week of windows from the merged window
// summaries (GET …/drift and …/drift/series, no row read): general drift per hour or day as a chart, per feature as a
// heat map, and the merged range's per-feature table against the reference and against the previous range of equal
// length. The range ends at the next full hour; span, buckets and the chart's baseline are kept in the URL.
import { api, el, enc, fmtNum, fmtTime, setHashQuery, STATUS_NAMES, statusDot } from '../util.js';
import { heatmap, lines } from '../charts.js';

export const SPANS = [['day', 'last day', 1], ['week', 'last week', 7]];
const GRANULARITIES = [['hour', 'per hour'], ['day', 'per day']];
const BASELINES = [['reference', 'against the reference'], ['previous', 'against the previous bucket']];
const MEASURES = ['tvd', 'hellinger', 'kld'];

function select(testid, key, options, current, fallback) {
  return el('select', { 'data-testid': testid, onchange: e => setHashQuery({ [key]: e.target.value === fallback ? '' : e.target.value }) },
    options.map(([v, label]) => el('option', { value: v, selected: v === current }, label)));
}

/** [start, end) of the span: `days` days up to the next full hour (so every load of the page asks for the same cells). */
export function spanRange(days, now = Date.now()) {
  const end = Math.ceil(now / 3600000) * 3600000;
  return { start: new Date(end - days * 86400000).toISOString(), end: new Date(end).toISOString() };
}

function code(r) {
  return r.status_code ?? null;
}

function headline(label, r, testid) {
  return el('div', { class: 'card' }, el('div', { class: 'k' }, label),
    el('div', { class: 'v', 'data-testid': testid, 'data-value': r.general_drift ?? '', 'data-status': r.status },
      statusDot(code(r)), fmtNum(r.general_drift, 6)),
    el('div', { class: 'muted' }, `${STATUS_NAMES[code(r)] ?? r.status} · ${fmtNum(r.rows, 0)} rows · ${r.cells} windows`));
}

function featureTable(vsRef, vsPrev) {
  const prev = Object.fromEntries(vsPrev.features.map(f => [f.name, f]));
  const cell = (col, v) => el('td', { class: 'num', 'data-col': col, 'data-value': v ?? '' }, fmtNum(v, 6));
  const head = ['Feature', 'Drift vs ref.', 'TVD vs ref.', 'Hellinger vs ref.', 'KLD vs ref.',
    'Drift vs prev.', 'TVD vs prev.', 'Hellinger vs prev.', 'KLD vs prev.'];
  return el('div', { class: 'tablewrap', 'data-scroll-key': 'range-features' }, el('table', { 'data-testid': 'range-features' },
    el('thead', {}, el('tr', {}, head.map((h, i) => el('th', { class: i ? 'num' : null }, h)))),
    el('tbody', {}, vsRef.features.map(f => el('tr', { 'data-feature': f.name }, el('td', {}, f.name),
      cell('ref_drift', f.drift), MEASURES.map(m => cell('ref_' + m, f[m])),
      cell('prev_drift', prev[f.name]?.drift), MEASURES.map(m => cell('prev_' + m, prev[f.name]?.[m])))))));
}

function notes(r) {
  return r.notes.length ? el('p', { class: 'muted', 'data-testid': 'range-notes' }, r.notes.join('; ')) : null;
}

export function driftRangeTab(p, uid, route) {
  const span = SPANS.find(([k]) => k === route.query?.span) ?? SPANS[1];
  const granularity = GRANULARITIES.some(([k]) => k === route.query?.granularity) ? route.query.granularity : 'hour';
  const baseline = BASELINES.some(([k]) => k === route.query?.baseline) ? route.query.baseline : 'reference';
  const info = el('p', { class: 'muted', 'data-testid': 'range-span' });
  const cards = el('div', { class: 'cards', 'data-testid': 'range-figures' });
  const charts = el('div', { 'data-testid': 'range-charts' });
  const table = el('div');
  const root = el('div', {}, el('div', { class: 'toolbar' }, el('b', {}, 'Range'),
    select('range-span-select', 'span', SPANS, span[0], 'week'),
    select('range-granularity', 'granularity', GRANULARITIES, granularity, 'hour'),
    select('range-baseline', 'baseline', BASELINES, baseline, 'reference')), info, cards, charts,
  el('h2', {}, 'Per feature over the whole range'), table);
  return {
    root,
    async refresh() {
      const r = spanRange(span[2]);
      const path = `/projects/${enc(p)}/model-endpoints/${enc(uid)}/drift`;
      const [vsRef, vsPrev, series] = await Promise.all([api(path, { ...r, baseline: 'reference' }),
        api(path, { ...r, baseline: 'previous' }), api(path + '/series', { ...r, granularity, baseline })]);
      info.replaceChildren(`From ${fmtTime(r.start)} to ${fmtTime(r.end)}, merged from the window summaries (no row read)`,
        vsRef.covered ? `; covered ${fmtTime(vsRef.covered.start)} – ${fmtTime(vsRef.covered.end)}` : '; no window in this range');
      info.setAttribute('data-start', r.start);
      info.setAttribute('data-end', r.end);
      cards.replaceChildren(headline(`General drift vs reference (${span[1]})`, vsRef, 'range-vs-reference'),
        headline(`General drift vs previous ${span[0]}`, vsPrev, 'range-vs-previous'));
      const times = series.points.map(x => x.start);
      const names = vsRef.features.map(f => f.name);
      charts.replaceChildren(
        el('div', { class: 'card' }, el('b', {}, `General drift ${GRANULARITIES.find(([k]) => k === granularity)[1]}, `
          + BASELINES.find(([k]) => k === baseline)[1]),
        lines(times, [{ name: 'general_drift', values: series.points.map(x => x.general_drift) }], { testid: 'range-series', fmt: v => fmtNum(v, 3) })),
        el('div', { class: 'card' }, el('b', {}, 'Drift per feature ((TVD + Hellinger) / 2)'),
          heatmap(times, names.map(n => ({ name: n, values: series.points.map(x => x.features[n]?.drift ?? null) })), { testid: 'range-heatmap' })));
      charts.setAttribute('data-points', series.points.length);
      table.replaceChildren(featureTable(vsRef, vsPrev), notes(vsRef) ?? '');
    },
  };
}
