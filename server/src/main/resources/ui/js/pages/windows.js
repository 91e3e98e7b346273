// The endpoint's Windows tab: every analysed window (rows, each app's results and status, artifacts such as the
// drift table), newest first, each openable in the Drift and Features tabs; and per-feature drift over time as a heat
// map feature × window. Also the window bar that the Drift and Features tabs show above a chosen window.
import { api, el, enc, fmtNum, fmtTime, statusBadge, statusName } from '../util.js';
import { heatmap } from '../charts.js';

/** The windows of an endpoint (GET …/ui/endpoints/{uid}/windows). */
export function loadWindows(p, uid) {
  return api(`/projects/${enc(p)}/ui/endpoints/${enc(uid)}/windows`);
}

function span(w) {
  return `${fmtTime(w.window_start)} – ${new Date(w.window_end).toLocaleTimeString()}`;
}

function results(w) {
  return w.results.map(r => el('div', { 'data-result': `${r.application}.${r.name}`, title: r.reason || null },
    statusBadge(r.status, r), ' ', el('span', { class: 'muted' }, `${r.application} · ${r.name} = ${fmtNum(r.value, 4)}`)));
}

function artifacts(w) {
  return w.artifacts.map(a => el('div', {}, el('a', { href: a.url, target: '_blank', rel: 'noopener', 'data-artifact': a.name },
    a.name === 'drift_table_plot' ? 'drift table' : a.name.replaceAll('_', ' '))));
}

/** The history table; `base` is the endpoint's hash path, `selected` the open window's end. */
export function windowTable(data, base, selected) {
  const rows = data.windows.map((w, i) => el('tr', { 'data-window': w.window_end, class: w.window_end === selected ? 'selected' : null },
    el('td', { class: 'num', 'data-col': 'index' }, data.windows.length - i),
    el('td', { 'data-col': 'span', style: 'white-space:nowrap' }, span(w)),
    el('td', { class: 'num', 'data-col': 'rows', 'data-value': w.rows ?? '' }, w.rows ?? '—'),
    el('td', { 'data-col': 'status' }, statusBadge(w.status)),
    el('td', { 'data-col': 'results', class: 'wrap' }, results(w)),
    el('td', { 'data-col': 'artifacts' }, artifacts(w)),
    el('td', { 'data-col': 'open', style: 'white-space:nowrap' },
      el('a', { href: `${base}/drift?window=${enc(w.window_end)}`, 'data-open': 'drift' }, 'Drift'), ' · ',
      el('a', { href: `${base}/features?window=${enc(w.window_end)}`, 'data-open': 'features' }, 'Features'))));
  return el('div', { class: 'tablewrap', 'data-scroll-key': 'windows' }, el('table', { 'data-testid': 'windows' },
    el('thead', {}, el('tr', {}, ['#', 'Window', 'Rows', 'Status', 'Results', 'Artifacts', 'Open']
      .map((h, i) => el('th', { class: i === 0 || i === 2 ? 'num' : null }, h)))), el('tbody', {}, rows)));
}

/** Heat map feature × window of (TVD + Hellinger) / 2, oldest window on the left, columns labelled by window number. */
export function featureHeat(data) {
  const times = data.windows.map(w => w.window_end).reverse();
  const rows = data.features.map(f => ({ name: f, values: (data.feature_drift[f] ?? []).slice().reverse() }));
  if (!rows.length || !times.length) return el('p', { class: 'empty' }, 'No per-feature drift yet.');
  const width = Math.max(480, 170 + times.length * 28);
  const svg = heatmap(times, rows, { testid: 'feature-heat', unit: ' (TVD + Hellinger) / 2', width, label: (t, i) => `#${i + 1}` });
  svg.style.maxWidth = `${width}px`; // a few windows stay small instead of being stretched (and their labels with them)
  return svg;
}

export function windowsTab(p, uid, base, route) {
  const root = el('div');
  return {
    root,
    async refresh() {
      const data = await loadWindows(p, uid);
      if (!data.windows.length) {
        root.replaceChildren(el('p', { class: 'empty', 'data-testid': 'no-windows' }, data.has_reference
          ? 'No analysed window yet: windows are analysed when they close (every base period).'
          : 'No training set logged: drift cannot be computed. Log the model with its training set, or set feature_stats.'));
        return;
      }
      const drifted = data.windows.filter(w => w.status === 2).length;
      root.replaceChildren(
        el('p', { class: 'muted', 'data-testid': 'windows-summary' }, `${data.windows.length} analysed windows, ${drifted} with drift detected. `,
          'Open a window to see its drift and feature analysis.'),
        windowTable(data, base, route.query?.window),
        el('h2', {}, 'Drift per feature and window'),
        el('p', { class: 'muted' }, 'Columns are the windows #1, #2, … of the table, oldest on the left. Darker = more drift: (TVD + Hellinger) / 2 of the feature in the window; hover a cell for the value and time.'),
        el('div', { class: 'tablewrap', 'data-scroll-key': 'heat' }, featureHeat(data)));
    },
  };
}

/** The bar above Drift/Features: which window is shown, a picker of all windows, and the window's artifacts. */
export function windowBar(data, chosen, onPick) {
  const select = el('select', { 'data-testid': 'window-picker', onchange: e => onPick(e.target.value) },
    el('option', { value: '' }, 'latest window'),
    data.windows.map((w, i) => el('option', { value: w.window_end, selected: w.window_end === chosen },
      `#${data.windows.length - i} ${span(w)} — ${statusName(w)}${w.rows === null ? '' : `, ${w.rows} rows`}`)));
  const w = data.windows.find(x => x.window_end === chosen);
  return el('div', { class: 'windowbar', 'data-testid': 'window-bar', 'data-window': chosen || '' },
    el('b', {}, 'Window'), select, w ? statusBadge(w.status) : null, w ? artifacts(w) : null);
}
