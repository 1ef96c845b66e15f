// One experiment: its status and live progress from the event stream, its charts, verdicts and tables.
// Shared by the dashboard (/experiments/{id}) and the embed view (/embed/experiments/{id}).

import { h, fill, num, int, pct, when, attr, announce } from './dom.js';
import { api, experimentPath } from './api.js';
import { showChart, experimentChartUrl, onThemeChange } from './charts.js';

const FINISHED = new Set(['COMPLETED', 'CANCELLED', 'FAILED', 'TIMED_OUT']);
const VERDICTS = {
  CORRUPTED: { label: 'Corrupted', symbol: '✗' },
  NO_CORRUPTION_OBSERVED: { label: 'No corruption observed', symbol: '✓' },
  INCONCLUSIVE: { label: 'Inconclusive', symbol: '?' },
};
export const METRICS = { 'ns-per-op': 'ns/op', 'ops-per-second': 'ops/s' };
const readKey = (params) => (params.readRatio == null ? '' : '/' + params.readRatio);
const blockKey = (params) => (params.blockInsideMicros === undefined ? '' : '/' + params.blockInsideMicros + '/' + params.blockOutsideMicros);
const paramsKey = (params) => (params ? '/' + params.workInside + '/' + params.workOutside + readKey(params) + blockKey(params) : '');
const runKey = (run) => run.strategy + '/' + run.threads + '/' + run.threadType + paramsKey(run.params);
const readLabel = (params) => (params.readRatio == null ? '' : ', reads ' + Math.round(params.readRatio * 100) + '%');
const blockLabel = (params) => (params.blockInsideMicros === undefined ? ''
  : '; block in ' + params.blockInsideMicros + ' µs, out ' + params.blockOutsideMicros + ' µs');
const paramsLabel = (params) => (params ? ' (work in ' + params.workInside + ', out ' + params.workOutside + readLabel(params)
  + blockLabel(params) + ')' : '');

/** Every combination of the spec's parameter lists, in the order the runner takes them; [null] without any. */
function specParams(spec) {
  const blocks = spec.blockInsideMicros || spec.blockOutsideMicros;
  if (!spec.workInside && !spec.workOutside && !spec.readRatio && !blocks) return [null];
  const inside = spec.workInside || [0];
  const outside = spec.workOutside || [0];
  // As ExperimentSpec.runParams: without a readRatio list, runs state no read share; without blocking lists, no blocking.
  const reads = spec.readRatio || [null];
  const work = inside.flatMap((workInside) => outside.flatMap((workOutside) => reads.map((readRatio) =>
    (readRatio == null ? { workInside, workOutside } : { workInside, workOutside, readRatio }))));
  if (!blocks) return work;
  const blockIn = spec.blockInsideMicros || [0];
  const blockOut = spec.blockOutsideMicros || [0];
  return work.flatMap((w) => blockIn.flatMap((blockInsideMicros) => blockOut.map((blockOutsideMicros) => ({
    ...w, blockInsideMicros, blockOutsideMicros }))));
}

/** The chart options a page address may carry (?metric=ops-per-second&scale=log), with defaults. */
export function chartOptions(search) {
  const query = new URLSearchParams(search);
  return {
    metric: query.get('metric') in METRICS ? query.get('metric') : 'ns-per-op',
    scale: query.get('scale') === 'log' ? 'log' : 'linear',
  };
}

/**
 * Shows experiment id in root. embed: no controls, just the result and its progress. onOptions is told
 * when the person changes the chart options, so the page can put them in its address.
 */
export function showExperiment(root, id, { embed = false, options, onOptions = () => {}, onEnd = () => {} }) {
  const view = new ExperimentView(root, id, embed, options, onOptions);
  view.onEnd = onEnd;
  view.load();
  return view;
}

