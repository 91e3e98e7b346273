// The start page: every project with its monitoring settings and number of endpoints.
import { api, el, enc, fmtDuration } from '../util.js';

export function mount(root) {
  const body = el('tbody');
  root.append(el('h1', {}, 'Projects'),
    el('table', { 'data-testid': 'projects' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Project'), el('th', {}, 'Monitoring'), el('th', {}, 'Base period'),
        el('th', { class: 'num' }, 'Endpoints'))), body));
  return {
    async refresh() {
      const list = await api('/projects');
      const rows = await Promise.all(list.map(async p => {
        const [info, eps] = await Promise.all([api(`/projects/${enc(p.name)}`), api(`/projects/${enc(p.name)}/model-endpoints`)]);
        return el('tr', { 'data-project': p.name },
          el('td', {}, el('a', { href: `#/projects/${enc(p.name)}/endpoints` }, p.name)),
          el('td', { 'data-col': 'monitoring' }, info.monitoring?.enabled ? 'enabled' : 'disabled'),
          el('td', {}, fmtDuration(info.monitoring?.base_period)),
          el('td', { class: 'num', 'data-col': 'endpoints' }, eps.length));
      }));
      body.replaceChildren(...rows);
      if (!rows.length) body.append(el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No projects yet: create one with POST /api/v1/projects.')));
    },
  };
}
