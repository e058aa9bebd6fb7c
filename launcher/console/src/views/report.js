import { call, ApiError } from '../api.js';
import { h, replace, time, severityBadge, statusBadge, announce, lifetime, keepingFocus, tableRoles } from '../dom.js';

// One report: its verdicts, its alerts on a timeline, its attributes as a tree by origin
// (alert → attribute → inspector → derived attribute), the findings of every inspector for every
// attribute, and every inspection with its status. It is read again when the server says it changed.

const STATUS_TEXT = {
  done: 'done', failed: 'failed', timed_out: 'timed out', skipped: 'skipped', pending: 'pending', cut: 'cut by bounds',
};

export function reportView(container, app, id) {
  let revision = null;
  let timer = null;
  const life = lifetime();
  const error = h('p', { class: 'error', role: 'alert' });

  async function load() {
    const n = life.begin();
    let report;
    try {
      report = await call(`/api/v1/reports/${encodeURIComponent(id)}`, { signal: life.signal });
    } catch (e) {
      if (!life.current(n)) return;
      if (e instanceof ApiError && e.status === 404) {
        replace(container, h('h1', {}, 'Report not found'), h('p', {}, `There is no report ${id}. `,
          h('a', { href: '#/reports' }, 'Back to the reports')));
      } else {
        error.textContent = `Could not load the report: ${e.message}`;
        if (!container.contains(error)) replace(container, error);
      }
      return;
    }
    if (!life.current(n)) return;
    error.textContent = '';
    // Inspections settle without touching the report's header: compare all of it.
    const stamp = JSON.stringify(report);
    const first = revision === null;
    if (stamp === revision) return;
    revision = stamp;
    const open = new Set([...container.querySelectorAll('details[open]')].map((d) => d.dataset.key));
    keepingFocus(container, () => replace(container, error, ...render(report)));
    for (const table of container.querySelectorAll('table')) tableRoles(table);
    if (!first) {
      for (const details of container.querySelectorAll('details')) details.open = open.has(details.dataset.key);
      announce('The report was updated.');
    }
  }

  const off = app.live.on((name, data) => {
    if ((name === 'reports' && (data.all || data.ids?.includes(id))) || name === 'ready') {
      clearTimeout(timer);
      timer = setTimeout(() => { load(); }, 200);
    }
  });
  replace(container, h('p', { class: 'muted' }, 'Loading…'));
  load();
  return { dispose() { life.end(); off(); clearTimeout(timer); } };
}

function render(report) {
  const byHash = new Map(report.attributes.map((a) => [a.hash, a]));
  const findings = new Map();
  for (const section of report.sections) {
    findings.set(section.attribute.hash, section.findings);
  }
  const inspections = new Map();
  for (const record of report.inspections) {
    if (!inspections.has(record.attribute)) inspections.set(record.attribute, []);
    inspections.get(record.attribute).push(record);
  }
  const children = new Map();
  for (const attribute of report.attributes) {
    const parent = attribute.origin.alert ? `alert:${attribute.origin.alert}` : attribute.origin.attribute;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(attribute);
  }
  const context = { byHash, findings, inspections, children };
  return [
    h('p', { class: 'crumbs' }, h('a', { href: '#/reports' }, '← Reports')),
    header(report),
    verdicts(report),
    timeline(report),
    tree(report, context),
    findingsSection(report, context),
    inspectionsSection(report, context),
  ];
}

function header(report) {
  const result = report.result;
  return h('section', { class: 'report-head card', 'aria-labelledby': 'report-title' },
    h('h1', { id: 'report-title', tabindex: -1 }, report.rule_name || report.rule_id),
    h('div', { class: 'verdict-line' }, severityBadge(result?.severity), statusBadge(report.status),
      result ? h('span', { class: 'reason', id: 'verdict-reason' }, result.reason) : h('span', { class: 'muted' }, 'Not reviewed yet.')),
    h('dl', { class: 'facts' },
      fact('Detector', report.detector), fact('Rule', report.rule_id), fact('Alert key', report.alert_key),
      fact('Version', String(report.version)), fact('Alerts', String(report.alerts.length)),
      fact('First seen', time(report.created_at)), fact('Last updated', time(report.updated_at)),
      fact('Report id', h('span', { class: 'mono' }, report.id))));
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

function verdicts(report) {
  return h('section', { 'aria-labelledby': 'verdicts-title' },
    h('h2', { id: 'verdicts-title' }, 'Verdicts'),
    report.verdicts.length === 0
      ? h('p', { class: 'muted' }, 'No version has been published yet; the reviewer runs after the review delay.')
      : h('div', { class: 'table-wrap' }, h('table', { class: 'verdicts' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Severity'),
          h('th', { scope: 'col' }, 'Reason'), h('th', { scope: 'col' }, 'Published'))),
        h('tbody', {}, [...report.verdicts].reverse().map((v) => h('tr', {},
          h('td', { 'data-label': 'Version' }, `v${v.version}`),
          h('td', { 'data-label': 'Severity' }, severityBadge(v.severity)),
          h('td', { 'data-label': 'Reason' }, v.reason),
          h('td', { 'data-label': 'Published' }, time(v.published_at))))))));
}

