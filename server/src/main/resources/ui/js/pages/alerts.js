// The Alerts page: configured alerts (severity, trigger, criteria, state) and their activations, newest first.
// Works against GET /projects/{p}/alerts and …/alerts/{name}/activations; says so when the server has no alerts API.
import { apiOptional, el, enc, fmtTime } from '../util.js';

function events(a) {
  return (a.trigger?.events ?? []).join(', ') || (a.trigger?.thresholds ?? []).map(t => `${t.metric} > ${t.above}`).join(', ') || '—';
}

export function mount(root, route) {
  const p = route.project;
  const list = el('tbody'), acts = el('tbody');
  const note = el('p', { class: 'muted' });
  root.append(el('h1', {}, `Alerts — ${p}`), note,
    el('table', { 'data-testid': 'alerts' }, el('thead', {}, el('tr', {}, ['Name', 'Severity', 'Summary', 'Entities', 'Trigger', 'Criteria', 'Reset', 'State', 'Activations']
      .map(h => el('th', {}, h)))), list),
    el('h2', {}, 'Activations'),
    el('table', { 'data-testid': 'activations' }, el('thead', {}, el('tr', {}, ['Time', 'Alert', 'Severity', 'Entity', 'Summary', 'State', 'Events', 'Notifications']
      .map(h => el('th', {}, h)))), acts));
  return {
    async refresh() {
      const alerts = await apiOptional(`/projects/${enc(p)}/alerts`);
      if (alerts === null) {
        note.textContent = 'This server has no alerts API yet.';
        list.replaceChildren(); acts.replaceChildren();
        return;
      }
      const all = (await Promise.all(alerts.map(a => apiOptional(`/projects/${enc(p)}/alerts/${enc(a.name)}/activations`))))
        .map(x => x ?? []);
      note.textContent = `${alerts.length} alert${alerts.length === 1 ? '' : 's'} configured.`;
      list.replaceChildren(...alerts.map((a, i) => el('tr', { 'data-alert': a.name },
        el('td', {}, a.name), el('td', {}, a.severity ?? '—'), el('td', {}, a.summary ?? ''),
        el('td', {}, `${a.entities?.kind ?? ''} ${(a.entities?.ids ?? []).join(', ')}`), el('td', {}, events(a)),
        el('td', {}, a.criteria ? `${a.criteria.count} in ${a.criteria.period ?? '—'}` : '—'), el('td', {}, a.reset_policy ?? '—'),
        el('td', { 'data-col': 'state' }, a.state ?? (all[i].some(x => x.state === 'active') ? 'active' : 'inactive')),
        el('td', { class: 'num', 'data-col': 'activations', 'data-value': all[i].length }, all[i].length))));
      const flat = all.flat().sort((x, y) => String(y.time).localeCompare(String(x.time)));
      acts.replaceChildren(...flat.slice(0, 200).map(a => el('tr', { 'data-activation': a.id },
        el('td', { style: 'white-space:nowrap' }, fmtTime(a.time)), el('td', {}, a.alert), el('td', {}, a.severity), el('td', {}, `${a.entity_kind}: ${a.entity_id}`),
        el('td', {}, a.summary), el('td', {}, el('span', { class: `badge ${a.state === 'active' ? 'active' : 'ok'}` }, a.state)),
        el('td', {}, (a.events ?? []).length), el('td', {}, (a.notifications ?? []).map(n => `${n.kind}: ${n.status}`).join(', ')))));
      if (!flat.length) acts.append(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No activations.')));
    },
  };
}
