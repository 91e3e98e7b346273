// The endpoint's Metrics tab: pick application results/metrics and a time range; per pick a timeline (with the
// app's thresholds for histogram-data-drift) and a histogram of the values.
import { api, el, enc, fmtNum, setHashQuery } from '../util.js';
import { histogram, timeline } from '../charts.js';
import { rangeSelect } from './operations.js';

/** Thresholds drawn on a result's timeline: histogram-data-drift's potential/detected parameters (0.5/0.7 by default). */
function thresholds(name, apps) {
  const app = apps.find(a => a.name === name.app);
  if (name.app !== 'histogram-data-drift' || name.type !== 'result') return [];
  const params = app?.params ?? {};
  return [{ value: Number(params.potential_threshold ?? 0.5), cls: 'thr1', label: 'potential' },
    { value: Number(params.detected_threshold ?? 0.7), cls: 'thr2', label: 'detected' }];
}

export function metricsTab(p, uid, route = {}) {
  const shown = route.query?.show;
  const state = { range: route.query?.range || '24h', picked: shown ? new Set(shown.split(',').filter(Boolean)) : null, names: [] };
  const picks = el('div', { class: 'toolbar', 'data-testid': 'metric-picks' });
  const range = rangeSelect(state.range);
  const charts = el('div', { 'data-testid': 'metric-charts' });
  const root = el('div', {}, el('div', { class: 'toolbar' }, el('b', {}, 'Time range'), range), picks, charts);

  function drawPicks() {
    picks.replaceChildren(el('b', {}, 'Show'), ...state.names.map(n => el('label', {},
      el('input', { type: 'checkbox', value: n.full_name, checked: state.picked.has(n.full_name), 'data-name': n.full_name,
        onchange: e => {
          e.target.checked ? state.picked.add(n.full_name) : state.picked.delete(n.full_name);
          setHashQuery({ show: [...state.picked].join(',') || ',' }, { replace: true });
          tab.refresh();
        } }),
      ` ${n.app} · ${n.name} (${n.type})`)));
  }

  const tab = {
    root,
    async refresh() {
      const [names, apps] = await Promise.all([api(`/projects/${enc(p)}/model-endpoints/${enc(uid)}/metrics`, { type: 'all' }),
        api(`/projects/${enc(p)}/model-monitoring/functions`)]);
      state.names = names;
      if (state.picked === null) state.picked = new Set(names.filter(n => n.type === 'result').slice(0, 2).map(n => n.full_name));
      drawPicks();
      const chosen = names.filter(n => state.picked.has(n.full_name));
      if (!chosen.length) {
        charts.replaceChildren(el('p', { class: 'muted' }, names.length ? 'Pick a result or metric above.' : 'No application results yet.'));
        return;
      }
      const end = Date.now(), start = `now-${state.range}`;
      const series = await api(`/projects/${enc(p)}/model-endpoints/${enc(uid)}/metrics-values`, { name: chosen.map(n => n.full_name), start });
      charts.replaceChildren(...series.map(s => {
        const n = chosen.find(c => c.full_name === s.full_name);
        const points = s.values.map(v => [new Date(v[0]).getTime(), v[1], ...(v.length > 2 ? [v[2]] : [])]);
        const last = s.values.at(-1);
        const span = state.range.endsWith('d') ? Number(state.range.slice(0, -1)) * 86400e3 : Number(state.range.slice(0, -1)) * 3600e3;
        return el('div', { class: 'card', style: 'margin-bottom:14px', 'data-series': s.full_name, 'data-points': s.values.length },
          el('b', {}, s.full_name), el('span', { class: 'muted' }, `  ${s.values.length} values, latest `),
          el('b', { 'data-testid': 'latest', 'data-value': last ? last[1] : '' }, last ? fmtNum(last[1], 6) : '—'),
          el('div', { class: 'grid2' },
            el('div', {}, el('div', { class: 'muted' }, 'Timeline'), timeline(points, { thresholds: thresholds(n, apps), range: [end - span, end], testid: 'timeline' })),
            el('div', {}, el('div', { class: 'muted' }, 'Histogram of values'), histogram(points.map(x => x[1]), { bins: 12, testid: 'values-histogram' }))));
      }));
    },
  };
  return tab;
}
