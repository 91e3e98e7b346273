// The single-page app: hash routes, the project picker, the navigation and the 10-second refresh of the open page.
import { api, el, enc, hashQuery, logout, session } from './util.js';
import * as projects from './pages/projects.js';
import * as endpoints from './pages/endpoints.js';
import * as endpoint from './pages/endpoint.js';
import * as overview from './pages/overview.js';
import * as apps from './pages/apps.js';
import * as alerts from './pages/alerts.js';

const REFRESH_MS = 10_000;
const main = document.getElementById('main');
const picker = document.getElementById('project-picker');
const nav = document.getElementById('nav');
let current = null;
let timer = null;
let generation = 0;

/** '#/projects/p/endpoints/uid/tab' → {page, project, uid, tab}. */
function parse() {
  const parts = location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'projects' || !parts[1]) return { page: 'projects' };
  const project = parts[1];
  const section = parts[2] || 'endpoints';
  const query = hashQuery();
  if (section === 'endpoints' && parts[3]) return { page: 'endpoint', project, uid: parts[3], tab: parts[4] || 'overview', query };
  return { page: section, project, query };
}

const PAGES = { projects, endpoints, endpoint, overview, applications: apps, alerts };
const NAV = [['endpoints', 'Model endpoints'], ['overview', 'Project overview'], ['applications', 'Applications'], ['alerts', 'Alerts']];

async function fillPicker(selected) {
  const list = await api('/projects');
  picker.replaceChildren(el('option', { value: '' }, '— choose a project —'),
    ...list.map(p => el('option', { value: p.name, selected: p.name === selected }, p.name)));
  return list;
}

function renderNav(route) {
  nav.replaceChildren(...(route.project ? NAV.map(([k, label]) => el('a', {
    href: `#/projects/${enc(route.project)}/${k}`, 'data-nav': k,
    class: (route.page === k || (k === 'endpoints' && route.page === 'endpoint')) ? 'active' : null }, label)) : []));
}

/**
 * What a refresh must not lose: the page's scroll position, inner scroll positions (wide tables) and which
 * <details data-key> panels are open. The page keeps its height while redrawing, so the browser never clamps scrollY.
 */
function keep() {
  const x = window.scrollX, y = window.scrollY;
  const open = new Set([...main.querySelectorAll('details[data-key]')].filter(d => d.open).map(d => d.dataset.key));
  const closed = new Set([...main.querySelectorAll('details[data-key]')].filter(d => !d.open).map(d => d.dataset.key));
  const inner = [...main.querySelectorAll('[data-scroll-key]')].map(e => [e.dataset.scrollKey, e.scrollLeft, e.scrollTop]);
  main.style.minHeight = main.offsetHeight + 'px';
  return () => {
    main.querySelectorAll('details[data-key]').forEach(d => {
      if (open.has(d.dataset.key)) d.open = true; else if (closed.has(d.dataset.key)) d.open = false;
    });
    for (const [k, l, t] of inner) {
      const e = main.querySelector(`[data-scroll-key="${CSS.escape(k)}"]`);
      if (e) { e.scrollLeft = l; e.scrollTop = t; }
    }
    window.scrollTo(x, y);
    main.style.minHeight = '';
  };
}

async function refresh(gen) {
  if (!current || gen !== generation) return;
  const status = main.querySelector(':scope > .err');
  const restore = keep();
  try {
    await current.refresh();
    if (gen !== generation) return;
    restore();
    status?.remove();
    document.getElementById('refreshed').textContent = 'Updated ' + new Date().toLocaleTimeString();
    document.body.dataset.ready = String(Number(document.body.dataset.ready || 0) + 1);
  } catch (e) {
    if (gen !== generation) return;
    restore();
    const box = status || main.insertBefore(el('div', { class: 'err', role: 'alert' }), main.firstChild);
    box.textContent = 'Could not load: ' + e.message;
    document.body.dataset.failed = e.message;
  }
}

async function route() {
  generation++;
  clearInterval(timer);
  const r = parse();
  delete document.body.dataset.ready;
  delete document.body.dataset.failed;
  document.body.dataset.page = r.page;
  renderNav(r);
  fillPicker(r.project).catch(e => console.warn('projects', e.message));
  main.replaceChildren();
  const page = PAGES[r.page];
  if (!page) {
    main.append(el('div', { class: 'err' }, `Unknown page '${r.page}'`));
    return;
  }
  current = page.mount(main, r);
  // until the page's first data arrive (or fail, which then says why), the page says it is loading
  const loading = el('p', { class: 'muted', 'data-testid': 'loading', role: 'status' }, 'Loading…');
  main.prepend(loading);
  const gen = generation;
  await refresh(gen);
  loading.remove();
  timer = setInterval(() => refresh(gen), REFRESH_MS);
}

/** With a live session (auth required), a logout button in the header. */
async function showLogout() {
  const s = await session().catch(() => null);
  if (!s?.csrf || document.getElementById('logout')) return;
  const who = s.server_admin ? 'server admin' : `${s.role} of ${s.project}`;
  const button = el('button', { id: 'logout', type: 'button', title: `Logged in as ${who}`, onclick: () => logout() },
    'Log out');
  document.querySelector('header.top').append(button);
}

picker.addEventListener('change', () => {
  location.hash = picker.value ? `#/projects/${enc(picker.value)}/endpoints` : '#/';
});
window.addEventListener('hashchange', route);
route();
showLogout();
