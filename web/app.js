// Vigil's dashboard: one page over the findings API (same origin: the api serves it locally,
// `vigil ui` proxies a deployed API). Plain JavaScript, no framework, no CDN; every value from
// the API is written as text (textContent), never as HTML.

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'];
const POLL_MS = 2000;

const $ = (id) => document.getElementById(id);
const state = {
  rules: new Map(),
  cursors: [undefined], // cursor of each page visited; the last is the current page's
  next: undefined,
  lastSummary: '',
  lastPage: '',
  detail: undefined, // { id, opener }
};

// ---- API ----

class ProblemError extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.problem = problem;
  }
}

async function api(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new ProblemError(typeof body === 'object' ? body : { title: String(body) }, response.status);
  return body;
}

function showError(error) {
  const box = $('error');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  const p = error.problem || {};
  const lines = [p.title ? `${p.title}: ${p.detail || ''}` : error.message];
  if (p.parameter) lines.push(`Parameter: ${p.parameter}`);
  if (Array.isArray(p.supported)) lines.push('Supported filter combinations:', ...p.supported.map((s) => `• ${s}`));
  box.textContent = lines.join('\n');
  box.hidden = false;
}

// ---- summary ----

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function fillTable(tbody, rows) {
  tbody.replaceChildren(...rows.map((cells) => el('tr', {}, ...cells.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c))))));
}

