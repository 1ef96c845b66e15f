// The dashboard at / and /experiments/{id}: compose, watch, read, browse, compare.

import { h, fill, byId, num, pct, when, announce } from './dom.js';
import { api, onKeyNeeded } from './api.js';
import { composeForm } from './compose.js';
import { showExperiment, chartOptions } from './experiment.js';
import { showChart, theme, onThemeChange } from './charts.js';

const STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED', 'TIMED_OUT'];
const PAGE_SIZE = 10;

async function main() {
  onKeyNeeded(askForKey);
  route();
  window.addEventListener('popstate', route);
  const [{ data: strategies }, { data: limits }] = await Promise.all([api('/api/strategies'), api('/api/limits')]);
  showStrategies(strategies);
  composeForm(byId('compose-body'), limits, strategies, (experiment) => {
    history.pushState(null, '', '/experiments/' + encodeURIComponent(experiment.id));
    route();
    loadHistory();
    announce('Experiment submitted');
  });
  // A person can compose from here on; the history follows.
  performance.mark('playground-interactive');
  historyFilters(strategies);
  await loadHistory();
  compareForm();
  // Everything is there: catalog, form and history (what tests wait for).
  document.documentElement.dataset.ready = 'true';
  performance.mark('playground-ready');
}

let current = null;

/** Shows what the address names: an experiment at /experiments/{id}, otherwise nothing extra. */
function route() {
  const match = location.pathname.match(/^\/experiments\/([^/]+)$/);
  const section = byId('experiment');
  if (!match) {
    section.hidden = true;
    current = null;
    return;
  }
  const id = decodeURIComponent(match[1]);
  section.hidden = false;
  if (current?.id === id) return;
  if (current?.source) current.source.close();
  current = showExperiment(byId('experiment-body'), id, {
    options: chartOptions(location.search),
    onOptions: (options) => {
      const query = new URLSearchParams(location.search);
      query.set('metric', options.metric);
      query.set('scale', options.scale);
      history.replaceState(null, '', location.pathname + '?' + query + location.hash);
    },
    onEnd: () => loadHistory(pages.url, true),
  });
  section.scrollIntoView({ block: 'start' });
  byId('experiment-title')?.focus({ preventScroll: true });
}

function showStrategies(strategies) {
  fill(byId('strategies-body'), strategies.map((s) => h('details', { class: 'strategy', 'data-strategy': s.id },
    h('summary', {}, h('strong', {}, s.name), ' ',
      h('span', { class: 'tag ' + (s.threadSafe ? 'safe' : 'racy') }, s.threadSafe ? 'thread-safe' : 'racy'),
      (s.workerKinds || []).every((k) => k.kind === 'process') && (s.workerKinds || []).length
        ? h('span', { class: 'tag' }, 'processes only') : null,
      h('span', { class: 'tag' }, s.family), h('span', { class: 'summary' }, s.summary)),
    h('p', {}, h('code', {}, s.javaApi)),
    (s.description || '').split(/\n\n+/).map((paragraph) => h('p', {}, paragraph)))));
}

// ---- history ------------------------------------------------------------------------------------

const pages = { stack: [], url: null, next: null };

function historyFilters(strategies) {
  const status = byId('filter-status');
  fill(status, h('option', { value: '' }, 'any'), STATUSES.map((s) => h('option', { value: s }, s.replace('_', ' ').toLowerCase())));
  const strategy = byId('filter-strategy');
  fill(strategy, h('option', { value: '' }, 'any'), strategies.map((s) => h('option', { value: s.id }, s.name)));
  byId('history-form').addEventListener('submit', (event) => {
    event.preventDefault();
    pages.stack = [];
    loadHistory();
  });
  byId('history-newer').addEventListener('click', () => loadHistory(pages.stack.pop(), true));
  byId('history-older').addEventListener('click', () => {
    pages.stack.push(pages.url);
    loadHistory(pages.next, true);
  });
}

function firstPage() {
  const query = new URLSearchParams({ limit: PAGE_SIZE });
  for (const [name, id] of [['status', 'filter-status'], ['strategy', 'filter-strategy'], ['name', 'filter-name']]) {
    const value = byId(id).value.trim();
    if (value) query.set(name, value);
  }
  return '/api/experiments?' + query;
}

async function loadHistory(url, paging = false) {
  const target = url || firstPage();
  if (!paging) pages.stack = [];
  const body = byId('history-body');
  try {
    const { data } = await api(target);
    pages.url = target;
    // The service's next link may be absolute; the page only ever follows it on its own origin.
    pages.next = data.next ? new URL(data.next, location.origin).pathname + new URL(data.next, location.origin).search : null;
    byId('history-older').disabled = !pages.next;
    byId('history-newer').disabled = pages.stack.length === 0;
    fill(body, data.items.length ? data.items.map(historyRow)
      : h('tr', {}, h('td', { colspan: '5' }, 'No experiment matches.')));
    fill(byId('recent-experiments'), data.items.map((e) => h('option', { value: e.id }, e.name || e.id)));
  } catch (problem) {
    fill(body, h('tr', {}, h('td', { colspan: '5', class: 'problem' }, problem.message)));
  }
}

function historyRow(e) {
  const use = (which) => h('button', { type: 'button', class: 'small', 'aria-label': 'Use ' + (e.name || e.id) + ' as the ' + which,
    onclick: () => {
      byId(which).value = e.id;
      byId('compare').scrollIntoView();
      byId(which).focus();
    } }, which === 'baseline' ? 'Baseline' : 'Candidate');
  return h('tr', { 'data-id': e.id },
    h('th', { scope: 'row' }, h('a', { href: '/experiments/' + encodeURIComponent(e.id) }, e.name || 'unnamed')),
    h('td', {}, h('span', { class: 'status', 'data-status': e.status }, e.status.replace('_', ' ').toLowerCase())),
    h('td', {}, when(e.submittedAt)),
    h('td', {}, e.progress.completedRuns + ' / ' + e.progress.totalRuns),
    h('td', { class: 'row-actions' }, use('baseline'), ' ', use('candidate')));
}

