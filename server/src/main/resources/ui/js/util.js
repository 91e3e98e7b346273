// Small helpers shared by the pages: DOM building, API calls and formatting (times in the browser's zone).

/** Creates an element: el('td', {class: 'num', 'data-col': 'x'}, 'text', childNode, ...). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'style') e.style.cssText = String(v); // CSSOM: allowed by the CSP, a style attribute is not
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** GETs JSON from /api/v1; throws an Error with the API's message on a 4xx/5xx. */
export async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const x of [].concat(v)) if (x !== undefined && x !== null && x !== '') q.append(k, x);
  }
  const url = '/api/v1' + path + (q.toString() ? '?' + q : '');
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => null);
  if (r.status === 401) showLogin();
  if (!r.ok) {
    const e = new Error(body?.error?.message || `${r.status} ${r.statusText} for ${url}`);
    e.status = r.status;
    throw e;
  }
  return body;
}

/**
 * The login form of a server with --auth required: the key goes once to POST /api/v1/session, which answers with an
 * HttpOnly, SameSite=Strict cookie; scripts never keep the key.
 */
export function showLogin() {
  if (document.getElementById('login')) return;
  const input = el('input', { type: 'password', id: 'login-key', autocomplete: 'off', placeholder: 'dw_…', size: 50 });
  const msg = el('p', { class: 'muted' }, 'This server needs an access key (a viewer key of your project).');
  const form = el('form', { id: 'login', class: 'login' }, el('h2', {}, 'Log in'), msg,
    el('label', {}, 'Access key ', input), ' ', el('button', { type: 'submit' }, 'Log in'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const r = await fetch('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: input.value.trim() }) });
    if (r.ok) { input.value = ''; location.reload(); return; }
    const body = await r.json().catch(() => null);
    msg.textContent = body?.error?.message || `${r.status} ${r.statusText}`;
  });
  document.getElementById('main').replaceChildren(form);
}

/** Like api() but null on 404 (used for optional routes such as alerts). */
export async function apiOptional(path, params) {
  try { return await api(path, params); } catch (e) { if (e.status === 404 || e.status === 405) return null; throw e; }
}

export const enc = encodeURIComponent;

/** A time in the browser's zone, or an em dash. */
export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function fmtShortTime(ms) {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** A number with up to `digits` significant decimals, or an em dash. */
export function fmtNum(v, digits = 4) {
  if (v === undefined || v === null || v === '' || Number.isNaN(Number(v))) return '—';
  const n = Number(v);
  if (n !== 0 && (Math.abs(n) >= 1e7 || Math.abs(n) < 1e-4)) return n.toExponential(3);
  return n.toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** A duration from `iso` until now: "3d 4h", "2h 5m", "45s". */
export function fmtSince(iso, now = Date.now()) {
  if (!iso) return '—';
  let s = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${s}s`;
  return `${s}s`;
}

export const STATUS_NAMES = { '-1': 'irrelevant', 0: 'no detection', 1: 'potential detection', 2: 'detected' };
export const DRIFT_NAMES = { 0: 'no drift', 1: 'potential drift', 2: 'drift detected' };
/** A result's status name; an irrelevant verdict on a too small window reads "too few rows". */
export function statusName(r) {
  if (Number(r.status) === -1 && (r.reason || '').startsWith('too few rows')) return 'too few rows';
  return STATUS_NAMES[r.status];
}
export const KIND_NAMES = ['data_drift', 'concept_drift', 'model_performance', 'system_performance', 'mm_app_anomaly'];

/** A green/yellow/red dot for a status 0/1/2 (grey when unknown), with the status name as its title. */
export function statusDot(status) {
  const s = status === null || status === undefined || status === '' ? null : Number(status);
  const name = s === null ? 'not analysed yet' : (DRIFT_NAMES[s] ?? STATUS_NAMES[s] ?? `status ${s}`);
  return el('span', { class: `dot s${s ?? 'x'}`, title: name, 'data-status': s ?? '' });
}

/** A value cell carrying the raw value for tests and sorting. */
export function numCell(col, v, digits) {
  return el('td', { class: 'num', 'data-col': col, 'data-value': v ?? '' }, fmtNum(v, digits));
}

/** Minimal YAML for the record view. */
export function toYaml(v, indent = '') {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    if (v.every(x => x === null || typeof x !== 'object')) return '[' + v.map(x => toYaml(x)).join(', ') + ']';
    return v.map(x => `\n${indent}- ` + toYaml(x, indent + '  ').replace(/^\n\s*/, '')).join('');
  }
  if (typeof v === 'object') {
    const keys = Object.keys(v);
    if (!keys.length) return '{}';
    return keys.map(k => `\n${indent}${k}: ` + toYaml(v[k], indent + '  ').replace(/^ /, '')).join('');
  }
  if (typeof v === 'string') return /^[\w./:@+-]+$/.test(v) && !/^(true|false|null|[\d.eE+-]+)$/.test(v) ? v : JSON.stringify(v);
  return String(v);
}
