// The project overview: endpoints, predictions/s (5-minute average), latency (1-hour average), total errors, and heat
// maps of predictions/s, latency and errors per endpoint in 15-minute intervals.
import { api, el, enc, fmtNum } from '../util.js';
import { heatmap } from '../charts.js';

const RANGES = [['24h', 'last 24 hours'], ['6h', 'last 6 hours'], ['7d', 'last 7 days']];

function card(key, label, value, digits, suffix = '') {
  return el('div', { class: 'card' }, el('div', { class: 'k' }, label),
    el('div', { class: 'v', 'data-stat': key, 'data-value': value }, fmtNum(value, digits) + suffix));
}

export function mount(root, route) {
  const p = route.project;
  const state = { range: '24h' };
  const cards = el('div', { class: 'cards', 'data-testid': 'overview-stats' });
  const maps = el('div');
  const range = el('select', { 'data-testid': 'range', onchange: e => { state.range = e.target.value; page.refresh(); } },
    RANGES.map(([v, label]) => el('option', { value: v }, label)));
  root.append(el('h1', {}, `Project overview — ${p}`), cards, el('div', { class: 'toolbar' }, el('b', {}, 'Heat maps over the'), range,
    el('span', { class: 'muted' }, 'one cell per endpoint and 15 minutes')), maps);
  const page = {
    async refresh() {
      const o = await api(`/projects/${enc(p)}/ui/overview`, { start: `now-${state.range}` });
      cards.replaceChildren(card('endpoints', 'Endpoints', o.endpoints, 0),
        card('predictions_per_second', 'Predictions/s (5-minute average)', o.predictions_per_second, 3),
        card('latency_avg_1h', 'Average latency (1-hour average)', o.latency_avg_1h / 1000, 3, ' ms'),
        card('total_errors', 'Total errors', o.total_errors, 0));
      const h = o.heatmaps, rows = key => h.rows.map(r => ({ name: `${r.name} · ${r.uid.slice(0, 7)}`, values: r[key] }));
      maps.replaceChildren(
        el('h2', {}, 'Predictions per second'), heatmap(h.times, rows('predictions_per_second'), { testid: 'heat-pps', unit: ' /s' }),
        el('h2', {}, 'Average latency (µs)'), heatmap(h.times, rows('latency_avg'), { testid: 'heat-latency', unit: ' µs' }),
        el('h2', {}, 'Errors'), heatmap(h.times, rows('errors'), { testid: 'heat-errors', unit: ' errors' }));
    },
  };
  return page;
}
