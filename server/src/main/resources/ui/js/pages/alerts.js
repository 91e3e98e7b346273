// The Alerts page: configured alerts (severity, trigger, criteria, enabled, state) managed here — create from a
// template, edit, enable/disable (POST …/alerts/{name}/enable|disable), reset, delete (PUT/POST/DELETE /projects/{p}/alerts/{name}, with the session's CSRF header) — and their
// activations, newest first, with each notification's delivery status. Says so when the server has no alerts API.
import { api, apiOptional, apiSend, el, enc, fmtDuration, fmtTime, modelName } from '../util.js';

function events(a) {
  return (a.trigger?.events ?? []).join(', ') || (a.trigger?.thresholds ?? []).map(t => `${t.metric} > ${t.above}`).join(', ') || '—';
}

/** Delivery status of an activation's notifications: "console: sent", "webhook: failed (3 attempts): timeout". */
function deliveries(list) {
  if (!list?.length) return el('span', { class: 'muted' }, 'none configured');
  return list.map(n => el('div', { 'data-notification': n.kind, 'data-delivery': n.status, title: n.error || null,
    class: n.status === 'failed' ? 'err-text' : null },
  `${n.kind}: ${n.status}${n.attempts > 1 ? ` (${n.attempts} attempts)` : ''}${n.error ? ': ' + n.error : ''}`));
}

/**
 * An activation's entity in words: "iris-model:v2 · histogram-data-drift.general_drift" for a result id
 * "<uid>.<app>.result.<name>" of a known endpoint (the full id as the title), else the id itself.
 */
function entity(a, names) {
  const [uid, app, , ...name] = String(a.entity_id ?? '').split('.');
  const model = names.get(uid);
  const text = model ? [model, app && name.length ? `${app}.${name.join('.')}` : app].filter(Boolean).join(' · ') : a.entity_id;
  return el('td', { class: 'wrap', 'data-col': 'entity', 'data-value': a.entity_id ?? '', title: `${a.entity_kind}: ${a.entity_id}` }, text);
}

/** Fields a PUT refuses or ignores: the read-only view fields of a GET. */
const READ_ONLY = ['state', 'count', 'created', 'updated', 'active', 'activations', 'last_activation', 'id', 'project', 'name'];

function editable(config) {
  const c = structuredClone(config);
  READ_ONLY.forEach(k => delete c[k]);
  return c;
}