class ExperimentView {
  constructor(root, id, embed, options, onOptions) {
    this.id = id;
    this.embed = embed;
    this.options = { ...options };
    this.onOptions = onOptions;
    this.experiment = null;
    this.trialsDone = new Map();
    this.pendingTrials = new Map();
    this.build(root);
    onThemeChange(() => this.refreshCharts());
  }

  build(root) {
    const embed = this.embed;
    this.title = h('h2', { id: 'experiment-title', tabindex: '-1' }, 'Experiment');
    this.status = h('span', { class: 'status', id: 'experiment-status' });
    this.meta = h('p', { class: 'meta' });
    this.reason = h('p', { class: 'status-reason', hidden: true });
    this.progress = h('progress', { id: 'experiment-progress', max: '1', value: '0', 'aria-valuemin': '0',
      'aria-labelledby': 'progress-label' });
    this.progressLabel = h('span', { id: 'progress-label' }, 'Trials done');
    this.progressText = h('span', { class: 'progress-text', id: 'progress-text' });
    this.nowRunning = h('p', { id: 'now-running', class: 'now-running' });
    this.cancel = h('button', { type: 'button', id: 'cancel', onclick: () => this.cancelOrDelete() }, 'Cancel');
    this.actionMessage = h('p', { class: 'message', role: 'alert' });
    this.live = h('div', { class: 'live', id: 'live' },
      h('div', { class: 'progress-row' }, this.progressLabel, this.progress, this.progressText),
      this.nowRunning, embed ? null : h('div', { class: 'actions' }, this.cancel), this.actionMessage);

    this.costChart = h('figure', { class: 'chart', id: 'chart-cost', 'aria-label': 'Cost per increment against thread count' });
    this.lossChart = h('figure', { class: 'chart', id: 'chart-lost-updates', 'aria-label': 'Lost-update rate per strategy and thread count' });
    this.shareChart = h('figure', { class: 'chart', id: 'chart-thread-share', 'aria-label': 'How evenly the threads shared the work' });
    const metric = h('select', { id: 'chart-metric', onchange: (e) => this.setOption('metric', e.target.value) },
      Object.entries(METRICS).map(([value, label]) => h('option', { value, selected: value === this.options.metric }, label)));
    const log = h('input', { type: 'checkbox', id: 'chart-log', checked: this.options.scale === 'log',
      onchange: (e) => this.setOption('scale', e.target.checked ? 'log' : 'linear') });
    const toolbar = embed ? null : h('div', { class: 'toolbar' },
      h('label', { for: 'chart-metric' }, 'Metric '), metric,
      h('label', { class: 'check' }, log, ' Logarithmic scale'));

    this.verdicts = h('ul', { class: 'verdicts', id: 'verdicts' });
    this.tables = h('div', { class: 'tables', id: 'result-tables' });
    this.explanations = h('div', { id: 'explanations' });
    this.snippets = h('div', { class: 'snippets', id: 'snippets' });

    this.body = h('div', { class: 'experiment-body' },
      h('section', { 'aria-labelledby': 'charts-heading' },
        h('h3', { id: 'charts-heading' }, 'Charts'), toolbar,
        h('div', { class: 'charts' }, this.costChart, this.lossChart, embed ? null : this.shareChart)),
      h('section', { 'aria-labelledby': 'verdicts-heading' },
        h('h3', { id: 'verdicts-heading' }, 'Verdicts'), this.verdicts),
      embed ? null : h('section', { 'aria-labelledby': 'tables-heading' },
        h('h3', { id: 'tables-heading' }, 'Runs'), this.tables),
      embed ? null : this.explanations,
      embed ? null : h('section', { 'aria-labelledby': 'embed-heading' },
        h('h3', { id: 'embed-heading' }, 'Embed'), this.snippets));
    fill(root, h('header', { class: 'experiment-head' }, this.title, this.status, this.meta, this.reason),
      this.live, this.body);
  }

