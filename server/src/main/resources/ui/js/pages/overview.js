// The project overview: endpoints, predictions/s (5-minute average), latency (1-hour average), total errors, and heat
// maps of predictions/s, latency and errors per endpoint in 15-minute intervals.
import { api, asOf, el, enc, fmtLatency, fmtNum, setHashQuery } from '../util.js';
import { heatmap } from '../charts.js';

const RANGES = [['24h', 'last 24 hours'], ['6h', 'last 6 hours'], ['7d', 'last 7 days']];

function card(key, label, value, text, when) {
  return el('div', { class: 'card' }, el('div', { class: 'k' }, label),
    el('div', { class: 'v', 'data-stat': key, 'data-value': value }, text), when ? asOf(when) : null);
}

export function mount(root, route) {
  const p = route.project;
  const state = { range: RANGES.some(([v]) => v === route.query?.range) ? route.query.range : '24h' };
  const cards = el('div', { class: 'cards', 'data-testid': 'overview-stats' });
  const maps = el('div');
  const range = el('select', { 'data-testid': 'range', onchange: e => {
    state.range = e.target.value; setHashQuery({ range: state.range === '24h' ? '' : state.range }, { push: true }); page.refresh();
  } }, RANGES.map(([v, label]) => el('option', { value: v, selected: v === state.range }, label)));
  root.append(el('h1', {}, `Project overview — ${p}`), cards, el('div', { class: 'toolbar' }, el('b', {}, 'Heat maps over the'), range,
    el('span', { class: 'muted' }, 'one cell per endpoint and 15 minutes')), maps);
  const page = {
    async refresh() {
      const o = await api(`/projects/${enc(p)}/ui/overview`, { start: `now-${state.range}` });
      const when = o.as_of ?? new Date();
      cards.replaceChildren(card('endpoints', 'Endpoints', o.endpoints, fmtNum(o.endpoints, 0), when),
        card('predictions_per_second', 'Predictions/s (last 5 minutes)', o.predictions_per_second, fmtNum(o.predictions_per_second, 3), when),
        card('latency_avg_1h', 'Mean latency (last hour, row-weighted)', o.latency_avg_1h / 1000, fmtLatency(o.latency_avg_1h), when),
        card('total_errors', 'Total errors', o.total_errors, fmtNum(o.total_errors, 0), when));
      const h = o.heatmaps, rows = key => h.rows.map(r => ({ name: `${r.name} · ${r.uid.slice(0, 7)}`, values: r[key] }));
      maps.replaceChildren(
        el('h2', {}, 'Predictions per second'), heatmap(h.times, rows('predictions_per_second'), { testid: 'heat-pps', unit: ' /s' }),
        el('h2', {}, 'Mean latency (ms)'), heatmap(h.times, rows('latency_avg').map(r => ({ ...r, values: r.values.map(v => v === null ? null : v / 1000) })),
          { testid: 'heat-latency', unit: ' ms' }),
        el('h2', {}, 'Errors'), heatmap(h.times, rows('errors'), { testid: 'heat-errors', unit: ' errors' }));
    },
  };
  return page;
}