export function mount(root, route) {
  const p = route.project;
  const list = el('tbody'), acts = el('tbody');
  const note = el('p', { class: 'muted' });
  const editor = el('div');
  const newButton = el('button', { class: 'primary', 'data-testid': 'new-alert', onclick: () => openEditor(null) }, 'New alert');
  root.append(el('h1', {}, `Alerts — ${p}`), el('div', { class: 'toolbar' }, newButton, note), editor,
    el('div', { class: 'tablewrap' }, el('table', { 'data-testid': 'alerts' }, el('thead', {}, el('tr', {},
      ['Name', 'Severity', 'Summary', 'Entities', 'Trigger', 'Criteria', 'Reset', 'Enabled', 'State', 'Activations', 'Actions']
        .map(h => el('th', {}, h)))), list)),
    el('h2', {}, 'Activations'),
    el('div', { class: 'tablewrap' }, el('table', { 'data-testid': 'activations' }, el('thead', {}, el('tr', {},
      ['Time', 'Alert', 'Severity', 'Entity', 'Summary', 'State', 'Events', 'Notifications'].map(h => el('th', {}, h)))), acts)));

  async function openEditor(name) {
    const templates = await api('/alert-templates').catch(() => []);
    const nameIn = el('input', { 'data-testid': 'alert-name', placeholder: 'name (letters, digits, -)', size: 30, value: name ?? '',
      disabled: name !== null });
    const text = el('textarea', { class: 'config', 'data-testid': 'alert-config', spellcheck: 'false' });
    const msg = el('p', { 'data-testid': 'alert-message', role: 'status' });
    const template = el('select', { 'data-testid': 'alert-template', onchange: e => {
      const t = templates.find(x => x.name === e.target.value);
      if (t) text.value = JSON.stringify(editable(t.config), null, 2);
    } }, el('option', { value: '' }, '— start from a template —'), templates.map(t => el('option', { value: t.name }, `${t.name}: ${t.description}`)));
    if (name !== null) {
      text.value = JSON.stringify(editable(await api(`/projects/${enc(p)}/alerts/${enc(name)}`)), null, 2);
    } else if (templates.length) {
      template.value = templates[0].name;
      text.value = JSON.stringify(editable(templates[0].config), null, 2);
    }
    const save = el('button', { class: 'primary', 'data-testid': 'alert-save', onclick: async () => {
      const n = nameIn.value.trim();
      let body;
      try { body = JSON.parse(text.value); } catch (e) { msg.className = 'err'; msg.textContent = 'The config is not valid JSON: ' + e.message; return; }
      if (!n) { msg.className = 'err'; msg.textContent = 'Give the alert a name.'; return; }
      try {
        await apiSend('PUT', `/projects/${enc(p)}/alerts/${enc(n)}`, body);
        editor.replaceChildren();
        await page.refresh();
      } catch (e) { msg.className = 'err'; msg.textContent = 'Not saved: ' + e.message; }
    } }, name === null ? 'Create' : 'Save');
    editor.replaceChildren(el('div', { class: 'form', 'data-testid': 'alert-editor' },
      el('div', { class: 'row' }, el('b', {}, name === null ? 'New alert' : `Edit ${name}`), nameIn, name === null ? template : null),
      el('p', { class: 'muted' }, 'The config as JSON: severity, summary, entities, trigger (events or thresholds), criteria, reset_policy (auto|manual), notifications (console, webhook, slack, email).'),
      text, msg, el('div', { class: 'row' }, save, el('button', { 'data-testid': 'alert-cancel', onclick: () => editor.replaceChildren() }, 'Cancel'))));
  }

  async function act(button, method, path, done) {
    button.disabled = true;
    try {
      await apiSend(method, path);
      done?.();
      await page.refresh();
    } catch (e) {
      note.className = 'err';
      note.textContent = `${method} failed: ${e.message}`;
      button.disabled = false;
    }
  }

  function actions(a) {
    const path = `/projects/${enc(p)}/alerts/${enc(a.name)}`;
    const del = el('button', { class: 'danger', 'data-action': 'delete', onclick: e => {
      if (e.target.dataset.confirm !== '1') { e.target.dataset.confirm = '1'; e.target.textContent = 'Really delete?'; return; }
      act(e.target, 'DELETE', path);
    } }, 'Delete');
    const on = a.enabled !== false;
    return el('td', { style: 'white-space:nowrap' },
      el('button', { 'data-action': 'edit', onclick: () => openEditor(a.name) }, 'Edit'), ' ',
      el('button', { 'data-action': on ? 'disable' : 'enable', onclick: e => act(e.target, 'POST', path + (on ? '/disable' : '/enable')),
        title: on ? 'Stop evaluating it: no activations, no notifications' : 'Evaluate it again' }, on ? 'Disable' : 'Enable'), ' ',
      el('button', { 'data-action': 'reset', onclick: e => act(e.target, 'POST', path + '/reset'), title: 'Resolve its active activations' }, 'Reset'), ' ',
      del);
  }

  const page = {
    async refresh() {
      const alerts = await apiOptional(`/projects/${enc(p)}/alerts`);
      if (alerts === null) {
        note.textContent = 'This server has no alerts API yet.';
        newButton.disabled = true;
        list.replaceChildren(); acts.replaceChildren();
        return;
      }
      const all = (await Promise.all(alerts.map(a => apiOptional(`/projects/${enc(p)}/alerts/${enc(a.name)}/activations`))))
        .map(x => x ?? []);
      note.className = 'muted';
      note.textContent = `${alerts.length} alert${alerts.length === 1 ? '' : 's'} configured.`;
      list.replaceChildren(...alerts.map((a, i) => el('tr', { 'data-alert': a.name },
        el('td', {}, a.name), el('td', { 'data-col': 'severity' }, a.severity ?? '—'), el('td', { class: 'wrap', 'data-col': 'summary' }, a.summary ?? ''),
        el('td', { class: 'wrap' }, `${a.entities?.kind ?? ''} ${(a.entities?.ids ?? []).join(', ')}`), el('td', { class: 'wrap' }, events(a)),
        el('td', { 'data-col': 'criteria' }, a.criteria ? `${a.criteria.count} in ${fmtDuration(a.criteria.period)}` : '—'), el('td', {}, a.reset_policy ?? '—'),
        el('td', { 'data-col': 'enabled', 'data-value': String(a.enabled !== false) },
          a.enabled === false ? el('span', { class: 'badge' }, 'disabled') : 'enabled'),
        el('td', { 'data-col': 'state' }, a.state ?? (all[i].some(x => x.state === 'active') ? 'active' : 'inactive')),
        el('td', { class: 'num', 'data-col': 'activations', 'data-value': all[i].length }, all[i].length),
        actions(a))));
      if (!alerts.length) list.append(el('tr', {}, el('td', { colspan: 11, class: 'muted' }, 'No alerts: create one from a template with "New alert".')));
      const eps = await apiOptional(`/projects/${enc(p)}/ui/endpoints`).catch(() => null);
      const names = new Map((Array.isArray(eps) ? eps : []).map(e => [e.uid, modelName(e.name ?? e.uid, e.version)]));
      const flat = all.flat().sort((x, y) => String(y.time).localeCompare(String(x.time)));
      acts.replaceChildren(...flat.slice(0, 200).map(a => el('tr', { 'data-activation': a.id },
        el('td', { style: 'white-space:nowrap' }, fmtTime(a.time)), el('td', {}, a.alert), el('td', {}, a.severity), entity(a, names),
        el('td', { class: 'wrap' }, a.summary), el('td', {}, el('span', { class: `badge ${a.state === 'active' ? 'active' : 'ok'}` }, a.state)),
        el('td', {}, (a.events ?? []).length), el('td', { 'data-col': 'notifications' }, deliveries(a.notifications)))));
      if (!flat.length) acts.append(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No activations.')));
    },
  };
  return page;
}