  async load() {
    try {
      const { data } = await api(experimentPath(this.id));
      this.experiment = data;
      this.body.hidden = false;
      this.countFinishedRuns();
      this.render();
      if (!FINISHED.has(data.status)) this.follow();
    } catch (problem) {
      // The service's own detail says what happened and what to do (a 404 names the id and where to look;
      // a 503 says when to try again); the page adds only its title, and shows no empty result.
      fill(this.title, problem.status === 404 ? 'Experiment not found' : 'Experiment unavailable');
      this.status.textContent = '';
      this.live.hidden = true;
      this.body.hidden = true;
      fill(this.meta, problem.message);
      document.documentElement.dataset.experiment = problem.status === 404 ? 'missing' : 'unavailable';
    }
  }

  follow() {
    const source = new EventSource(experimentPath(this.id) + '/events');
    this.source = source;
    const on = (name, handler) => source.addEventListener(name, (event) => handler(JSON.parse(event.data)));
    on('state', (experiment) => {
      this.experiment = experiment;
      this.countFinishedRuns();
      this.render();
    });
    on('status', (status) => {
      Object.assign(this.experiment, { status: status.status, progress: status.progress, statusReason: status.statusReason });
      this.renderStatus();
    });
    on('trial', (event) => {
      const key = runKey(event);
      this.trialsDone.set(key, Math.max(this.trialsDone.get(key) || 0, event.trial.trial));
      const trials = this.pendingTrials.get(key) || [];
      trials.push(event.trial);
      this.pendingTrials.set(key, trials);
      this.lastTrial = { key, strategy: event.strategy, threads: event.threads, trial: event.trial.trial };
      this.renderProgress();
    });
    on('run', (run) => {
      const key = runKey(run);
      const complete = { ...run, trials: this.pendingTrials.get(key) || [] };
      this.experiment.runs = [...(this.experiment.runs || []).filter((r) => runKey(r) !== key), complete];
      this.trialsDone.set(key, run.summary?.measuredTrials ?? this.experiment.spec.trials);
      this.renderResults();
      this.refreshCharts();
      this.renderProgress();
    });
    on('requeued', () => {
      this.nowRunning.textContent = 'The instance running it is shutting down; it is back in the queue and will go on elsewhere.';
    });
    on('end', (experiment) => {
      source.close();
      this.experiment = experiment;
      this.countFinishedRuns();
      this.render();
      announce('Experiment ' + experiment.status.toLowerCase().replace('_', ' '));
      this.onEnd(experiment);
    });
    source.onerror = () => {
      // EventSource reconnects by itself (resuming with Last-Event-ID); only a closed one needs saying.
      if (source.readyState === EventSource.CLOSED && !FINISHED.has(this.experiment.status)) {
        this.nowRunning.textContent = 'The live stream was lost; reload the page to follow on.';
      }
    };
  }

  countFinishedRuns() {
    for (const run of this.experiment.runs || []) {
      this.trialsDone.set(runKey(run), run.trials?.length || run.summary?.measuredTrials || 0);
    }
  }

  render() {
    this.renderStatus();
    this.renderResults();
    this.refreshCharts();
    if (!this.embed) this.renderSnippets();
    document.documentElement.dataset.experiment = this.experiment.status;
  }

  renderStatus() {
    const e = this.experiment;
    fill(this.title, e.name || 'Unnamed experiment');
    if (!this.embed) document.title = (e.name || 'Experiment') + ' · concurrency-playground';
    this.status.textContent = e.status.replace('_', ' ').toLowerCase();
    this.status.dataset.status = e.status;
    fill(this.meta, describeSpec(e.spec), ' · submitted ', when(e.submittedAt),
      e.finishedAt ? ' · finished ' + when(e.finishedAt) : '', ' · ', h('code', {}, e.id));
    this.reason.hidden = !e.statusReason;
    this.reason.textContent = e.statusReason || '';
    this.cancel.textContent = FINISHED.has(e.status) ? 'Delete' : 'Cancel';
    this.cancel.setAttribute('aria-label', (FINISHED.has(e.status) ? 'Delete' : 'Cancel') + ' this experiment');
    this.renderProgress();
  }

