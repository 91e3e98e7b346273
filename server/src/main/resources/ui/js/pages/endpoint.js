// The endpoint page: tabs Overview, Operations, Windows, Drift Analysis, Features Analysis, Performance and Metrics, plus the
// alert badge. Drift and Features show the latest window, or the window named by ?window=<end> in the URL.
import { api, apiOptional, asOf, el, enc, fmtLatency, fmtNum, fmtTime, modelName, setHashQuery, STATUS_NAMES,
  statusDot, toYaml } from '../util.js';
import { overlaid } from '../charts.js';
import { metricsTab } from './metrics.js';
import { operationsTab } from './operations.js';
import { accuracyText, accuracyTitle } from './endpoints.js';
import { performanceTab } from './performance.js';
import { driftRangeTab } from './driftrange.js';
import { loadWindows, windowBar, windowsTab } from './windows.js';

const TABS = [['overview', 'Overview'], ['operations', 'Operations'], ['windows', 'Windows'], ['drift', 'Drift Analysis'],
  ['drift-range', 'Drift over time'],
  ['features', 'Features Analysis'], ['performance', 'Performance'], ['metrics', 'Metrics']];
const NO_REFERENCE = 'No training set logged: drift cannot be computed. Log the model with its training set (or set feature_stats).';
const MEASURES = ['tvd', 'hellinger', 'kld'];
const MEASURE_NAMES = { tvd: 'TVD', hellinger: 'Hellinger', kld: 'KLD' };

const LIVE = [['predictions_per_second', 'Predictions/s (last 5 minutes)'], ['latency_avg_5m', 'Mean latency (last 5 minutes)'],
  ['latency_avg_1h', 'Mean latency (last hour)'], ['predictions_count_5m', 'Predictions (last 5 minutes)'], ['predictions_count_1h', 'Predictions (last hour)']];

function kv(pairs) {
  return el('dl', { class: 'kv' }, pairs.flatMap(([k, v, col]) => [el('dt', {}, k), el('dd', { 'data-field': col }, v ?? '—')]));
}

/** The overview's Accuracy: the endpoint list's value with its provenance (or why there is none) as the tooltip. */
function accuracyField(row) {
  if (!row) return el('span', { 'data-testid': 'accuracy', 'data-value': '', title: 'loading' }, '—');
  return el('span', { 'data-testid': 'accuracy', 'data-value': row.accuracy ?? '', 'data-accuracy-metric': row.accuracy_metric ?? '',
    title: accuracyTitle(row) }, accuracyText(row), row.accuracy === null || row.accuracy === undefined
    ? el('span', { class: 'muted' }, ` (${row.accuracy_reason ?? 'none'})`) : null);
}

function overview(ep, state) {
  const spec = ep.spec, st = ep.status, g = st.metrics?.generic ?? {};
  const fmt = state.format;
  const pre = el('pre', { class: 'record', 'data-testid': 'record' }, fmt === 'yaml' ? toYaml(ep).trimStart() : JSON.stringify(ep, null, 2));
  const toggle = el('select', { 'data-testid': 'record-format', onchange: e => { state.format = e.target.value; state.redraw(); } },
    el('option', { value: 'yaml', selected: fmt === 'yaml' }, 'YAML'), el('option', { value: 'json', selected: fmt === 'json' }, 'JSON'));
  return [
    kv([['UID', ep.metadata.uid, 'uid'], ['Model', modelName(spec.model, spec.model_version), 'model'], ['Model class', spec.model_class, 'model_class'],
      ['Function URI', spec.function_uri, 'function_uri'], ['Model artifact', spec.model_uri, 'model_uri'],
      ['Last prediction', fmtTime(st.last_request), 'last_request'], ['First request', fmtTime(st.first_request), 'first_request'],
      ['Accuracy', accuracyField(state.accuracy), 'accuracy'],
      ['Error count', st.error_count, 'error_count'], ['Late rows', st.late_rows ?? 0, 'late_rows'], ['Stream path', spec.stream_path, 'stream_path'],
      ['Monitoring', spec.monitoring_mode, 'monitoring_mode'],
      ['Labels', Object.entries(ep.metadata.labels || {}).map(([k, v]) => el('span', { class: 'label' }, `${k}=${v}`)), 'labels']]),
    el('h2', {}, 'Live metrics'),
    el('div', { class: 'cards', 'data-testid': 'live-metrics' }, LIVE.map(([k, label]) => el('div', { class: 'card' }, el('div', { class: 'k' }, label),
      el('div', { class: 'v', 'data-metric': k, 'data-value': g[k] ?? '' }, k.startsWith('latency') ? fmtLatency(g[k]) : fmtNum(g[k], k.includes('count') ? 0 : 3)),
      asOf(state.asOf)))),
    el('h2', {}, 'Record ', toggle), pre,
  ];
}

