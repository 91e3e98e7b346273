// Hand-written SVG charts (no library, nothing downloaded): timeline with thresholds, histogram, overlaid
// expected/actual histograms, heat map. Colours come from CSS variables, so charts follow the light/dark theme.
import { fmtNum, fmtShortTime } from './util.js';

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = String(text);
  return e;
}

function frame(w, h, testid) {
  return s('svg', { class: 'chart', viewBox: `0 0 ${w} ${h}`, 'data-testid': testid, role: 'img' });
}

function ticks(min, max, n = 4) {
  if (!(max > min)) return [min];
  return Array.from({ length: n + 1 }, (_, i) => min + (max - min) * i / n);
}

function yAxis(svg, y0, y1, top, bottom, left, right, fmt = t => fmtNum(t, 3)) {
  for (const t of ticks(y0, y1)) {
    const y = bottom - (t - y0) / (y1 - y0 || 1) * (bottom - top);
    svg.append(s('line', { class: 'axis', x1: left, x2: right, y1: y, y2: y }));
    svg.append(s('text', { x: left - 4, y: y + 3, 'text-anchor': 'end' }, fmt(t)));
  }
}

/**
 * A timeline: points [[ms, value, status?]], dashed thresholds [{value, cls: 'thr1'|'thr2', label}].
 * Points are coloured by status (p0/p1/p2) when given.
 */
export function timeline(points, { thresholds = [], width = 640, height = 220, testid = 'timeline', range } = {}) {
  const svg = frame(width, height, testid);
  const L = 48, R = width - 10, T = 10, B = height - 24;
  if (!points.length) {
    svg.append(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no values in this range'));
    return svg;
  }
  const xs = points.map(p => p[0]);
  const ys = points.map(p => p[1]).concat(thresholds.map(t => t.value));
  const x0 = range ? Math.max(range[0], Math.min(...xs) - (range[1] - Math.min(...xs)) * 0.05) : Math.min(...xs);
  const x1 = range ? range[1] : Math.max(...xs);
  let y0 = Math.min(0, ...ys), y1 = Math.max(...ys);
  if (y1 === y0) y1 = y0 + 1;
  const X = t => L + (x1 === x0 ? 0.5 : (t - x0) / (x1 - x0)) * (R - L);
  const Y = v => B - (v - y0) / (y1 - y0) * (B - T);
  yAxis(svg, y0, y1, T, B, L, R);
  for (const t of ticks(x0, x1, 4)) svg.append(s('text', { x: X(t), y: height - 6, 'text-anchor': 'middle' }, fmtShortTime(t)));
  for (const t of thresholds) {
    svg.append(s('line', { class: t.cls, x1: L, x2: R, y1: Y(t.value), y2: Y(t.value), 'data-threshold': t.value }));
    svg.append(s('text', { x: R, y: Y(t.value) - 3, 'text-anchor': 'end' }, `${t.label} ${t.value}`));
  }
  svg.append(s('polyline', { class: 'line', points: points.map(p => `${X(p[0])},${Y(p[1])}`).join(' ') }));
  for (const p of points) {
    const c = s('circle', { cx: X(p[0]), cy: Y(p[1]), r: 3.5, class: p.length > 2 ? `p${p[2]}` : 'bar', 'data-value': p[1] });
    c.append(s('title', {}, `${new Date(p[0]).toLocaleString()}: ${fmtNum(p[1], 6)}`));
    svg.append(c);
  }
  return svg;
}

/** A histogram of raw values in `bins` equal-width bins. */
export function histogram(values, { bins = 20, width = 640, height = 200, testid = 'histogram' } = {}) {
  const svg = frame(width, height, testid);
  if (!values.length) {
    svg.append(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no values'));
    return svg;
  }
  let lo = Math.min(...values), hi = Math.max(...values);
  if (hi === lo) { lo -= 0.5; hi += 0.5; }
  const counts = new Array(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / (hi - lo) * bins))]++;
  const L = 40, R = width - 10, T = 10, B = height - 24, max = Math.max(...counts);
  yAxis(svg, 0, max, T, B, L, R);
  const w = (R - L) / bins;
  counts.forEach((c, i) => {
    const h = c / max * (B - T);
    const r = s('rect', { class: 'bar', x: L + i * w + 1, y: B - h, width: Math.max(1, w - 2), height: h, 'data-count': c });
    r.append(s('title', {}, `${fmtNum(lo + (hi - lo) * i / bins)} – ${fmtNum(lo + (hi - lo) * (i + 1) / bins)}: ${c}`));
    svg.append(r);
  });
  svg.append(s('text', { x: L, y: height - 6 }, fmtNum(lo)));
  svg.append(s('text', { x: R, y: height - 6, 'text-anchor': 'end' }, fmtNum(hi)));
  return svg;
}