  renderProgress() {
    const e = this.experiment;
    const spec = e.spec;
    const total = spec.strategies.length * spec.threadCounts.length * spec.trials;
    let done = 0;
    for (const count of this.trialsDone.values()) done += Math.min(count, spec.trials);
    if (e.status === 'COMPLETED') done = total;
    this.progress.max = total;
    this.progress.value = done;
    this.progress.setAttribute('aria-valuemax', total);
    this.progress.setAttribute('aria-valuenow', done);
    this.progress.setAttribute('aria-valuetext', done + ' of ' + total + ' trials');
    this.progressText.textContent = done + ' / ' + total + ' trials';
    this.nowRunning.textContent = nowRunning(e, this.lastTrial, done, total);
  }

  renderResults() {
    const runs = sortedRuns(this.experiment);
    fill(this.verdicts, runs.length ? runs.map(verdictItem) : h('li', { class: 'empty' }, waiting(this.experiment)));
    if (this.embed) return;
    fill(this.tables, runs.length ? [costTable(runs), threadsTable(runs), handOffTable(runs), readsTable(runs), pinningTable(runs), warmupTable(runs)] : h('p', {}, waiting(this.experiment)));
    fill(this.explanations, runs.filter((run) => run.explanation).map(explanationSection));
  }

  refreshCharts() {
    if (!this.experiment) return;
    if (!(this.experiment.runs || []).length) {
      const note = waiting(this.experiment);
      for (const chart of [this.costChart, this.lossChart, this.shareChart]) fill(chart, h('p', { class: 'chart-missing' }, note));
      return;
    }
    const size = chartSize(this.costChart);
    showChart(this.costChart, experimentChartUrl(this.id, 'cost', { ...this.options, ...size }), 'The cost chart');
    showChart(this.lossChart, experimentChartUrl(this.id, 'lost-updates', size), 'The lost-update chart');
    if (!this.embed) showChart(this.shareChart, experimentChartUrl(this.id, 'thread-share', size), 'The thread-share chart');
  }

  setOption(name, value) {
    this.options[name] = value;
    this.onOptions({ ...this.options });
    this.refreshCharts();
    this.renderSnippets();
  }

  renderSnippets() {
    if (this.embed || !this.experiment) return;
    const name = this.experiment.name || 'experiment ' + this.id;
    const image = experimentChartUrl(this.id, 'cost', { ...this.options, width: 720, height: 420 }, true);
    const alt = METRICS[this.options.metric] + ' against thread count per strategy: ' + name;
    fill(this.snippets,
      snippet('snippet-chart', 'The chart shown above, as an image any page can show:',
        '<img src="' + attr(image) + '" alt="' + attr(alt) + '" width="720" height="420">'),
      snippet('snippet-iframe', 'The live view, for an iframe (progress while it runs, then the result):',
        '<iframe src="' + attr(location.origin + '/embed/experiments/' + encodeURIComponent(this.id))
          + '" title="' + attr(name) + '" width="820" height="640" loading="lazy"></iframe>'));
  }

  async cancelOrDelete() {
    const finished = FINISHED.has(this.experiment.status);
    if (finished && !confirm('Delete this experiment and its results?')) return;
    this.cancel.disabled = true;
    try {
      await api(experimentPath(this.id), { method: 'DELETE' });
      if (finished) {
        location.assign('/');
        return;
      }
      this.actionMessage.textContent = 'Cancelling: the experiment stops within about a second and keeps the trials it completed.';
    } catch (problem) {
      this.actionMessage.textContent = problem.message;
    } finally {
      this.cancel.disabled = false;
    }
  }
}