// ---- comparison -----------------------------------------------------------------------------------

function compareForm() {
  const form = byId('compare-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    compare(byId('baseline').value.trim(), byId('candidate').value.trim(), true);
  });
  const query = new URLSearchParams(location.search);
  if (query.get('baseline') && query.get('candidate')) {
    byId('baseline').value = query.get('baseline');
    byId('candidate').value = query.get('candidate');
    compare(query.get('baseline'), query.get('candidate'), false);
  }
}

let compared = null;
onThemeChange(() => compared && comparisonChart(compared));

async function compare(baseline, candidate, remember) {
  const body = byId('compare-body');
  if (!baseline || !candidate) {
    fill(body, h('p', { class: 'problem', role: 'alert' }, 'Choose a baseline and a candidate (the buttons in the history fill them in).'));
    return;
  }
  if (remember) {
    const query = new URLSearchParams(location.search);
    query.set('baseline', baseline);
    query.set('candidate', candidate);
    history.replaceState(null, '', location.pathname + '?' + query + '#compare');
  }
  fill(body, h('p', {}, 'Comparing…'));
  try {
    const query = new URLSearchParams({ baseline, candidate });
    const { data } = await api('/api/comparisons?' + query);
    compared = query;
    const chart = h('figure', { class: 'chart', id: 'chart-comparison', 'aria-label': 'Comparison chart' });
    fill(body,
      h('p', {}, h('strong', {}, 'Baseline: '), data.baseline.name || data.baseline.id, ' (', data.baseline.status.toLowerCase(), ') · ',
        h('strong', {}, 'candidate: '), data.candidate.name || data.candidate.id, ' (', data.candidate.status.toLowerCase(), ')'),
      list('Warnings', data.warnings, 'warnings'),
      list('Differences between the environments', (data.differences || []).map(describeDifference), 'differences'),
      chart,
      data.metrics.map(metricTable),
      (data.unpaired || []).length ? list('Runs only one side has', data.unpaired.map(describePair), 'unpaired') : null,
      h('p', { class: 'meta' }, 'Medians with their ' + pct(data.confidenceLevel, 0) + ' confidence interval; changes marked ~ are not significant '
        + '(Mann-Whitney U, ' + data.correction + '-adjusted p above ' + data.alpha + '). "~" does not mean equal.'));
    comparisonChart(query);
  } catch (problem) {
    fill(body, h('p', { class: 'problem', role: 'alert' }, problem.message));
  }
}

function comparisonChart(query) {
  const chart = byId('chart-comparison');
  if (!chart) return;
  const width = Math.round(Math.min(Math.max(chart.clientWidth || 640, 320), 1200));
  const url = '/api/comparisons/chart.svg?' + query + '&' + new URLSearchParams({ theme: theme(), width, height: Math.round(width * 0.55) });
  showChart(chart, url, 'The comparison chart');
}

function list(title, items, id) {
  if (!items || !items.length) return null;
  return h('div', { class: 'note', id: 'compare-' + id }, h('h3', {}, title), h('ul', {}, items.map((item) => h('li', {}, String(item)))));
}

function describeDifference(difference) {
  if (typeof difference !== 'object' || difference === null) return String(difference);
  return Object.entries(difference).map(([k, v]) => k + ': ' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ');
}

function describePair(item) {
  const pair = item.pair || item;
  return [pair.strategy, pair.threads && pair.threads + ' threads', pair.threadType, item.side].filter(Boolean).join(' · ');
}

function metricTable(metric) {
  const side = (s) => (s ? num(s.median) + (s.low !== undefined ? ' [' + num(s.low) + ', ' + num(s.high) + ']' : '') : '–');
  const rows = metric.rows.map((row) => h('tr', { 'data-significant': row.significant },
    h('th', { scope: 'row' }, row.pair.strategy + ' × ' + row.pair.threads),
    h('td', {}, side(row.baseline)), h('td', {}, side(row.candidate)),
    h('td', {}, row.delta === '~' ? '~' : row.changePercent === undefined ? row.delta : (row.changePercent > 0 ? '+' : '') + num(row.changePercent) + '%'),
    h('td', {}, num(row.pValue) + ' (' + num(row.adjustedPValue) + ')')));
  const g = metric.geomean || {};
  if (g.pairs) {
    rows.push(h('tr', { class: 'geomean' }, h('th', { scope: 'row' }, 'geomean'), h('td', {}, num(g.baseline)), h('td', {}, num(g.candidate)),
      h('td', {}, (g.changePercent > 0 ? '+' : '') + num(g.changePercent) + '%'), h('td', {}, '')));
  }
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': metric.metric },
    h('table', { 'data-metric': metric.metric },
      h('caption', {}, metric.metric + ' (' + metric.unit + ')'),
      h('thead', {}, h('tr', {}, ['Run', 'Baseline', 'Candidate', 'Change', 'p (Holm)'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
}

// ---- API key ----------------------------------------------------------------------------------------

function askForKey(message, hadKey) {
  const dialog = byId('key-dialog');
  byId('key-message').textContent = hadKey ? 'That key was refused. ' + message : message;
  byId('key-input').value = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'save' ? byId('key-input').value.trim() || null : null), { once: true });
  });
}

main().catch((error) => {
  const box = byId('page-problem');
  box.hidden = false;
  box.textContent = 'The dashboard could not start: ' + error.message;
});
