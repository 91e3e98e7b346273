// The Model Endpoints list: sortable columns, a text filter and a drift-status filter, refreshed in place. Sort and
// filters live in the URL (?q=&drift=&sort=&dir=), so a link shares the view and the back button restores it.
import { api, asOf, el, enc, fmtLatency, fmtNum, fmtSince, fmtTime, numCell, setHashQuery, statusBadge } from '../util.js';

const COLS = [
  ['name', 'Model'], ['version', 'Version'], ['model_class', 'Class'], ['function_uri', 'Function'],
  ['labels', 'Labels'], ['first_request', 'First request (uptime)'], ['last_request', 'Last prediction'],
  ['latency_avg_1h', 'Latency (1 h)', 'num'], ['error_count', 'Errors', 'num'], ['late_rows', 'Late rows', 'num'],
  ['drift_status', 'Drift'], ['accuracy', 'Accuracy', 'num'],
];

/** The Accuracy cell's text: accuracy in percent, a regression model's R² as a number, else an em dash. */
export function accuracyText(ep) {
  if (ep.accuracy === null || ep.accuracy === undefined) return '—';
  return ep.accuracy_metric === 'r2' ? `R² ${fmtNum(ep.accuracy, 3)}` : fmtNum(ep.accuracy * 100, 1) + ' %';
}

/** Where the Accuracy comes from (app, window, label coverage), or why there is none. */
export function accuracyTitle(ep) {
  if (ep.accuracy === null || ep.accuracy === undefined) return ep.accuracy_reason ?? 'no accuracy';
  const what = ep.accuracy_metric === 'r2' ? 'R² (regression)' : 'accuracy';
  return `${what} from ${ep.accuracy_application ?? 'an app'}, window ending ${fmtTime(ep.accuracy_window_end)}`
    + (ep.accuracy_label_coverage === null || ep.accuracy_label_coverage === undefined ? ''
      : `, label coverage ${fmtNum(ep.accuracy_label_coverage * 100, 0)} %`);
}

function sortKey(ep, col) {
  const v = col === 'labels' ? Object.entries(ep.labels || {}).map(([k, x]) => `${k}=${x}`).join(',') : ep[col];
  return v === null || v === undefined ? '' : v;
}

function matches(ep, text, drift) {
  if (drift !== '' && String(ep.drift_status ?? '') !== drift) return false;
  if (!text) return true;
  const hay = [ep.name, ep.version, ep.model_class, ep.model_uri, ep.function_uri, ep.uid,
    ...Object.entries(ep.labels || {}).map(([k, v]) => `${k}=${v}`)].join(' ').toLowerCase();
  return text.toLowerCase().split(/\s+/).every(t => hay.includes(t));
}

export function mount(root, route) {
  const q = route.query || {};
  const state = { sort: q.sort || 'name', dir: q.dir === 'desc' ? -1 : 1, text: q.q || '', drift: q.drift || '', data: [] };
  const toUrl = replace => setHashQuery({ q: state.text, drift: state.drift, sort: state.sort === 'name' ? '' : state.sort,
    dir: state.dir < 0 ? 'desc' : '' }, { replace, push: !replace });
  const p = route.project;
  const body = el('tbody');
  const count = el('span', { class: 'muted', 'data-testid': 'count' });
  const read = el('span', { 'data-testid': 'endpoints-asof', title: 'Latency (1 h) and the counters are live figures' });
  const head = el('tr');
  const filter = el('input', { type: 'search', placeholder: 'Filter: name, function, label=value…', 'data-testid': 'filter', size: 34,
    value: state.text, oninput: e => { state.text = e.target.value.trim(); toUrl(true); draw(); } });
  const drift = el('select', { 'data-testid': 'drift-filter', onchange: e => { state.drift = e.target.value; toUrl(false); draw(); } },
    el('option', { value: '' }, 'any drift status'), el('option', { value: '0', selected: state.drift === '0' }, 'no drift'),
    el('option', { value: '1', selected: state.drift === '1' }, 'possible drift'), el('option', { value: '2', selected: state.drift === '2' }, 'drift detected'));
  root.append(el('h1', {}, `Model endpoints — ${p}`), el('div', { class: 'toolbar' }, filter, drift, count, read),
    el('div', { class: 'tablewrap', 'data-scroll-key': 'endpoints' }, el('table', { 'data-testid': 'endpoints' }, el('thead', {}, head), body)));

  function drawHead() {
    head.replaceChildren(...COLS.map(([k, label, cls]) => el('th', {
      class: `sortable ${cls || ''}`, 'data-sort': k, onclick: () => { state.dir = state.sort === k ? -state.dir : 1; state.sort = k; toUrl(false); draw(); },
    }, label, state.sort === k ? el('span', { class: 'arrow' }, state.dir > 0 ? '▲' : '▼') : null)));
  }

  function row(ep) {
    const link = `#/projects/${enc(p)}/endpoints/${enc(ep.uid)}`;
    return el('tr', { 'data-uid': ep.uid },
      el('td', { 'data-col': 'name', title: ep.model_uri ? `artifact: ${ep.model_uri}` : null }, el('a', { href: link }, ep.name ?? ep.uid)),
      el('td', { 'data-col': 'version' }, ep.version ?? '—'),
      el('td', { 'data-col': 'model_class' }, ep.model_class ?? '—'),
      el('td', { 'data-col': 'function_uri' }, ep.function_uri ?? '—'),
      el('td', { 'data-col': 'labels' }, Object.entries(ep.labels || {}).map(([k, v]) => el('span', { class: 'label' }, `${k}=${v}`))),
      el('td', { 'data-col': 'first_request', 'data-value': ep.first_request ?? '', title: fmtTime(ep.first_request) },
        fmtTime(ep.first_request), el('br'), el('span', { class: 'muted' }, 'up ' + fmtSince(ep.first_request))),
      el('td', { 'data-col': 'last_request', 'data-value': ep.last_request ?? '' }, fmtTime(ep.last_request)),
      el('td', { class: 'num', 'data-col': 'latency_avg_1h', 'data-value': ep.latency_avg_1h ?? '' }, fmtLatency(ep.latency_avg_1h)),
      numCell('error_count', ep.error_count, 0),
      numCell('late_rows', ep.late_rows ?? 0, 0),
      el('td', { 'data-col': 'drift_status', 'data-value': ep.drift_status ?? '' }, statusBadge(ep.drift_status)),
      el('td', { class: 'num', 'data-col': 'accuracy', 'data-value': ep.accuracy ?? '', 'data-accuracy-metric': ep.accuracy_metric ?? '',
        title: accuracyTitle(ep) }, accuracyText(ep)));
  }

  function draw() {
    drawHead();
    const rows = state.data.filter(ep => matches(ep, state.text, state.drift)).sort((a, b) => {
      const x = sortKey(a, state.sort), y = sortKey(b, state.sort);
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * state.dir;
    });
    body.replaceChildren(...rows.map(row));
    if (!rows.length) body.append(el('tr', {}, el('td', { colspan: COLS.length, class: 'muted' },
      state.data.length ? 'No endpoint matches the filter.' : 'No model endpoints yet: send events to the stream.')));
    count.textContent = `${rows.length} of ${state.data.length} endpoints`;
  }

  return {
    async refresh() {
      state.data = await api(`/projects/${enc(p)}/ui/endpoints`);
      draw();
      read.replaceChildren(asOf(new Date()));
    },
  };
}