function chartSize(container) {
  const width = Math.round(Math.min(Math.max(container.clientWidth || 640, 320), 1200));
  return { width, height: Math.round(Math.min(Math.max(width * 0.6, 260), 480)) };
}

function waiting(experiment) {
  if (experiment.status === 'QUEUED') return 'Waiting in the queue; results appear as each run completes.';
  if (experiment.status === 'RUNNING') return 'Running; results appear as each run completes.';
  return 'No run completed.';
}

export function describeSpec(spec) {
  const work = spec.durationMillis ? spec.durationMillis + ' ms per trial' : int(spec.incrementsPerThread) + ' increments per thread';
  return spec.strategies.join(', ') + ' at ' + spec.threadCounts.join(', ') + ' ' + spec.threadType + ' threads; '
    + work + '; ' + spec.trials + ' trials, ' + spec.warmupTrials + ' warm-up, ' + spec.trialOrder
    + (spec.explain ? '; explained' : '')
    + (spec.workInside ? '; work inside ' + spec.workInside.join(', ') : '')
    + (spec.workOutside ? '; work outside ' + spec.workOutside.join(', ') : '')
    + (spec.readRatio ? '; read share ' + spec.readRatio.join(', ') : '')
    + (spec.blockInsideMicros ? '; block inside ' + spec.blockInsideMicros.join(', ') + ' µs' : '')
    + (spec.blockOutsideMicros ? '; block outside ' + spec.blockOutsideMicros.join(', ') + ' µs' : '');
}

function sortedRuns(experiment) {
  const spec = experiment.spec;
  const combos = specParams(spec).map(paramsKey);
  const rank = (run) => (spec.strategies.indexOf(run.strategy) * 1000 + combos.indexOf(paramsKey(run.params))) * 1000
    + spec.threadCounts.indexOf(run.threads);
  return [...(experiment.runs || [])].sort((a, b) => rank(a) - rank(b));
}

/** What runs now, from the order the runner takes the trials in (RunSequence) and the last trial reported. */
function nowRunning(experiment, last, done, total) {
  if (experiment.status === 'QUEUED') return 'Waiting in the queue.';
  if (experiment.status !== 'RUNNING') return '';
  if (done >= total) return 'All trials done; finishing' + (experiment.spec.explain ? ' (explaining the losses)' : '') + '.';
  const spec = experiment.spec;
  const runs = spec.strategies.flatMap((strategy) => specParams(spec).flatMap((params) =>
    spec.threadCounts.map((threads) => ({ strategy, threads, params }))));
  if (!last) return experiment.spec.warmupTrials > 0 ? 'Warming up.' : 'Starting.';
  const index = runs.findIndex((run) => run.strategy + '/' + run.threads + '/' + spec.threadType + paramsKey(run.params) === last.key);
  let next;
  if (spec.trialOrder === 'sequential') {
    next = last.trial < spec.trials ? { ...runs[index], trial: last.trial + 1 } : { ...runs[index + 1], trial: 1 };
  } else {
    next = index + 1 < runs.length ? { ...runs[index + 1], trial: last.trial } : { ...runs[0], trial: last.trial + 1 };
  }
  if (!next.strategy) return 'Running.';
  return 'Now running: ' + next.strategy + ' × ' + next.threads + ' threads' + paramsLabel(next.params) + ', trial ' + next.trial
    + ' of ' + spec.trials + '.';
}

function verdictItem(run) {
  const verdict = VERDICTS[run.verdict] || { label: run.verdict, symbol: '•' };
  return h('li', { class: 'verdict', 'data-verdict': run.verdict },
    h('span', { class: 'badge', 'data-verdict': run.verdict }, h('span', { 'aria-hidden': 'true' }, verdict.symbol + ' '), verdict.label),
    ' ', h('strong', {}, label(run)), run.oversubscribed ? h('span', { class: 'flag' }, ' oversubscribed') : null,
    h('p', { class: 'reason' }, run.verdictReason));
}

