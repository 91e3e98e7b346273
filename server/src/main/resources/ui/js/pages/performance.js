// The endpoint's Performance tab (issue 20): each model-performance metric over the windows of the chosen range with
// the windows' label coverage, realized (from labels) beside estimated (CBPE, with its band), a table of the windows
// and the confusion matrix of one window (?window=<end>, default the newest that has one). Range in ?range= as in
// the other tabs. Data: GET …/ui/endpoints/{uid}/performance (docs/performance.md).
import { api, asOf, el, enc, fmtNum, fmtTime, setHashQuery } from '../util.js';
import { performanceChart } from '../charts.js';
import { rangeSelect } from './operations.js';

export const METRIC_NAMES = { accuracy: 'Accuracy', precision_macro: 'Precision (macro)', recall_macro: 'Recall (macro)',
  f1_macro: 'F1 (macro)', f1_weighted: 'F1 (weighted)', roc_auc: 'ROC AUC', log_loss: 'Log loss', r2: 'R²', mae: 'MAE',
  rmse: 'RMSE', mape: 'MAPE' };
/** Metrics that are shares in [0, 1], shown in percent like the endpoint list's Accuracy. */
const SHARES = new Set(['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'f1_weighted', 'roc_auc']);
/** The status vocabulary of a performance verdict (same codes and colours as drift). */
export const PERF_STATUS = { '-1': 'irrelevant', 0: 'no degradation', 1: 'possible degradation', 2: 'degradation detected' };
const NOT_REGISTERED = 'model-performance is not registered for this project: register it (POST /api/v1/projects/{p}/model-monitoring/functions '
  + 'with {"name": "model-performance"}), then send labels; see docs/performance.md.';

/** A metric's value in the UI's unit: shares in percent ("93.3 %"), the others as numbers. */
export function fmtMetric(name, v) {
  if (v === null || v === undefined) return '—';
  return SHARES.has(name) ? fmtNum(v * 100, 1) + ' %' : fmtNum(v, 4);
}

const pct = v => (v === null || v === undefined ? '—' : fmtNum(v * 100, 0) + ' %');

function statusOf(e) {
  if (!e) return null;
  const s = Number(e.status);
  return el('span', { class: 'status', 'data-status': s, title: e.reason || null },
    el('span', { class: `dot s${s === -1 ? 'x' : s}` }), PERF_STATUS[s] ?? `status ${s}`);
}

function latest(windows, side, metric) {
  return windows.filter(w => w[side][metric]).at(-1);
}

function cards(d, when) {
  const m = d.primary, lr = latest(d.windows, 'realized', m), le = latest(d.windows, 'estimated', m);
  const last = d.windows.at(-1);
  const card = (key, label, value, text, sub) => el('div', { class: 'card' }, el('div', { class: 'k' }, label),
    el('div', { class: 'v', 'data-perf': key, 'data-value': value ?? '' }, text), sub ? el('div', { class: 'muted' }, sub) : null, asOf(when));
  const e = le?.estimated[m];
  return el('div', { class: 'cards', 'data-testid': 'perf-figures' },
    card('realized', `${METRIC_NAMES[m] ?? m} (realized, latest labelled window)`, lr?.realized[m].value, fmtMetric(m, lr?.realized[m].value),
      lr ? `window ending ${fmtTime(lr.window_end)}` : 'no labelled window in this range'),
    card('estimated', `${METRIC_NAMES[m] ?? m} (estimated, latest window)`, e?.value, fmtMetric(m, e?.value),
      e ? `band ${fmtMetric(m, e.lower)} – ${fmtMetric(m, e.upper)}` : 'no estimate (needs probabilities and reference rows)'),
    card('coverage', 'Label coverage (latest window)', last?.label_coverage, pct(last?.label_coverage),
      last?.labelled_rows === null || last?.labelled_rows === undefined ? null : `${last.labelled_rows} of ${last.rows ?? '?'} rows labelled`),
    card('windows', 'Windows in range', d.windows.length, String(d.windows.length)));
}

function charts(d) {
  const legend = el('p', { class: 'legend' }, el('i', { class: 'lg-realized' }), 'realized (labels)',
    el('i', { class: 'lg-estimated' }), 'estimated (CBPE) with its band', el('i', { class: 'lg-coverage' }), 'label coverage (bars, 0–100 %)');
  return [legend, el('div', { class: 'grid2 wide', 'data-testid': 'perf-charts' }, d.metrics.map(m => el('div', { class: 'card', 'data-metric': m },
    el('b', {}, METRIC_NAMES[m] ?? m), performanceChart(d.windows, m, { fmt: v => fmtMetric(m, v), share: SHARES.has(m), testid: 'perf-' + m }))))];
}

function table(d, base, range) {
  const m = d.primary;
  const rows = d.windows.slice().reverse().map((w, i) => {
    const r = w.realized[m], e = w.estimated[m];
    return el('tr', { 'data-window': w.window_end },
      el('td', { class: 'num' }, d.windows.length - i),
      el('td', { style: 'white-space:nowrap' }, fmtTime(w.window_end)),
      el('td', { class: 'num', 'data-col': 'rows', 'data-value': w.rows ?? '' }, w.rows ?? '—'),
      el('td', { class: 'num', 'data-col': 'coverage', 'data-value': w.label_coverage ?? '' }, pct(w.label_coverage)),
      el('td', { class: 'num', 'data-col': 'realized', 'data-value': r?.value ?? '' }, fmtMetric(m, r?.value)),
      el('td', { class: 'num', 'data-col': 'estimated', 'data-value': e?.value ?? '' }, e ? `${fmtMetric(m, e.value)} (${fmtMetric(m, e.lower)} – ${fmtMetric(m, e.upper)})` : '—'),
      el('td', { 'data-col': 'within', 'data-value': e?.realized_within_band ?? '' }, e?.realized_within_band === undefined ? '—' : e.realized_within_band ? 'yes' : 'no'),
      el('td', { 'data-col': 'status' }, statusOf(r ?? e)),
      el('td', {}, w.confusion_matrix ? el('a', { href: `${base}/performance?${new URLSearchParams({ ...(range === '24h' ? {} : { range }), window: w.window_end })}`,
        'data-open': 'matrix' }, 'Confusion matrix') : el('span', { class: 'muted' }, '—')));
  });
  const head = ['#', 'Window end', 'Rows', 'Label coverage', `${METRIC_NAMES[m] ?? m} realized`, 'Estimated (band)', 'Realized within band', 'Status', ''];
  return el('div', { class: 'tablewrap', 'data-scroll-key': 'perf-windows' }, el('table', { 'data-testid': 'perf-windows' },
    el('thead', {}, el('tr', {}, head.map((h, i) => el('th', { class: [0, 2, 3, 4, 5].includes(i) ? 'num' : null }, h)))), el('tbody', {}, rows)));
}

/** One confusion matrix as a table, rows = true class, columns = predicted class; cells carry their count. */
export function matrixTable(kind, cm) {
  const total = cm.matrix.flat().reduce((a, b) => a + b, 0) || 1;
  const max = Math.max(...cm.matrix.flat(), 0) || 1;
  const digits = kind === 'expected' ? 1 : 0;
  return el('table', { class: 'matrix', 'data-testid': 'matrix-' + kind, 'data-rows': cm.rows },
    el('thead', {}, el('tr', {}, el('th', {}, 'true ↓ / predicted →'), cm.classes.map(c => el('th', { class: 'num' }, String(c))))),
    el('tbody', {}, cm.classes.map((t, i) => el('tr', {}, el('th', {}, String(t)), cm.matrix[i].map((v, j) => {
      const td = el('td', { class: 'num' + (i === j ? ' diag' : ''), 'data-true': t, 'data-pred': cm.classes[j], 'data-value': v,
        title: `true ${t}, predicted ${cm.classes[j]}: ${fmtNum(v, 2)} (${fmtNum(v / total * 100, 1)} % of ${fmtNum(cm.rows, 0)} rows)` }, fmtNum(v, digits));
      td.style.setProperty('--shade', (v / max).toFixed(3));
      return td;
    })))));
}

function matrixSection(d, chosen) {
  const cm = d.confusion_matrix;
  const withMatrix = d.windows.filter(w => w.confusion_matrix);
  const picker = el('select', { 'data-testid': 'matrix-window', onchange: e => setHashQuery({ window: e.target.value }) },
    el('option', { value: '' }, 'newest window with a matrix'),
    withMatrix.slice().reverse().map(w => el('option', { value: w.window_end, selected: w.window_end === chosen },
      `${fmtTime(w.window_end)} — coverage ${pct(w.label_coverage)}`)));
  if (!cm) return [el('div', { class: 'toolbar' }, el('b', {}, 'Window'), picker),
    el('p', { class: 'empty', 'data-testid': 'no-matrix' }, 'No confusion matrix in this range: a window gets one when it has labelled rows or an estimate (classification with probabilities).')];
  const parts = [];
  if (cm.realized) parts.push(el('div', { class: 'card' }, el('b', {}, `Realized (${fmtNum(cm.realized.rows, 0)} labelled rows)`), matrixTable('realized', cm.realized)));
  if (cm.expected) parts.push(el('div', { class: 'card' }, el('b', {}, `Expected by CBPE (${fmtNum(cm.expected.rows, 0)} rows)`), matrixTable('expected', cm.expected)));
  if (cm.unreadable) parts.push(el('p', { class: 'err-text' }, cm.unreadable));
  return [el('div', { class: 'toolbar' }, el('b', {}, 'Window'), picker, el('span', { class: 'muted', 'data-testid': 'matrix-window-end', 'data-value': cm.window_end },
    `ending ${fmtTime(cm.window_end)}`)), el('div', { class: 'grid2', 'data-testid': 'confusion-matrix' }, parts)];
}

function emptyState(d, p) {
  if (!d.registered && !d.windows.length) return el('p', { class: 'empty', 'data-testid': 'perf-empty', 'data-reason': 'not-registered' }, NOT_REGISTERED.replace('{p}', p));
  if (!d.windows.length) return el('p', { class: 'empty', 'data-testid': 'perf-empty', 'data-reason': 'no-windows' },
    `No window analysed by model-performance between ${fmtTime(d.start)} and ${fmtTime(d.end)}: windows are analysed when they close; pick a longer range.`);
  if (!d.metrics.length) return el('p', { class: 'empty', 'data-testid': 'perf-empty', 'data-reason': 'no-labels' },
    `${d.windows.length} windows analysed, none with labels or an estimate yet: send ground truth to POST /api/v1/projects/${p}/model-endpoints/{uid}/labels `
    + `(labels are matched for ${d.label_delay ?? '7 days'} after the prediction); estimates need probability_columns and reference rows.`);
  return null;
}

export function performanceTab(p, uid, base, route) {
  const range = route.query?.range || '24h';
  const chosen = route.query?.window || '';
  const content = el('div', {}, el('p', { class: 'muted', 'data-testid': 'perf-loading' }, 'Loading the performance of the windows…'));
  const root = el('div', {}, el('div', { class: 'toolbar' }, el('b', {}, 'Time range'), rangeSelect(range)), content);
  return {
    root,
    async refresh() {
      let d;
      try {
        d = await api(`/projects/${enc(p)}/ui/endpoints/${enc(uid)}/performance`, { start: `now-${range}`, window: chosen || null });
      } catch (e) {
        content.replaceChildren(el('p', { class: 'err', role: 'alert', 'data-testid': 'perf-error' }, `Could not load the performance: ${e.message}`));
        if (e.status !== 404) throw e;
        return;
      }
      const when = new Date();
      const empty = emptyState(d, p);
      content.replaceChildren(...(empty ? [empty] : [cards(d, when), el('h2', {}, 'Metrics over time'), ...charts(d),
        el('h2', {}, 'Windows'), table(d, base, range), el('h2', {}, 'Confusion matrix'), ...matrixSection(d, chosen)]));
      content.dataset.windows = d.windows.length;
    },
  };
}
