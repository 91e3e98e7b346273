// The endpoint's Operations tab: predictions/s, latency p50/p95/p99 and errors over the chosen range, custom metrics
// beside them, each figure with the time it was read ("as of"). Figures from GET …/ui/endpoints/{uid}/operations;
// latency is the row-weighted mean and nearest-rank percentiles over events (docs/observability.md).
import { api, asOf, el, enc, fmtLatency, fmtNum, setHashQuery } from '../util.js';
import { lines } from '../charts.js';

export const RANGES = [['1h', 'last hour'], ['6h', 'last 6 hours'], ['24h', 'last 24 hours'], ['7d', 'last 7 days'], ['30d', 'last 30 days']];

/** The range select bound to ?range= in the URL. */
export function rangeSelect(current, fallback = '24h') {
  return el('select', { 'data-testid': 'range', onchange: e => setHashQuery({ range: e.target.value === fallback ? '' : e.target.value }) },
    RANGES.map(([v, label]) => el('option', { value: v, selected: v === (current || fallback) }, label)));
}

function figure(key, label, value, text, when) {
  return el('div', { class: 'card' }, el('div', { class: 'k' }, label),
    el('div', { class: 'v', 'data-op': key, 'data-value': value ?? '' }, text), asOf(when));
}

export function operationsTab(p, uid, route) {
  const range = route.query?.range || '24h';
  const cards = el('div', { class: 'cards', 'data-testid': 'op-figures' });
  const charts = el('div', { class: 'grid2', 'data-testid': 'op-charts' });
  const custom = el('div');
  const root = el('div', {}, el('div', { class: 'toolbar' }, el('b', {}, 'Time range'), rangeSelect(range)), cards, charts,
    el('h2', {}, 'Custom metrics'), custom);
  return {
    root,
    async refresh() {
      const o = await api(`/projects/${enc(p)}/ui/endpoints/${enc(uid)}/operations`, { start: `now-${range}` });
      const t = o.totals, when = o.as_of;
      cards.replaceChildren(
        figure('predictions_per_second', 'Predictions/s (range average)', t.predictions_per_second, fmtNum(t.predictions_per_second, 3), when),
        figure('predictions', 'Predictions (rows)', t.predictions, fmtNum(t.predictions, 0), when),
        figure('latency_avg', 'Latency, mean (row-weighted)', t.latency_avg, fmtLatency(t.latency_avg), when),
        figure('latency_p50', 'Latency p50', t.latency_p50, fmtLatency(t.latency_p50), when),
        figure('latency_p95', 'Latency p95', t.latency_p95, fmtLatency(t.latency_p95), when),
        figure('latency_p99', 'Latency p99', t.latency_p99, fmtLatency(t.latency_p99), when),
        figure('errors', 'Errors', t.errors, fmtNum(t.errors, 0), when));
      const ms = v => v === null ? null : v / 1000;
      charts.replaceChildren(
        el('div', { class: 'card' }, el('b', {}, 'Predictions per second'),
          lines(o.times, [{ name: 'predictions/s', values: o.predictions_per_second }], { testid: 'op-pps' })),
        el('div', { class: 'card' }, el('b', {}, 'Latency (ms)'),
          lines(o.times, [{ name: 'p50', values: o.latency_p50.map(ms) }, { name: 'p95', values: o.latency_p95.map(ms) },
            { name: 'p99', values: o.latency_p99.map(ms) }], { testid: 'op-latency', fmt: v => fmtNum(v, 2) + ' ms' })),
        el('div', { class: 'card' }, el('b', {}, 'Errors per bucket'),
          lines(o.times, [{ name: 'errors', values: o.errors }], { testid: 'op-errors', fmt: v => fmtNum(v, 0) })));
      const names = Object.keys(o.custom_metrics);
      custom.replaceChildren(names.length ? el('div', { class: 'grid2' }, names.map(n => el('div', { class: 'card', 'data-custom': n },
        el('b', {}, n), lines(o.times, [{ name: n, values: o.custom_metrics[n] }], { testid: 'custom-' + n }))))
        : el('p', { class: 'empty' }, 'No custom metrics in this range: model servers send them in the event\'s "metrics" field.'));
      if (!t.events) charts.prepend(el('p', { class: 'empty', 'data-testid': 'no-traffic', style: 'grid-column:1/-1' },
        `No predictions between ${new Date(o.start).toLocaleString()} and ${new Date(o.end).toLocaleString()}: pick a longer range.`));
    },
  };
}