function table(caption, headers, rows) {
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, rows.map(([head, ...cells]) => h('tr', {}, h('th', { scope: 'row' }, head), cells.map((cell) => h('td', {}, cell)))))));
}

const label = (run) => run.strategy + ' × ' + run.threads + paramsLabel(run.params);
const summary = (run) => run.summary || {};

function plusMinus(score) {
  if (!score) return '–';
  return score.error === undefined ? num(score.mean) : num(score.mean) + ' ± ' + num(score.error);
}

function costTable(runs) {
  return table('Cost and lost updates (mean ± half-width of the 99.9% confidence interval)',
    ['Run', 'Verdict', 'ns/op', 'ops/s', 'Lost updates (mean)', 'Lost-update rate', 'Corrupted trials'],
    runs.map((run) => [label(run), VERDICTS[run.verdict]?.label || run.verdict, plusMinus(summary(run).nsPerOp),
      plusMinus(summary(run).opsPerSecond), num(summary(run).lostUpdates?.mean), pct(summary(run).lostUpdateRate?.mean, 2),
      summary(run).corruptedTrials + ' of ' + summary(run).measuredTrials]));
}

function threadsTable(runs) {
  return table('How the threads ran (means over the trials; shares: smallest and largest in any trial)',
    ['Run', 'Overlap', 'Parallelism (cores)', 'Thread shares', 'Fairness', 'Oversubscribed'],
    runs.map((run) => [label(run), pct(summary(run).overlap?.mean), num(summary(run).parallelism?.mean),
      summary(run).minThreadShare ? pct(summary(run).minThreadShare.min) + ' – ' + pct(summary(run).maxThreadShare.max) : '–',
      num(summary(run).fairness?.mean), run.oversubscribed ? 'yes' : 'no']));
}

/** Only for strategies whose count has one owner (single-writer, event-loop); none otherwise. */
function handOffTable(runs) {
  const owned = runs.filter((run) => summary(run).handOff);
  if (!owned.length) return null;
  const micros = (nanos) => (nanos === undefined || nanos === null ? '–' : num(nanos / 1000) + ' µs');
  return table('Hand-off to the owner (the workers\' time per increment; the owner\'s drain after the last worker; '
    + 'latency from hand-off to the owner applying it, means over the trials)',
    ['Run', 'Hand-off ns/op', 'Drain', 'Latency p50', 'Latency p99', 'Longest'],
    owned.map((run) => {
      const x = summary(run).handOff;
      return [label(run), plusMinus(x.nsPerOp), micros(x.drainNanos?.mean), micros(x.latencyP50Nanos?.mean),
        micros(x.latencyP99Nanos?.mean), micros(x.latencyMaxNanos?.max)];
    }));
}

/** Only for runs with a read share above 0 (readRatio); none otherwise. */
function readsTable(runs) {
  const reading = runs.filter((run) => summary(run).readsAndWrites);
  if (!reading.length) return null;
  return table('Reads and writes apart (each thread\'s time per read and per increment, timed per phase of each block of '
    + '1000 operations; failed optimistic reads for stamped-lock; means over the trials)',
    ['Run', 'ns/read', 'ns/write', 'Reads/s', 'Writes/s', 'Optimistic reads retried'],
    reading.map((run) => {
      const x = summary(run).readsAndWrites;
      return [label(run), plusMinus(x.nsPerRead), plusMinus(x.nsPerWrite), num(x.readsPerSecond?.mean),
        num(x.writesPerSecond?.mean), x.readRetryRate ? pct(x.readRetryRate.mean, 3) : '–'];
    }));
}

