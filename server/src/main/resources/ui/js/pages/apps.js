// The applications view: drift status by category, average drift value, latest result, summary table, result value
// by time and drift detection history, for one endpoint (or all) and one application (or all).
import { api, DRIFT_NAMES, el, enc, fmtNum, fmtTime, KIND_NAMES, setHashQuery, statusDot, statusName } from '../util.js';
import { timeline } from '../charts.js';

const RANGES = [['24h', 'last 24 hours'], ['6h', 'last 6 hours'], ['7d', 'last 7 days'], ['30d', 'last 30 days']];
const COLOURS = { 0: 'var(--ok)', 1: 'var(--warn)', 2: 'var(--bad)' };

function shares(rows) {
  const counts = { 0: 0, 1: 0, 2: 0 };
  rows.forEach(r => { if (r.status in counts) counts[r.status]++; });
  const total = counts[0] + counts[1] + counts[2];
  const bar = el('div', { class: 'sharebar' }, [0, 1, 2].filter(s => counts[s]).map(s =>
    el('span', { style: `width:${counts[s] / total * 100}%;background:${COLOURS[s]}`, title: `${DRIFT_NAMES[s]}: ${counts[s]}` })));
  const legend = el('div', { class: 'legend', 'data-testid': 'status-shares' }, [0, 1, 2].map(s => el('span', { 'data-status': s, 'data-count': counts[s] },
    statusDot(s), `${DRIFT_NAMES[s]} ${total ? fmtNum(counts[s] / total * 100, 1) : 0} % (${counts[s]})  `)));
  return [bar, legend];
}

function history(rows) {
  const byName = Map.groupBy(rows, r => `${r.endpoint_name} ${r.endpoint_id.slice(0, 7)} · ${r.application}.${r.name}`);
  return el('table', { 'data-testid': 'history' }, el('tbody', {}, [...byName].map(([name, rs]) => el('tr', {},
    el('td', { style: 'white-space:nowrap' }, name),
    el('td', {}, rs.map(r => el('span', { title: `${fmtTime(r.window_end)}: ${statusName(r)} (${fmtNum(r.value, 4)})${r.rows === undefined ? '' : `, ${r.rows} rows`}` }, statusDot(r.status))))))));
}

export function mount(root, route) {
  const p = route.project;
  const q = route.query || {};
  const state = { range: RANGES.some(([v]) => v === q.range) ? q.range : '24h', endpoint: q.endpoint || '', app: q.app || '' };
  const sel = (testid, key, opts) => el('select', { 'data-testid': testid, onchange: e => {
    state[key] = e.target.value;
    setHashQuery({ range: state.range === '24h' ? '' : state.range, endpoint: state.endpoint, app: state.app }, { push: true });
    page.refresh();
  } }, opts);
  const rangeSel = sel('range', 'range', RANGES.map(([v, l]) => el('option', { value: v, selected: v === state.range }, l)));
  const epSel = sel('endpoint', 'endpoint', []), appSel = sel('app', 'app', []);
  const content = el('div');
  root.append(el('h1', {}, `Applications — ${p}`), el('div', { class: 'toolbar' }, rangeSel, epSel, appSel), content);

  function options(select, values, allLabel, current) {
    select.replaceChildren(el('option', { value: '' }, allLabel), ...values.map(([v, l]) => el('option', { value: v, selected: v === current }, l)));
  }

  const page = {
    async refresh() {
      const all = await api(`/projects/${enc(p)}/ui/app-results`, { start: `now-${state.range}` });
      const eps = [...new Map(all.map(r => [r.endpoint_id, `${r.endpoint_name} · ${r.endpoint_id.slice(0, 7)}`]))];
      options(epSel, eps, 'all endpoints', state.endpoint);
      options(appSel, [...new Set(all.map(r => r.application))].map(a => [a, a]), 'all applications', state.app);
      const rows = all.filter(r => (!state.endpoint || r.endpoint_id === state.endpoint) && (!state.app || r.application === state.app));
      if (!rows.length) {
        content.replaceChildren(el('p', { class: 'empty' }, all.length ? 'No application result matches the chosen endpoint and application.'
          : 'No application results in this range: windows are analysed when they close (every base period), and only for endpoints with a training set.'));
        return;
      }
      const drifts = rows.filter(r => r.kind === 0 || r.kind === 1);
      const avg = drifts.length ? drifts.reduce((a, r) => a + r.value, 0) / drifts.length : null;
      const latest = rows.at(-1);
      const series = Map.groupBy(rows, r => `${r.endpoint_id}|${r.full_name}`);
      content.replaceChildren(
        el('h2', {}, 'Drift status by category'), ...shares(rows),
        el('div', { class: 'cards', style: 'margin-top:12px' },
          el('div', { class: 'card' }, el('div', { class: 'k' }, 'Average drift value (data/concept drift results)'),
            el('div', { class: 'v', 'data-stat': 'average', 'data-value': avg ?? '' }, fmtNum(avg, 4))),
          el('div', { class: 'card' }, el('div', { class: 'k' }, `Latest result: ${latest.application}.${latest.name}`),
            el('div', { class: 'v', 'data-stat': 'latest', 'data-value': latest.value }, statusDot(latest.status), fmtNum(latest.value, 4)),
            el('div', { class: 'k' }, fmtTime(latest.window_end)))),
        el('h2', {}, 'Result value by time'),
        el('div', { class: 'grid2' }, [...series].map(([k, rs]) => el('div', { class: 'card', 'data-series': k },
          el('b', {}, `${rs[0].endpoint_name} · ${rs[0].endpoint_id.slice(0, 7)} · ${rs[0].application}.${rs[0].name}`),
          timeline(rs.map(r => [new Date(r.window_end).getTime(), r.value, r.status]), { height: 180 })))),
        el('h2', {}, 'Drift detection history'), history(rows),
        el('h2', {}, 'Summary'),
        el('div', { class: 'tablewrap' }, el('table', { 'data-testid': 'summary' }, el('thead', {}, el('tr', {}, ['Time', 'Endpoint', 'Application', 'Metric name', 'Kind', 'Status', 'Value', 'Rows']
          .map((h, i) => el('th', { class: i >= 6 ? 'num' : null }, h)))),
        el('tbody', {}, rows.slice(-100).reverse().map(r => el('tr', { 'data-row': `${r.endpoint_id}|${r.full_name}|${r.window_end}` },
          el('td', {}, el('a', { href: `#/projects/${enc(p)}/endpoints/${enc(r.endpoint_id)}/drift?window=${enc(r.window_end)}`, 'data-open-window': r.window_end },
            fmtTime(r.window_end))), el('td', {}, `${r.endpoint_name} · ${r.endpoint_id.slice(0, 7)}`), el('td', {}, r.application),
          el('td', {}, r.name), el('td', {}, KIND_NAMES[r.kind] ?? r.kind_name), el('td', { 'data-status': r.status, title: r.reason || null }, statusDot(r.status), statusName(r)),
          el('td', { class: 'num', 'data-value': r.value }, fmtNum(r.value, 6)),
          el('td', { class: 'num', 'data-rows': r.rows ?? '' }, r.rows ?? '')))))));
    },
  };
  return page;
}
