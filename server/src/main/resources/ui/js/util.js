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
 * The login form of a server with --auth required: the key goes once to POST /api/v1/session, which opens a
 * server-side session and answers with an HttpOnly, SameSite=Strict cookie naming it (never the key); scripts never
 * keep the key.
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

/** The one status vocabulary of the UI (result status codes -1…2 and endpoint drift status 0…2). */
export const STATUS_NAMES = { '-1': 'irrelevant', 0: 'no drift', 1: 'possible drift', 2: 'drift detected' };
export const DRIFT_NAMES = STATUS_NAMES;
/** A result's status name; an irrelevant verdict on a too small window says why: "irrelevant (too few rows)". */
export function statusName(r) {
  if (Number(r.status) === -1 && (r.reason || '').startsWith('too few rows')) return 'irrelevant (too few rows)';
  return STATUS_NAMES[r.status] ?? 'not analysed yet';
}
export const KIND_NAMES = ['data_drift', 'concept_drift', 'model_performance', 'system_performance', 'mm_app_anomaly'];

/** A green/yellow/red dot for a status 0/1/2 (grey when unknown), with the status name as its title. */
export function statusDot(status) {
  const s = status === null || status === undefined || status === '' ? null : Number(status);
  const name = s === null ? 'not analysed yet' : (STATUS_NAMES[s] ?? `status ${s}`);
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

/** A status dot followed by its name. */
export function statusBadge(status, r) {
  const s = status === null || status === undefined || status === '' ? null : Number(status);
  return el('span', { class: 'status', 'data-status': s ?? '', 'data-value': s ?? '' }, statusDot(s),
    r ? statusName(r) : (s === null ? 'not analysed yet' : STATUS_NAMES[s] ?? `status ${s}`));
}

/** A latency given in µs with a human unit: "850 µs", "2.61 ms", "1.2 s"; em dash when absent. */
export function fmtLatency(us) {
  if (us === undefined || us === null || us === '' || Number.isNaN(Number(us))) return '—';
  const v = Number(us);
  if (v < 1000) return `${fmtNum(v, 0)} µs`;
  if (v < 1e6) return `${fmtNum(v / 1000, 2)} ms`;
  return `${fmtNum(v / 1e6, 2)} s`;
}

/** An ISO-8601 duration ("PT10S", "PT10M", "P1D") or "10m"/"1h" as words: "10 s", "10 min", "1 d". */
export function fmtDuration(d) {
  if (!d) return '—';
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(d));
  const short = /^(\d+)\s*([smhd])$/.exec(String(d));
  if (short) return `${short[1]} ${{ s: 's', m: 'min', h: 'h', d: 'd' }[short[2]]}`;
  if (!m) return String(d);
  return [[m[1], 'd'], [m[2], 'h'], [m[3], 'min'], [m[4], 's']].filter(([v]) => v).map(([v, u]) => `${v} ${u}`).join(' ') || '0 s';
}

/** "as of 10:42:07": the time a live figure was read. */
export function asOf(when = new Date()) {
  const d = when instanceof Date ? when : new Date(when);
  return el('span', { class: 'asof muted', 'data-asof': d.toISOString(), title: d.toLocaleString() },
    'as of ' + d.toLocaleTimeString());
}

/** The model's name and version ("iris-model:v2"), never its file path. */
export function modelName(name, version) {
  return (name ?? '—') + (version ? ':' + version : '');
}

/** The query part of the hash route as an object ('#/x?range=6h&window=…' → {range: '6h', window: '…'}). */
export function hashQuery() {
  const i = location.hash.indexOf('?');
  return Object.fromEntries(new URLSearchParams(i < 0 ? '' : location.hash.slice(i + 1)));
}

/**
 * Writes `changes` into the hash's query (empty values removed). By default a new history entry that re-renders the
 * page from the URL (hashchange); `push` adds the entry without re-rendering (the page already shows it), `replace`
 * rewrites the current entry. The back button fires hashchange, so the previous view is rendered from its URL.
 */
export function setHashQuery(changes, { replace = false, push = false } = {}) {
  const i = location.hash.indexOf('?');
  const path = i < 0 ? location.hash : location.hash.slice(0, i);
  const q = new URLSearchParams(i < 0 ? '' : location.hash.slice(i + 1));
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === null || v === '') q.delete(k); else q.set(k, v);
  }
  const next = path + (q.toString() ? '?' + q : '');
  if (next === location.hash) return;
  if (replace) history.replaceState(null, '', next);
  else if (push) history.pushState(null, '', next);
  else location.hash = next;
}

/**
 * The session of this page: GET /api/v1/session answers the cookie's session with its CSRF token (kept in memory
 * only, never stored), {auth: 'off'} when the server needs no key, or 401 (null here) without a live session.
 */
let sessionInfo;
export async function session(reload = false) {
  if (sessionInfo === undefined || reload) {
    const r = await fetch('/api/v1/session', { headers: { Accept: 'application/json' } });
    sessionInfo = r.ok ? await r.json().catch(() => null) : null;
  }
  return sessionInfo;
}

/** The headers of a state-changing call: JSON, and the session's CSRF token when a session cookie authenticates. */
async function changeHeaders() {
  const s = await session();
  const h = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (s?.csrf) h['X-Driftwatch-Csrf'] = s.csrf;
  return h;
}

/** Ends the session on the server (DELETE /api/v1/session with its CSRF token) and shows the login form. */
export async function logout() {
  await fetch('/api/v1/session', { method: 'DELETE', headers: await changeHeaders() });
  sessionInfo = null;
  location.reload();
}

/** Sends JSON with `method` to /api/v1 (with the CSRF token a session cookie needs); the body or an Error. */
export async function apiSend(method, path, body) {
  const r = await fetch('/api/v1' + path, { method, headers: await changeHeaders(),
    body: body === undefined ? undefined : JSON.stringify(body) });
  const out = await r.json().catch(() => null);
  if (r.status === 401) showLogin();
  if (!r.ok) {
    const e = new Error(out?.error?.message || `${r.status} ${r.statusText}`);
    e.status = r.status;
    throw e;
  }
  return out;
}

/** A scroll container for wide tables: columns keep their width, the table scrolls inside the page. */
export function wide(table) {
  return el('div', { class: 'tablewrap' }, table);
}