/** Sum and mean of each measure over the columns of drift_measures; the stored *_mean wins for the mean. */
export function driftSummary(dm) {
  const cols = Object.entries(dm || {}).filter(([, v]) => v && typeof v === 'object');
  const out = {};
  for (const m of MEASURES) {
    const vals = cols.map(([, v]) => v[m]).filter(x => typeof x === 'number');
    const sum = vals.reduce((a, b) => a + b, 0);
    out[m] = { sum: vals.length ? sum : null, mean: typeof dm?.[m + '_mean'] === 'number' ? dm[m + '_mean'] : (vals.length ? sum / vals.length : null) };
  }
  return out;
}

function hasReference(ep) {
  return Object.keys(ep.status.feature_stats || {}).length > 0;
}

function drift(ep, chosen) {
  if (!hasReference(ep)) return [el('p', { class: 'empty', 'data-testid': 'no-reference' }, NO_REFERENCE)];
  const sum = driftSummary(ep.status.drift_measures);
  const code = ep.status.drift_status === null || ep.status.drift_status === undefined ? null : Number(ep.status.drift_status);
  return [
    el('p', {}, `Drift status of ${chosen ? 'this' : 'the latest'} window: `,
      el('b', { 'data-testid': 'drift-status', 'data-value': code ?? '' }, statusDot(code), code === null ? 'not analysed yet' : STATUS_NAMES[code])),
    el('table', { 'data-testid': 'drift-table', style: 'max-width:560px' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Measure'), el('th', { class: 'num' }, 'Sum'), el('th', { class: 'num' }, 'Mean'))),
      el('tbody', {}, MEASURES.map(m => el('tr', { 'data-measure': m }, el('td', {}, MEASURE_NAMES[m]),
        el('td', { class: 'num', 'data-col': 'sum', 'data-value': sum[m].sum ?? '' }, fmtNum(sum[m].sum, 6)),
        el('td', { class: 'num', 'data-col': 'mean', 'data-value': sum[m].mean ?? '' }, fmtNum(sum[m].mean, 6)))))),
    el('p', { class: 'muted' }, `Over the columns of ${chosen ? 'this' : 'the latest analysed'} window (features and labels), from histogram-data-drift.`),
  ];
}

function features(ep, list, chosen) {
  if (!hasReference(ep)) return [el('p', { class: 'empty', 'data-testid': 'no-reference' }, NO_REFERENCE)];
  if (!list.length) return [el('p', { class: 'empty' }, 'No features known yet: send events, then the window is analysed.')];
  const fs = ep.status.feature_stats || {}, cs = ep.status.current_stats || {};
  const cell = (col, v) => el('td', { class: 'num', 'data-col': col, 'data-value': v ?? '' }, fmtNum(v, 4));
  const head = ['Feature', 'Mean exp.', 'Mean act.', 'Std exp.', 'Std act.', 'Min exp.', 'Min act.', 'Max exp.', 'Max act.', 'TVD', 'Hellinger', 'KLD'];
  const table = el('div', { class: 'tablewrap', 'data-scroll-key': 'features' }, el('table', { 'data-testid': 'features-table' },
    el('thead', {}, el('tr', {}, head.map((h, i) => el('th', { class: i ? 'num' : null }, h)))),
    el('tbody', {}, list.map(f => el('tr', { 'data-feature': f.name }, el('td', {}, f.name),
      cell('expected_mean', f.expected?.mean), cell('actual_mean', f.actual?.mean),
      cell('expected_std', fs[f.name]?.std), cell('actual_std', cs[f.name]?.std),
      cell('expected_min', f.expected?.min), cell('actual_min', f.actual?.min),
      cell('expected_max', f.expected?.max), cell('actual_max', f.actual?.max),
      cell('tvd', f.tvd), cell('hellinger', f.hellinger), cell('kld', f.kld))))));
  const legend = el('p', { class: 'legend' }, el('i', { style: 'background:var(--expected);opacity:.6' }), 'expected (training set)',
    el('i', { style: 'background:var(--actual);opacity:.6' }), chosen ? 'actual (this window)' : 'actual (latest window)');
  const charts = el('div', { class: 'grid2' }, list.map(f => el('div', { class: 'card', 'data-hist': f.name },
    el('b', {}, f.name), overlaid(f.expected, f.actual, { testid: 'hist-' + f.name }))));
  return [table, el('h2', {}, 'Histograms'), legend, charts];
}

/** Download links of the endpoint's report (GET …/report, self-contained HTML or JSON) over the chosen range. */
function reportLinks(p, uid, range) {
  const base = `/api/v1/projects/${enc(p)}/model-endpoints/${enc(uid)}/report?start=${enc('now-' + range)}`;
  return el('span', { class: 'muted', 'data-testid': 'report-links', title: 'Drift per window and feature, histograms, operations and alerts' },
    `Report (last ${range}): `, el('a', { href: base + '&format=html', download: '', 'data-testid': 'report-html' }, 'HTML'), ' · ',
    el('a', { href: base + '&format=json', download: '', 'data-testid': 'report-json' }, 'JSON'));
}

export function mount(root, route) {
  const p = route.project, uid = route.uid;
  const chosen = ['drift', 'features'].includes(route.tab) ? (route.query?.window || '') : '';
  const base = `#/projects/${enc(p)}/endpoints/${enc(uid)}`;
  const title = el('h1', {}, 'Endpoint');
  const badge = el('span', { 'data-testid': 'alert-badge' });
  const bar = el('div');
  const body = el('div', { 'data-testid': 'tab-' + route.tab });
  const sub = route.tab === 'metrics' ? metricsTab(p, uid, route)
    : route.tab === 'performance' ? performanceTab(p, uid, base, route)
    : route.tab === 'operations' ? operationsTab(p, uid, route)
    : route.tab === 'drift-range' ? driftRangeTab(p, uid, route)
      : route.tab === 'windows' ? windowsTab(p, uid, base, route) : null;
  const state = { format: 'yaml', ep: null, list: [], asOf: null, accuracy: null, redraw: () => draw() };
  const keepWindow = k => (['drift', 'features'].includes(k) && chosen ? `?window=${enc(chosen)}` : '');
  root.append(el('div', { class: 'toolbar' }, el('a', { href: `#/projects/${enc(p)}/endpoints` }, '← Model endpoints'), badge,
    reportLinks(p, uid, route.query?.range || '7d')), title,
    el('div', { class: 'tabs' }, TABS.map(([k, label]) => el('a', { href: `${base}/${k}${keepWindow(k)}`, class: route.tab === k ? 'active' : null, 'data-tab': k }, label))),
    bar, body);
  if (sub) body.append(sub.root);

  function draw() {
    const ep = state.ep;
    title.replaceChildren(statusDot(ep.status.drift_status), modelName(ep.spec.model ?? uid, ep.spec.model_version),
      el('span', { class: 'muted', style: 'font-weight:400;font-size:13px' }, `  ${ep.spec.function_uri ?? ''}`));
    if (route.tab === 'overview') body.replaceChildren(...overview(ep, state));
    else if (route.tab === 'drift') body.replaceChildren(...drift(ep, chosen));
    else if (route.tab === 'features') body.replaceChildren(...features(ep, state.list, chosen));
  }

  /** The endpoint list's accuracy row (model-performance's newest realized accuracy, or why there is none). */
  async function accuracy() {
    if (route.tab !== 'overview') return;
    const list = await apiOptional(`/projects/${enc(p)}/ui/endpoints`).catch(e => ({ error: e.message }));
    const row = Array.isArray(list) ? list.find(e => e.uid === uid) ?? null
      : { accuracy: null, accuracy_reason: `could not load: ${list?.error ?? 'no endpoint list'}` };
    if (JSON.stringify(row) !== JSON.stringify(state.accuracy)) { state.accuracy = row; draw(); }
  }

  async function alertBadge() {
    const acts = await apiOptional(`/projects/${enc(p)}/alert-activations`, { endpoint: uid }).catch(() => null);
    if (!Array.isArray(acts)) { badge.replaceChildren(); return; }
    const active = acts.filter(a => a.state === 'active').length;
    badge.replaceChildren(el('a', { href: `#/projects/${enc(p)}/alerts`, class: `badge ${active ? 'active' : 'ok'}`, 'data-count': acts.length, 'data-active': active },
      active ? `${active} active alert${active === 1 ? '' : 's'} (${acts.length} activation${acts.length === 1 ? '' : 's'})`
        : `${acts.length} alert activation${acts.length === 1 ? '' : 's'}, none active`));
  }

  async function windowPicker() {
    if (!['drift', 'features'].includes(route.tab)) return;
    const data = await loadWindows(p, uid);
    bar.replaceChildren(windowBar(data, chosen, v => setHashQuery({ window: v })));
  }

  async function load() {
    const ep = await api(`/projects/${enc(p)}/model-endpoints/${enc(uid)}`, { feature_analysis: route.tab === 'features' ? 'true' : null });
    if (!chosen) return ep;
    const w = await api(`/projects/${enc(p)}/ui/endpoints/${enc(uid)}/windows/${enc(chosen)}`);
    if (route.tab !== 'features') delete w.features;
    return w;
  }

  return {
    async refresh() {
      const ep = await load();
      state.ep = ep;
      state.list = ep.features || [];
      state.asOf = new Date();
      draw();
      await Promise.all([alertBadge(), windowPicker(), sub ? sub.refresh() : null, accuracy()]);
    },
  };
}