function severityChart(bySeverity) {
  const NS = 'http://www.w3.org/2000/svg';
  const max = Math.max(1, ...SEVERITIES.map((s) => bySeverity[s] || 0));
  const rowHeight = 26;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 420 ${SEVERITIES.length * rowHeight}`);
  svg.setAttribute('aria-hidden', 'true');
  SEVERITIES.forEach((severity, i) => {
    const count = bySeverity[severity] || 0;
    const y = i * rowHeight;
    const label = document.createElementNS(NS, 'text');
    label.setAttribute('x', '0');
    label.setAttribute('y', String(y + 17));
    label.textContent = severity;
    const bar = document.createElementNS(NS, 'rect');
    bar.setAttribute('x', '110');
    bar.setAttribute('y', String(y + 4));
    bar.setAttribute('height', '18');
    bar.setAttribute('width', String(Math.max(count ? 2 : 0, (count / max) * 260)));
    bar.setAttribute('class', `bar-${severity}`);
    bar.setAttribute('fill', getComputedStyle(document.documentElement).getPropertyValue(`--${severity}`).trim() || '#333');
    const value = document.createElementNS(NS, 'text');
    value.setAttribute('x', String(116 + (count / max) * 260));
    value.setAttribute('y', String(y + 17));
    value.textContent = String(count);
    svg.append(label, bar, value);
  });
  return svg;
}

function renderSummary(summary) {
  $('open-total').textContent = String(summary.open.total);
  $('suppressed-total').textContent = String(summary.suppressed);
  $('score').textContent = summary.compliance.score === undefined ? 'not yet known' : `${summary.compliance.score}%`;
  $('severity-chart').replaceChildren(severityChart(summary.open.bySeverity));
  $('severity-chart').setAttribute(
    'aria-label',
    `Open findings by severity: ${SEVERITIES.map((s) => `${s} ${summary.open.bySeverity[s] || 0}`).join(', ')}`,
  );
  fillTable($('severity-table').tBodies[0], SEVERITIES.map((s) => [s, summary.open.bySeverity[s] || 0]));
  const categories = Object.entries(summary.open.byCategory).sort((a, b) => b[1] - a[1]);
  fillTable($('category-table').tBodies[0], categories.length ? categories : [['(none open)', 0]]);
}

async function loadSummary() {
  const summary = await api('/summary');
  const text = JSON.stringify(summary);
  if (text !== state.lastSummary) {
    state.lastSummary = text;
    renderSummary(summary);
    return true;
  }
  return false;
}

// ---- findings ----

function filterParams() {
  const form = $('filters');
  const params = new URLSearchParams();
  for (const name of ['status', 'severity', 'ruleId', 'resourceType', 'accountId', 'region', 'limit']) {
    const value = form.elements[name].value.trim();
    if (value && !(name === 'status' && value === 'NON_COMPLIANT')) params.set(name, value);
  }
  if (form.elements.suppressed.checked) params.set('suppressed', 'true');
  return params;
}

function resourceLabel(f) {
  return f.resourceName && f.resourceName !== f.resourceId ? `${f.resourceName} (${f.resourceId})` : f.resourceId;
}

function renderFindings(page) {
  const tbody = $('findings-table').tBodies[0];
  const focusedId = document.activeElement?.dataset?.findingId;
  if (page.items.length === 0) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: '6' }, 'No finding matches these filters.')));
  } else {
    tbody.replaceChildren(
      ...page.items.map((f) => {
        const rule = state.rules.get(f.ruleId);
        const open = el('button', { type: 'button', class: 'link', 'data-finding-id': f.id, onclick: (e) => openDetail(f.id, e.currentTarget) }, 'Details');
        open.append(el('span', { class: 'visually-hidden' }, ` of ${f.ruleId} on ${resourceLabel(f)}`));
        const status = el('td', {}, f.status === 'NON_COMPLIANT' ? 'Non-compliant' : f.status);
        if (f.suppression) status.append(el('span', { class: 'tag' }, 'Suppressed'));
        return el(
          'tr',
          {},
          el('td', {}, el('span', { class: `sev sev-${f.severity}` }, f.severity)),
          el('td', {}, el('div', {}, resourceLabel(f)), el('div', { class: 'hint' }, `${f.resourceType} · ${f.accountId} · ${f.region}`)),
          el('td', {}, el('div', {}, rule ? rule.title : f.ruleId), el('div', { class: 'hint' }, f.ruleId)),
          status,
          el('td', {}, el('time', { datetime: f.lastChangedAt }, new Date(f.lastChangedAt).toLocaleString())),
          el('td', {}, open),
        );
      }),
    );
  }
  const pageNumber = state.cursors.length;
  $('findings-caption').textContent = `Findings, page ${pageNumber}: ${page.items.length} shown`;
  $('page-label').textContent = `Page ${pageNumber}`;
  $('prev-page').disabled = pageNumber === 1;
  $('next-page').disabled = !page.next;
  state.next = page.next;
  // A refresh keeps the keyboard where it was.
  if (focusedId) tbody.querySelector(`[data-finding-id="${CSS.escape(focusedId)}"]`)?.focus();
}

async function loadFindings() {
  const params = filterParams();
  const cursor = state.cursors[state.cursors.length - 1];
  if (cursor) params.set('cursor', cursor);
  const page = await api(`/findings?${params}`);
  const text = JSON.stringify(page);
  if (text !== state.lastPage) {
    state.lastPage = text;
    renderFindings(page);
    return true;
  }
  return false;
}

// ---- detail and suppression ----

function fact(name, value) {
  return [el('dt', {}, name), el('dd', {}, value)];
}

async function renderDetail(id) {
  const [finding, history] = await Promise.all([api(`/findings/${id}`), api(`/findings/${id}/history?limit=50`)]);
  const rule = state.rules.get(finding.ruleId);
  $('detail-heading').textContent = `${rule ? rule.title : finding.ruleId} — ${resourceLabel(finding)}`;
  $('detail-facts').replaceChildren(
    ...fact('Status', finding.suppression ? `${finding.status} (suppressed until ${finding.suppression.expiresAt}: ${finding.suppression.reason})` : finding.status),
    ...fact('Severity', finding.severity),
    ...fact('Rule', finding.ruleId),
    ...fact('Resource', `${finding.resourceType} ${finding.resourceId}`),
    ...fact('Account / region', `${finding.accountId} / ${finding.region}`),
    ...fact('First seen', new Date(finding.firstSeenAt).toLocaleString()),
    ...fact('Last changed', new Date(finding.lastChangedAt).toLocaleString()),
  );
  $('detail-reason').textContent = finding.reason;
  $('detail-remediation').textContent = rule ? rule.remediation.text : 'See the rule reference.';
  const cli = $('detail-remediation-cli');
  cli.hidden = !rule?.remediation.cli;
  cli.textContent = rule?.remediation.cli || '';
  $('detail-history').replaceChildren(
    ...(history.items.length
      ? history.items.map((h) =>
          el('li', {}, el('time', { datetime: h.at }, new Date(h.at).toLocaleString()), ` — ${h.from || 'new'} → ${h.to}${h.suppressed ? ' (suppressed)' : ''}: ${h.reason}`),
        )
      : [el('li', {}, 'No transitions recorded.')]),
  );
  return finding;
}

async function openDetail(id, opener) {
  try {
    state.detail = { id, opener, finding: await renderDetail(id) };
    $('detail').hidden = false;
    $('suppress-status').textContent = '';
    $('detail-heading').focus();
  } catch (error) {
    showError(error);
  }
}

function closeDetail() {
  const opener = state.detail?.opener;
  state.detail = undefined;
  $('detail').hidden = true;
  if (opener && document.contains(opener)) opener.focus();
  else $('findings-heading').focus();
}

async function suppress(event) {
  event.preventDefault();
  const finding = state.detail?.finding;
  if (!finding) return;
  const form = event.currentTarget;
  const status = $('suppress-status');
  const expiry = form.elements.expiresAt.value;
  try {
    status.textContent = 'Creating the suppression…';
    const created = await api('/suppressions', {
      method: 'POST',
      body: JSON.stringify({
        ruleId: finding.ruleId,
        resourcePattern: finding.resourceId,
        resourceType: finding.resourceType,
        accountId: finding.accountId,
        region: finding.region,
        reason: form.elements.reason.value,
        expiresAt: new Date(`${expiry}T23:59:59Z`).toISOString(),
      }),
    });
    // A suppression applies at the resource's next evaluation: ask for it now.
    await api('/evaluations', {
      method: 'POST',
      body: JSON.stringify({ scope: 'resource', resource: { accountId: finding.accountId, region: finding.region, resourceType: finding.resourceType, resourceId: finding.resourceId } }),
    });
    status.textContent = `Suppression ${created.id} created; re-evaluating the resource…`;
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const updated = await renderDetail(state.detail.id);
      state.detail.finding = updated;
      if (updated.suppression) {
        status.textContent = `Suppressed until ${updated.suppression.expiresAt}.`;
        await refresh();
        return;
      }
    }
    status.textContent = 'The suppression is created; the finding will show it after its next evaluation.';
  } catch (error) {
    const p = error.problem || {};
    status.textContent = `Not suppressed: ${p.parameter ? `${p.parameter}: ` : ''}${p.detail || error.message}`;
  }
}

// ---- refresh on change ----

async function refresh() {
  try {
    const [summaryChanged, pageChanged] = await Promise.all([loadSummary(), loadFindings()]);
    if (state.detail && (summaryChanged || pageChanged)) state.detail.finding = await renderDetail(state.detail.id);
    if (summaryChanged || pageChanged) $('live-status').textContent = `Updated ${new Date().toLocaleTimeString()}`;
    showError(undefined);
  } catch (error) {
    showError(error);
  }
}

async function poll() {
  await refresh();
  setTimeout(poll, POLL_MS);
}

async function init() {
  // `vigil ui` names the deployed API it forwards to; locally the API is this origin.
  const target = document.querySelector('meta[name="vigil-api"]')?.content;
  $('api-target').textContent = target || location.origin;
  const expiry = new Date(Date.now() + 30 * 86_400_000);
  $('s-expiry').value = expiry.toISOString().slice(0, 10);
  $('s-expiry').min = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    state.cursors = [undefined];
    state.lastPage = '';
    void refresh();
  });
  $('filters').addEventListener('reset', () => {
    setTimeout(() => {
      state.cursors = [undefined];
      state.lastPage = '';
      void refresh();
    });
  });
  $('next-page').addEventListener('click', () => {
    if (!state.next) return;
    state.cursors.push(state.next);
    state.lastPage = '';
    void refresh();
  });
  $('prev-page').addEventListener('click', () => {
    if (state.cursors.length > 1) state.cursors.pop();
    state.lastPage = '';
    void refresh();
  });
  $('suppress-form').addEventListener('submit', suppress);
  $('detail-close').addEventListener('click', closeDetail);
  $('detail').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeDetail();
  });

  try {
    const rules = await api('/rules');
    for (const rule of rules.items) state.rules.set(rule.id, rule);
    const byTitle = [...state.rules.values()].sort((a, b) => a.id.localeCompare(b.id));
    $('f-rule').append(...byTitle.map((r) => el('option', { value: r.id }, r.id)));
    const types = [...new Set(byTitle.flatMap((r) => r.resourceTypes))].sort();
    $('f-type').append(...types.map((t) => el('option', { value: t }, t)));
  } catch (error) {
    showError(error);
  }
  await poll();
}

void init();