const HUGE = 1e300;

/** A numeric bin's range for its hover text: "< hi" and "≥ lo" for the overflow bins (edges ±1.8e308). */
function binRange(lo, hi) {
  if (!(lo > -HUGE)) return `< ${fmtNum(hi, 4)}`;
  if (!(hi < HUGE)) return `≥ ${fmtNum(lo, 4)}`;
  return `${fmtNum(lo, 4)} – ${fmtNum(hi, 4)}`;
}

const pct = v => `${(v * 100).toFixed(1)} %`;

/**
 * Overlaid expected/actual histograms, each normalised to sum 1. Numeric: the reference has 20 bins, the window 22
 * (with the two overflow bins of §6): the reference is padded so bins line up. Categorical: bins by name.
 * Hovering a bin (a transparent full-height rect on top, class `hit`) shows its range and both shares (SVG <title>,
 * set as text, so category names are never parsed as markup).
 */
export function overlaid(expected, actual, { width = 420, height = 160, testid = 'overlaid' } = {}) {
  const svg = frame(width, height, testid);
  const e = expected?.histogram, a = actual?.histogram;
  if (!e && !a) {
    svg.append(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no histogram'));
    return svg;
  }
  let labels, ec, ac, bins;
  const numeric = (e?.buckets ?? a.buckets).every(x => typeof x === 'number');
  if (numeric) {
    ec = e ? e.counts.slice() : [];
    ac = a ? a.counts.slice() : [];
    if (e && a && ac.length === ec.length + 2) ec = [0, ...ec, 0];
    const all = a && ac.length >= ec.length ? a.buckets : e.buckets;
    const edges = all.filter(x => Number.isFinite(x) && Math.abs(x) < HUGE);
    labels = [edges[0], edges[edges.length - 1]];
    bins = all.slice(0, -1).map((lo, i) => ({ lo, hi: all[i + 1], text: binRange(lo, all[i + 1]) }));
  } else {
    const names = [...new Set([...(e?.buckets ?? []), ...(a?.buckets ?? [])])];
    const pick = h => names.map(n => h ? (h.counts[h.buckets.indexOf(n)] ?? 0) : 0);
    ec = pick(e); ac = pick(a); labels = [names[0], names[names.length - 1]];
    bins = names.map(n => ({ text: String(n) }));
  }
  const norm = c => { const t = c.reduce((x, y) => x + y, 0) || 1; return c.map(x => x / t); };
  ec = norm(ec); ac = norm(ac);
  const n = Math.max(ec.length, ac.length), max = Math.max(...ec, ...ac) || 1;
  const L = 34, R = width - 6, T = 8, B = height - 20, w = (R - L) / n;
  yAxis(svg, 0, max, T, B, L, R);
  for (const [c, cls] of [[ec, 'exp'], [ac, 'act']]) {
    c.forEach((v, i) => {
      const h = v / max * (B - T);
      svg.append(s('rect', { class: cls, x: L + i * w + 0.5, y: B - h, width: Math.max(1, w - 1), height: h }));
    });
  }
  for (let i = 0; i < n; i++) {
    const hit = s('rect', { class: 'hit', x: L + i * w, y: T, width: w, height: B - T, 'data-bin': i,
      'data-lo': bins[i]?.lo, 'data-hi': bins[i]?.hi, 'data-expected': ec[i] ?? 0, 'data-actual': ac[i] ?? 0 });
    hit.append(s('title', {}, `${bins[i]?.text ?? ''}: expected ${pct(ec[i] ?? 0)}, actual ${pct(ac[i] ?? 0)}`));
    svg.append(hit);
  }
  svg.append(s('text', { x: L, y: height - 5 }, typeof labels[0] === 'number' ? fmtNum(labels[0], 3) : labels[0]));
  svg.append(s('text', { x: R, y: height - 5, 'text-anchor': 'end' }, typeof labels[1] === 'number' ? fmtNum(labels[1], 3) : labels[1]));
  return svg;
}

/** A heat map: rows × time buckets, cell opacity ∝ value / max; null cells are empty. */
export function heatmap(times, rows, { width = 1000, rowHeight = 22, testid = 'heatmap', unit = '',
  label = t => fmtShortTime(new Date(t).getTime()) } = {}) {
  const L = 170, R = width - 8, T = 6, H = rows.length * rowHeight;
  const height = T + H + 22;
  const svg = frame(width, height, testid);
  const all = rows.flatMap(r => r.values).filter(v => v !== null);
  const max = Math.max(0, ...all) || 1;
  const w = (R - L) / Math.max(1, times.length);
  rows.forEach((r, j) => {
    const y = T + j * rowHeight;
    svg.append(s('text', { x: L - 6, y: y + rowHeight / 2 + 3, 'text-anchor': 'end' }, r.name));
    r.values.forEach((v, i) => {
      const cell = s('rect', { x: L + i * w, y, width: Math.max(0.5, w - 0.5), height: rowHeight - 2, fill: 'var(--heat0)' });
      svg.append(cell);
      if (v !== null && v > 0) {
        const c = s('rect', { x: L + i * w, y, width: Math.max(0.5, w - 0.5), height: rowHeight - 2, fill: 'var(--heat1)',
          'fill-opacity': (0.15 + 0.85 * v / max).toFixed(3), 'data-value': v });
        c.append(s('title', {}, `${r.name} ${new Date(times[i]).toLocaleString()}: ${fmtNum(v, 4)}${unit}`));
        svg.append(c);
      }
    });
  });
  const step = Math.max(1, Math.ceil(times.length / 8));
  for (let i = 0; i < times.length; i += step) {
    svg.append(s('text', { x: L + i * w, y: height - 6, 'data-label': i }, label(times[i], i)));
  }
  return svg;
}

const SERIES_COLOURS = ['var(--accent)', 'var(--warn)', 'var(--bad)', 'var(--ok)', 'var(--actual)'];

/**
 * Several series over the same time grid: times (ISO), series [{name, values (null = gap)}], y formatted by `fmt`.
 * Each series is a polyline with class `series` and data-series=name; a legend follows.
 */
export function lines(times, series, { width = 640, height = 200, testid = 'lines', fmt = v => fmtNum(v, 3) } = {}) {
  const svg = frame(width, height, testid);
  const ms = times.map(t => new Date(t).getTime());
  const all = series.flatMap(x => x.values).filter(v => v !== null && v !== undefined);
  if (!all.length) {
    svg.append(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no data in this range'));
    return svg;
  }
  const L = 58, R = width - 10, T = 10, B = height - 24;
  const x0 = ms[0], x1 = ms[ms.length - 1] || x0 + 1;
  const y1 = Math.max(...all) || 1;
  const X = t => L + (x1 === x0 ? 0.5 : (t - x0) / (x1 - x0)) * (R - L);
  const Y = v => B - v / y1 * (B - T);
  for (const t of ticks(0, y1)) {
    svg.append(s('line', { class: 'axis', x1: L, x2: R, y1: Y(t), y2: Y(t) }));
    svg.append(s('text', { x: L - 4, y: Y(t) + 3, 'text-anchor': 'end' }, fmt(t)));
  }
  for (const t of ticks(x0, x1, 4)) svg.append(s('text', { x: X(t), y: height - 6, 'text-anchor': 'middle' }, fmtShortTime(t)));
  series.forEach((x, j) => {
    const colour = SERIES_COLOURS[j % SERIES_COLOURS.length];
    let run = [];
    const flush = () => {
      if (run.length) svg.append(s('polyline', { class: 'series', fill: 'none', stroke: colour, 'stroke-width': 1.6,
        'data-series': x.name, points: run.join(' ') }));
      run = [];
    };
    x.values.forEach((v, i) => {
      if (v === null || v === undefined) { flush(); return; }
      run.push(`${X(ms[i])},${Y(v)}`);
      const c = s('circle', { cx: X(ms[i]), cy: Y(v), r: 2, fill: colour, 'data-series': x.name, 'data-value': v });
      c.append(s('title', {}, `${x.name} ${new Date(ms[i]).toLocaleString()}: ${fmt(v)}`));
      svg.append(c);
    });
    flush();
  });
  const legend = s('g', {});
  series.forEach((x, j) => {
    legend.append(s('rect', { x: L + j * 90, y: 0, width: 8, height: 8, fill: SERIES_COLOURS[j % SERIES_COLOURS.length] }));
    legend.append(s('text', { x: L + j * 90 + 12, y: 8 }, x.name));
  });
  svg.append(legend);
  return svg;
}

/**
 * A performance metric over windows (the Performance tab): per window (a <g data-window=end>) the label coverage as a
 * bar in the strip below the plot, the realized value (filled circle, coloured by status) and the estimated value
 * (hollow circle) with its band (a vertical bar lower–upper); realized and estimated are joined by lines (estimated
 * dashed) and the band is shaded over consecutive estimated windows. `share`: a metric in [0, 1] (axis clipped to it).
 */
export function performanceChart(windows, metric, { width = 640, height = 250, testid = 'perf', fmt = v => fmtNum(v, 3), share = true } = {}) {
  const svg = frame(width, height, testid);
  svg.dataset.metric = metric;
  const L = 58, R = width - 12, T = 10, B = height - 78, CT = height - 60, CB = height - 24;
  const pts = windows.map(w => ({ w, t: new Date(w.window_end).getTime(), r: w.realized[metric], e: w.estimated[metric] }));
  const vals = pts.flatMap(p => [p.r?.value, p.e?.value, p.e?.lower, p.e?.upper]).filter(v => typeof v === 'number');
  if (!vals.length) {
    svg.append(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no value of this metric in this range'));
    return svg;
  }
  let y0 = Math.min(...vals), y1 = Math.max(...vals);
  const pad = Math.max((y1 - y0) * 0.1, share ? 0.02 : Math.abs(y1) * 0.05 || 0.05);
  y0 -= pad; y1 += pad;
  if (share) { y0 = Math.max(0, y0); y1 = Math.min(1, y1); }
  const t0 = pts[0].t, t1 = pts[pts.length - 1].t, half = (R - L) / Math.max(2, pts.length) / 2;
  const X = t => (t1 === t0 ? (L + R) / 2 : L + half + (t - t0) / (t1 - t0) * (R - L - 2 * half));
  const Y = v => B - (v - y0) / (y1 - y0 || 1) * (B - T);
  yAxis(svg, y0, y1, T, B, L, R, share ? t => fmtNum(t * 100, 1) + ' %' : t => fmtNum(t, 3));
  for (const y of [0, 1]) svg.append(s('line', { class: 'axis', x1: L, x2: R, y1: CT + y * (CB - CT), y2: CT + y * (CB - CT) }));
  svg.append(s('text', { x: L - 4, y: (CT + CB) / 2 + 3, 'text-anchor': 'end' }, 'coverage'));
  bandShade(svg, pts, X, Y);
  for (const [side, cls] of [['r', 'perf-realized'], ['e', 'perf-estimated']]) {
    const run = pts.filter(p => p[side]).map(p => `${X(p.t)},${Y(p[side].value)}`);
    if (run.length > 1) svg.append(s('polyline', { class: cls, points: run.join(' '), 'data-series': side === 'r' ? 'realized' : 'estimated' }));
  }
  const bw = Math.max(3, Math.min(26, half * 1.2));
  for (const p of pts) svg.append(windowMarks(p, X, Y, { CT, CB, bw, fmt, metric }));
  const step = Math.max(1, Math.ceil(pts.length / 5));
  pts.forEach((p, i) => { if (i % step === 0) svg.append(s('text', { x: X(p.t), y: height - 8, 'text-anchor': 'middle' }, fmtShortTime(p.t))); });
  return svg;
}

function bandShade(svg, pts, X, Y) {
  let run = [];
  const flush = () => {
    if (run.length > 1) svg.append(s('polygon', { class: 'perf-band', points: [...run.map(p => `${X(p.t)},${Y(p.e.upper)}`),
      ...run.slice().reverse().map(p => `${X(p.t)},${Y(p.e.lower)}`)].join(' ') }));
    run = [];
  };
  for (const p of pts) { if (p.e && typeof p.e.lower === 'number' && typeof p.e.upper === 'number') run.push(p); else flush(); }
  flush();
}

function windowMarks(p, X, Y, { CT, CB, bw, fmt, metric }) {
  const g = s('g', { 'data-window': p.w.window_end });
  const x = X(p.t), cov = p.w.label_coverage;
  const when = new Date(p.t).toLocaleString();
  if (typeof cov === 'number') {
    const bar = s('rect', { class: 'perf-coverage', x: x - bw / 2, y: CB - cov * (CB - CT), width: bw, height: Math.max(0.5, cov * (CB - CT)), 'data-coverage': cov });
    bar.append(s('title', {}, `window ending ${when}: label coverage ${(cov * 100).toFixed(0)} %${p.w.labelled_rows === null ? '' : ` (${p.w.labelled_rows} labelled rows)`}`));
    g.append(bar, s('text', { x, y: CB - cov * (CB - CT) - 3, 'text-anchor': 'middle' }, `${(cov * 100).toFixed(0)} %`));
  }
  if (p.e) {
    if (typeof p.e.lower === 'number' && typeof p.e.upper === 'number') {
      g.append(s('line', { class: 'perf-bandbar', x1: x, x2: x, y1: Y(p.e.lower), y2: Y(p.e.upper) }));
    }
    const c = s('circle', { class: 'perf-estimated', cx: x, cy: Y(p.e.value), r: 4, 'data-series': 'estimated', 'data-value': p.e.value,
      'data-lower': p.e.lower ?? '', 'data-upper': p.e.upper ?? '' });
    c.append(s('title', {}, `${when}: estimated ${metric} ${fmt(p.e.value)} (band ${fmt(p.e.lower)} – ${fmt(p.e.upper)})`));
    g.append(c);
  }
  if (p.r) {
    const c = s('circle', { class: `perf-realized p${p.r.status}`, cx: x, cy: Y(p.r.value), r: 4, 'data-series': 'realized', 'data-value': p.r.value,
      'data-status': p.r.status });
    c.append(s('title', {}, `${when}: realized ${metric} ${fmt(p.r.value)}${typeof cov === 'number' ? `, label coverage ${(cov * 100).toFixed(0)} %` : ''}`));
    g.append(c);
  }
  return g;
}