/** Only for runs of virtual threads in experiments that block; none otherwise. */
function pinningTable(runs) {
  const watched = runs.filter((run) => run.pinning);
  if (!watched.length) return null;
  const millis = (nanos) => (nanos === undefined || nanos === null ? '–' : num(nanos / 1e6) + ' ms');
  return table('Virtual threads pinned to their carriers while they blocked (Flight Recorder; '
    + watched[0].pinning.jdkBehaviour + ')',
    ['Run', 'Pinned', 'Time pinned', 'Longest', 'Carriers held', 'Reasons'],
    watched.map((run) => {
      const p = run.pinning;
      if (p.notRecorded) return [label(run), 'not recorded', '–', '–', '–', p.notRecorded];
      return [label(run), int(p.events), millis(p.totalPinnedNanos), millis(p.longestPinnedNanos),
        int(p.pinnedCarriers) + ' of ' + int(p.carriers),
        Object.entries(p.reasons || {}).map(([reason, times]) => reason + ' (' + int(times) + ')').join('; ') || '–'];
    }));
}

function warmupTable(runs) {
  const yesNo = (value) => (value === undefined ? '–' : value ? 'yes' : 'no');
  return table('Warm-up (a run that is not steady says why in its verdict)',
    ['Run', 'Warm-up trials', 'Time', 'Compiled', 'Settled', 'Repeated trials', 'JIT-disturbed trials', 'Steady'],
    runs.map((run) => {
      const w = run.warmup || {};
      return [label(run), int(w.trials), w.millis === undefined ? '–' : int(w.millis) + ' ms', yesNo(w.compiled),
        yesNo(w.settled), int(w.repeatedTrials), int(w.jitDisturbedTrials), yesNo(w.steady)];
    }));
}

function explanationSection(run) {
  const x = run.explanation;
  return h('section', { class: 'explanation', 'aria-label': 'Why ' + label(run) + ' lost updates' },
    h('h3', {}, 'Why ' + label(run) + ' lost updates'),
    h('p', {}, int(x.recordedIncrements) + ' increments recorded, the counter ended at ' + int(x.finalCount) + ': '
      + int(x.lostUpdates) + ' lost, ' + int(x.duplicateWrites) + ' to duplicate writes (two threads wrote the same value) and '
      + int(x.finalRollBack) + ' to a final roll-back; ' + int(x.staleWrites) + ' stale writes, the largest erasing '
      + int(x.largestErasure) + ' increments.'),
    x.reconciliation ? h('p', { class: 'reconciliation' }, x.reconciliation) : null,
    (x.erasures || []).length ? table('Stale writes by the number of increments they erased', ['Increments erased', 'Times'],
      x.erasures.map((e) => [e.fromIncrements === e.toIncrements ? int(e.fromIncrements) : int(e.fromIncrements) + '–' + int(e.toIncrements), int(e.times)])) : null,
    (x.examples || []).map((example) => h('div', { class: 'example' },
      h('h4', {}, example.title),
      h('ol', { class: 'steps' }, (example.steps || []).map((step) => h('li', { 'data-thread': step.thread },
        h('span', { class: 'thread' }, 'thread ' + step.thread), ' ', step.action))),
      h('p', {}, example.outcome))),
    x.overhead ? h('p', { class: 'meta' }, 'The recording loop ran at ' + num(x.nsPerOp) + ' ns/op, ' + num(x.overhead)
      + ' times the measured loop, and kept ' + int(x.logBytes) + ' bytes of log.') : null);
}

function snippet(id, text, code) {
  const area = h('textarea', { id, readonly: true, rows: '3', spellcheck: 'false', 'aria-label': text }, code);
  area.value = code;
  const status = h('span', { class: 'copied', role: 'status' });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(area.value);
    } catch {
      area.select();
      document.execCommand('copy');
    }
    status.textContent = 'Copied';
    setTimeout(() => (status.textContent = ''), 2000);
  };
  return h('div', { class: 'snippet' }, h('p', {}, text), area,
    h('button', { type: 'button', class: 'copy', 'data-copies': id, onclick: copy }, 'Copy'), status);
}
