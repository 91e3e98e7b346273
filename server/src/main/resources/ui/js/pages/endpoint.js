// The endpoint page: tabs Overview, Drift Analysis, Features Analysis and Metrics, plus the alert badge.
import { api, apiOptional, el, enc, fmtNum, fmtTime, statusDot, toYaml } from '../util.js';
import { overlaid } from '../charts.js';
import { metricsTab } from './metrics.js';

const TABS = [['overview', 'Overview'], ['drift', 'Drift Analysis'], ['features', 'Features Analysis'], ['metrics', 'Metrics']];
const MEASURES = ['tvd', 'hellinger', 'kld'];
const MEASURE_NAMES = { tvd: 'TVD', hellinger: 'Hellinger', kld: 'KLD' };

function kv(pairs) {
  return el('dl', { class: 'kv' }, pairs.flatMap(([k, v, col]) => [el('dt', {}, k), el('dd', { 'data-field': col }, v ?? '—')]));
}

function overview(ep, state) {
  const spec = ep.spec, st = ep.status, g = st.metrics?.generic ?? {};
  const fmt = state.format;
  const pre = el('pre', { class: 'record', 'data-testid': 'record' }, fmt === 'yaml' ? toYaml(ep).trimStart() : JSON.stringify(ep, null, 2));
  const toggle = el('select', { 'data-testid': 'record-format', onchange: e => { state.format = e.target.value; state.redraw(); } },
    el('option', { value: 'yaml', selected: fmt === 'yaml' }, 'YAML'), el('option', { value: 'json', selected: fmt === 'json' }, 'JSON'));
  return [
    kv([['UID', ep.metadata.uid, 'uid'], ['Model class', spec.model_class, 'model_class'], ['Model artifact', spec.model_uri, 'model_uri'],
      ['Function URI', spec.function_uri, 'function_uri'], ['Model', spec.model + (spec.model_version ? ':' + spec.model_version : ''), 'model'],
      ['Last prediction', fmtTime(st.last_request), 'last_request'], ['First request', fmtTime(st.first_request), 'first_request'],
      ['Error count', st.error_count, 'error_count'], ['Late rows', st.late_rows ?? 0, 'late_rows'], ['Stream path', spec.stream_path, 'stream_path'],
      ['Monitoring', spec.monitoring_mode, 'monitoring_mode'],
      ['Labels', Object.entries(ep.metadata.labels || {}).map(([k, v]) => el('span', { class: 'label' }, `${k}=${v}`)), 'labels']]),
    el('h2', {}, 'Live metrics'),
    el('div', { class: 'cards', 'data-testid': 'live-metrics' }, ['predictions_per_second', 'latency_avg_5m', 'latency_avg_1h',
      'predictions_count_5m', 'predictions_count_1h'].map(k => el('div', { class: 'card' }, el('div', { class: 'k' },
      k.replaceAll('_', ' ') + (k.startsWith('latency') ? ' (µs)' : '')), el('div', { class: 'v', 'data-metric': k, 'data-value': g[k] ?? '' }, fmtNum(g[k], 3))))),
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

function drift(ep) {
  const sum = driftSummary(ep.status.drift_measures);
  return [
    el('p', {}, statusDot(ep.status.drift_status), 'Drift status of the latest window: ',
      el('b', { 'data-testid': 'drift-status' }, ep.status.drift_status ?? 'not analysed yet')),
    el('table', { 'data-testid': 'drift-table', style: 'max-width:560px' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Measure'), el('th', { class: 'num' }, 'Sum'), el('th', { class: 'num' }, 'Mean'))),
      el('tbody', {}, MEASURES.map(m => el('tr', { 'data-measure': m }, el('td', {}, MEASURE_NAMES[m]),
        el('td', { class: 'num', 'data-col': 'sum', 'data-value': sum[m].sum ?? '' }, fmtNum(sum[m].sum, 6)),
        el('td', { class: 'num', 'data-col': 'mean', 'data-value': sum[m].mean ?? '' }, fmtNum(sum[m].mean, 6)))))),
    el('p', { class: 'muted' }, 'Over the columns of the latest analysed window (features and labels), from histogram-data-drift.'),
  ];
}

function features(ep, list) {
  const fs = ep.status.feature_stats || {}, cs = ep.status.current_stats || {};
  const cell = (col, v) => el('td', { class: 'num', 'data-col': col, 'data-value': v ?? '' }, fmtNum(v, 4));
  const head = ['Feature', 'Mean exp.', 'Mean act.', 'Std exp.', 'Std act.', 'Min exp.', 'Min act.', 'Max exp.', 'Max act.', 'TVD', 'Hellinger', 'KLD'];
  const table = el('table', { 'data-testid': 'features-table' },
    el('thead', {}, el('tr', {}, head.map((h, i) => el('th', { class: i ? 'num' : null }, h)))),
    el('tbody', {}, list.map(f => el('tr', { 'data-feature': f.name }, el('td', {}, f.name),
      cell('expected_mean', f.expected?.mean), cell('actual_mean', f.actual?.mean),
      cell('expected_std', fs[f.name]?.std), cell('actual_std', cs[f.name]?.std),
      cell('expected_min', f.expected?.min), cell('actual_min', f.actual?.min),
      cell('expected_max', f.expected?.max), cell('actual_max', f.actual?.max),
      cell('tvd', f.tvd), cell('hellinger', f.hellinger), cell('kld', f.kld)))));
  const legend = el('p', { class: 'legend' }, el('i', { style: 'background:var(--expected);opacity:.6' }), 'expected (training set)',
    el('i', { style: 'background:var(--actual);opacity:.6' }), 'actual (latest window)');
  const charts = el('div', { class: 'grid2' }, list.map(f => el('div', { class: 'card', 'data-hist': f.name },
    el('b', {}, f.name), overlaid(f.expected, f.actual, { testid: 'hist-' + f.name }))));
  return [table, el('h2', {}, 'Histograms'), legend, charts];
}

export function mount(root, route) {
  const p = route.project, uid = route.uid;
  const base = `#/projects/${enc(p)}/endpoints/${enc(uid)}`;
  const title = el('h1', {}, 'Endpoint');
  const badge = el('span', { 'data-testid': 'alert-badge' });
  const body = el('div', { 'data-testid': 'tab-' + route.tab });
  const metrics = route.tab === 'metrics' ? metricsTab(p, uid) : null;
  const state = { format: 'yaml', ep: null, list: [], redraw: () => draw() };
  root.append(el('div', { class: 'toolbar' }, el('a', { href: `#/projects/${enc(p)}/endpoints` }, '← Model endpoints'), badge), title,
    el('div', { class: 'tabs' }, TABS.map(([k, label]) => el('a', { href: `${base}/${k}`, class: route.tab === k ? 'active' : null, 'data-tab': k }, label))),
    body);
  if (metrics) body.append(metrics.root);

  function draw() {
    const ep = state.ep;
    title.replaceChildren(statusDot(ep.status.drift_status), `${ep.spec.model ?? uid}${ep.spec.model_version ? ':' + ep.spec.model_version : ''}`,
      el('span', { class: 'muted', style: 'font-weight:400;font-size:13px' }, `  ${ep.spec.function_uri ?? ''}`));
    if (route.tab === 'overview') body.replaceChildren(...overview(ep, state));
    else if (route.tab === 'drift') body.replaceChildren(...drift(ep));
    else if (route.tab === 'features') body.replaceChildren(...features(ep, state.list));
  }

  async function alertBadge() {
    const acts = await apiOptional(`/projects/${enc(p)}/alert-activations`, { endpoint: uid }).catch(() => null);
    if (!Array.isArray(acts)) { badge.replaceChildren(); return; }
    const active = acts.filter(a => a.state === 'active').length;
    badge.replaceChildren(el('a', { href: `#/projects/${enc(p)}/alerts`, class: `badge ${active ? 'active' : 'ok'}`, 'data-count': acts.length, 'data-active': active },
      active ? `${active} active alert${active === 1 ? '' : 's'} (${acts.length} activation${acts.length === 1 ? '' : 's'})`
        : `${acts.length} alert activation${acts.length === 1 ? '' : 's'}, none active`));
  }

  return {
    async refresh() {
      const ep = await api(`/projects/${enc(p)}/model-endpoints/${enc(uid)}`, { feature_analysis: route.tab === 'features' ? 'true' : null });
      state.ep = ep;
      state.list = ep.features || [];
      draw();
      await Promise.all([alertBadge(), metrics ? metrics.refresh() : null]);
    },
  };
}