function timeline(report) {
  const alerts = [...report.alerts].sort((a, b) => (a.received_at < b.received_at ? -1 : 1));
  return h('section', { 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, `Alerts (${alerts.length})`),
    h('ol', { class: 'timeline' }, alerts.map((alert) => h('li', {},
      h('div', { class: 'when' }, time(alert.received_at)),
      h('div', { class: 'what' },
        h('strong', {}, alert.description || alert.rule_name || alert.rule_id),
        alert.timestamp && alert.timestamp !== alert.received_at
          ? h('span', { class: 'muted' }, ' · detected ', time(alert.timestamp)) : null,
        h('ul', { class: 'chips', 'aria-label': 'Attributes of this alert' },
          (alert.attributes || []).map((a) => h('li', { class: 'chip' }, h('span', { class: 'type' }, a.type), ' ', a.value))))))));
}

function tree(report, context) {
  const alerts = [...report.alerts].sort((a, b) => (a.received_at < b.received_at ? -1 : 1));
  return h('section', { 'aria-labelledby': 'tree-title' },
    h('h2', { id: 'tree-title' }, `Attributes by origin (${report.attributes.length})`),
    report.cut_count > 0 ? h('p', { class: 'warning' },
      `${report.cut_count} attribute${report.cut_count === 1 ? ' was' : 's were'} not followed: cut by bounds (see Inspections).`) : null,
    h('ul', { class: 'tree' }, alerts.map((alert) => h('li', {},
      h('span', { class: 'node-alert' }, 'Alert received ', time(alert.received_at)),
      attributeList(context.children.get(`alert:${alert.id}`) || [], context, new Set())))));
}

function attributeList(attributes, context, path) {
  if (attributes.length === 0) return null;
  return h('ul', {}, attributes.map((attribute) => attributeNode(attribute, context, path)));
}

function attributeNode(attribute, context, path) {
  const derived = (context.children.get(attribute.hash) || []).filter((a) => !path.has(a.hash));
  const byInspector = new Map();
  for (const child of derived) {
    if (!byInspector.has(child.origin.inspector)) byInspector.set(child.origin.inspector, []);
    byInspector.get(child.origin.inspector).push(child);
  }
  const inner = new Set(path).add(attribute.hash);
  return h('li', { 'data-hash': attribute.hash },
    h('div', { class: 'node' },
      h('span', { class: 'type' }, attribute.type), ' ',
      h('span', { class: 'value mono' }, attribute.value), ' ',
      h('span', { class: 'muted' }, attribute.key), ' ',
      (attribute.context || []).map((c) => h('span', { class: 'chip small' }, c)),
      h('span', { class: 'depth', title: 'Depth: steps from the alert' }, `depth ${attribute.depth}`),
      (context.inspections.get(attribute.hash) || []).map((record) =>
        h('span', { class: `badge inspection inspection-${record.status}` }, `${record.inspector}: ${STATUS_TEXT[record.status] || record.status}`))),
    byInspector.size === 0 ? null : h('ul', {}, [...byInspector].map(([inspector, list]) => h('li', {},
      h('span', { class: 'node-inspector' }, `found by ${inspector}`),
      attributeList(list, context, inner)))));
}

function findingsSection(report, context) {
  const withFindings = report.sections.filter((s) => s.findings.length > 0);
  return h('section', { 'aria-labelledby': 'findings-title' },
    h('h2', { id: 'findings-title' }, 'Findings'),
    withFindings.length === 0 ? h('p', { class: 'muted' }, 'No inspector has reported a finding yet.')
      : withFindings.map((section) => {
        const byAuthor = new Map();
        for (const finding of section.findings) {
          if (!byAuthor.has(finding.author)) byAuthor.set(finding.author, []);
          byAuthor.get(finding.author).push(finding);
        }
        const attribute = section.attribute;
        return h('details', { class: 'card finding', open: true, 'data-key': `finding:${attribute.hash}` },
          h('summary', { 'data-key': `summary:${attribute.hash}` }, h('span', { class: 'type' }, attribute.type), ' ', h('span', { class: 'mono' }, attribute.value),
            h('span', { class: 'muted' }, ` · ${section.findings.length} finding${section.findings.length === 1 ? '' : 's'}`)),
          [...byAuthor].map(([author, list]) => h('div', { class: 'by-inspector' },
            h('h3', {}, author),
            list.map((finding) => h('div', { class: 'finding-body' },
              h('span', { class: 'chip' }, finding.type),
              content(finding.content))))));
      }));
}

/** A finding's content: a definition list for an object, nested as deep as the content goes. */
function content(value) {
  if (value === null || value === undefined) return h('span', { class: 'muted' }, 'null');
  if (Array.isArray(value)) return h('ul', { class: 'values' }, value.map((v) => h('li', {}, content(v))));
  if (typeof value === 'object') {
    return h('dl', { class: 'content' }, Object.entries(value).map(([k, v]) => [h('dt', {}, k), h('dd', {}, content(v))]));
  }
  return h('span', { class: 'mono' }, String(value));
}

const CUT_REASONS = {
  max_depth: 'beyond inspection.max-depth',
  max_attributes: 'beyond inspection.max-attributes',
};

function inspectionsSection(report, context) {
  // In the order of the report's attributes, so that one attribute's inspections sit together.
  const order = new Map(report.attributes.map((a, i) => [a.hash, i]));
  const records = [...report.inspections].sort((a, b) =>
    (order.get(a.attribute) ?? 1e9) - (order.get(b.attribute) ?? 1e9) || a.inspector.localeCompare(b.inspector));
  const rows = records.map((record) => {
    const attribute = context.byHash.get(record.attribute);
    return h('tr', { class: 'inspection-row' },
      h('td', { 'data-label': 'Attribute' }, attribute ? [h('span', { class: 'type' }, attribute.type), ' ', h('span', { class: 'mono' }, attribute.value)] : record.attribute),
      h('td', { 'data-label': 'Inspector' }, record.inspector),
      h('td', { 'data-label': 'Status' }, h('span', { class: `badge inspection inspection-${record.status}` }, STATUS_TEXT[record.status] || record.status)),
      h('td', { 'data-label': 'Attempts', class: 'number' }, String(record.attempts)),
      h('td', { 'data-label': 'Finished' }, time(record.finished_at)),
      h('td', { 'data-label': 'Error' }, record.error || ''));
  });
  for (const cut of report.cut) {
    rows.push(h('tr', { class: 'inspection-row' },
      h('td', { 'data-label': 'Attribute' }, h('span', { class: 'type' }, cut.type), ' ', h('span', { class: 'mono' }, cut.value)),
      h('td', { 'data-label': 'Inspector' }, '—'),
      h('td', { 'data-label': 'Status' }, h('span', { class: 'badge inspection inspection-cut' }, STATUS_TEXT.cut)),
      h('td', { 'data-label': 'Attempts', class: 'number' }, '0'),
      h('td', { 'data-label': 'Finished' }, '—'),
      h('td', { 'data-label': 'Error' }, CUT_REASONS[cut.reason] || cut.reason)));
  }
  const more = report.cut_count - report.cut.length;
  return h('section', { 'aria-labelledby': 'inspections-title' },
    h('h2', { id: 'inspections-title' }, 'Inspections'),
    rows.length === 0 ? h('p', { class: 'muted' }, 'No inspection has run yet; they start after the inspection delay.')
      : h('div', { class: 'table-wrap' }, h('table', { class: 'inspections' },
        h('thead', {}, h('tr', {}, ['Attribute', 'Inspector', 'Status', 'Attempts', 'Finished', 'Error'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows))),
    more > 0 ? h('p', { class: 'muted' }, `${more} more attribute${more === 1 ? ' was' : 's were'} cut and not listed.`) : null);
}
