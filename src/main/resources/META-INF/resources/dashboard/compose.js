// The form that composes an experiment, checked against /api/limits as the person types, so that only
// a request the service would accept can be sent; what the service still refuses is shown in its words.

import { h, fill, byId } from './dom.js';
import { api } from './api.js';

const MAX_THREAD_COUNTS = 16; // FixedLimits.MAX_THREAD_COUNTS: a bound of the HTTP interface, not configuration
const MAX_NAME = 100;
const MAX_PARAM_VALUES = 16; // FixedLimits.MAX_PARAM_VALUES
const MAX_WORK_TOKENS = 1000000; // FixedLimits.MAX_WORK_TOKENS
const MAX_READ_PERCENT = 99; // FixedLimits.MAX_READ_RATIO, in percent
const MAX_BLOCK_MICROS = 100000; // FixedLimits.MAX_BLOCK_MICROS

/** Why a character may not be in a name, as the service's validator says it; null when it may. */
function refusedCharacter(codePoint) {
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'an unpaired surrogate';
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return 'a control character';
  if (codePoint === 0x061c || codePoint === 0x200e || codePoint === 0x200f || (codePoint >= 0x202a && codePoint <= 0x202e)
    || (codePoint >= 0x2066 && codePoint <= 0x2069)) return 'a bidirectional formatting character';
  if ((codePoint & 0xfffe) === 0xfffe || (codePoint >= 0xfdd0 && codePoint <= 0xfdef)) return 'a noncharacter';
  return null;
}

/** Whether a catalog entry runs only in child processes (a file lock, a copy never shared). */
function processesOnly(s) {
  return Array.isArray(s.workerKinds) && s.workerKinds.length > 0 && s.workerKinds.every((k) => k.kind === 'process');
}

/** Reads the form into a request and the problems with it: {request, errors: {field: message}}. */
export function check(form, limits, strategies) {
  const errors = {};
  const value = (name) => form.elements[name].value.trim();
  const request = {};

  const name = form.elements.name.value;
  if (name.trim()) {
    const codePoints = [...name];
    const refused = codePoints.map((c) => refusedCharacter(c.codePointAt(0))).find(Boolean);
    if (codePoints.length > MAX_NAME) errors.name = 'At most ' + MAX_NAME + ' characters (this has ' + codePoints.length + ').';
    else if (refused) errors.name = 'The name contains ' + refused + '.';
    request.name = name;
  }

  const chosen = [...form.querySelectorAll('input[name=strategy]:checked')].map((box) => box.value);
  if (!chosen.length) errors.strategies = 'Choose at least one strategy.';
  request.strategies = chosen;

  // The database strategies race in the database chosen, one the catalog says each of them can run in here.
  const inDatabase = strategies.filter((s) => chosen.includes(s.id) && s.databases && s.databases.length);
  if (inDatabase.length) {
    const database = form.elements.database.value;
    request.database = database;
    const refused = inDatabase.map((s) => ({ s, place: s.databases.find((d) => d.database === database) }))
      .find(({ place }) => !place || !place.available);
    if (refused) {
      errors.database = refused.s.name + ' cannot run in this database here: '
        + (refused.place ? refused.place.unavailableReason : 'the service does not offer it.');
    }
  }

  const threadType = form.elements.threadType.value;
  request.threadType = threadType;
  const maxThreads = threadType === 'virtual' ? limits.maxVirtualThreads
    : threadType === 'process' ? limits.maxProcesses : limits.maxPlatformThreads;
  const tokens = value('threadCounts').split(/[\s,]+/).filter(Boolean);
  const counts = tokens.map(Number);
  if (!tokens.length) errors.threadCounts = 'Give at least one thread count, e.g. 1, 2, 4.';
  else if (tokens.some((t) => !/^\d+$/.test(t))) errors.threadCounts = 'Thread counts are whole numbers separated by commas.';
  else if (counts.some((n) => n < 1 || n > maxThreads)) {
    errors.threadCounts = 'Each must be 1 to ' + maxThreads + (threadType === 'process' ? ' for child processes' : ' for ' + threadType + ' threads')
      + (threadType === 'platform' ? ' (virtual threads allow up to ' + limits.maxVirtualThreads + ').' : '.');
  } else if (new Set(counts).size !== counts.length) errors.threadCounts = 'List each thread count once.';
  else if (counts.length > MAX_THREAD_COUNTS) errors.threadCounts = 'At most ' + MAX_THREAD_COUNTS + ' thread counts.';
  request.threadCounts = counts;
  // As the service checks it: a strategy runs only with the kinds of worker its catalog entry lists.
  const elsewhere = chosen.filter((id) => strategies.some((s) => s.id === id && s.workerKinds
    && !s.workerKinds.some((k) => k.kind === threadType)));
  if (elsewhere.length && !errors.strategies) {
    errors.strategies = elsewhere.join(', ') + (threadType === 'process'
      ? ' cannot run in child processes; choose threads or leave ' + (elsewhere.length === 1 ? 'it' : 'them') + ' out.'
      : ' ' + (elsewhere.length === 1 ? 'runs' : 'run') + ' only in child processes; choose "Child processes" or leave '
        + (elsewhere.length === 1 ? 'it' : 'them') + ' out.');
  }

  const whole = (field, min, max, what) => {
    const text = value(field);
    if (!/^\d+$/.test(text)) {
      errors[field] = what + ' must be a whole number from ' + min + ' to ' + max + '.';
      return undefined;
    }
    const n = Number(text);
    if (n < min || n > max) errors[field] = what + ' must be from ' + min + ' to ' + max + '.';
    return n;
  };
  if (form.elements.mode.value === 'time') {
    request.durationMillis = whole('durationMillis', 1, limits.maxDurationMillis, 'The duration');
  } else {
    request.incrementsPerThread = whole('incrementsPerThread', 1, limits.maxIncrementsPerThread, 'Increments per thread');
  }
  request.trials = whole('trials', 1, limits.maxTrials, 'Trials');
  request.warmupTrials = whole('warmupTrials', 0, limits.maxWarmupTrials, 'Warm-up trials');
  request.trialOrder = form.elements.trialOrder.value;
  request.explain = form.elements.explain.checked;

  // Workload parameters: optional lists, every combination a run (as ExperimentSpec.runParams says).
  const workList = (field, what, max = MAX_WORK_TOKENS, unit = 'tokens') => {
    const parts = value(field).split(/[\s,]+/).filter(Boolean);
    if (!parts.length) return undefined;
    const numbers = parts.map(Number);
    if (parts.some((t) => !/^\d+$/.test(t)) || numbers.some((n) => n > max)) {
      errors[field] = what + ' are whole numbers of ' + unit + ' from 0 to ' + max.toLocaleString('en') + ', separated by commas.';
    } else if (new Set(numbers).size !== numbers.length) errors[field] = 'List each value once.';
    else if (numbers.length > MAX_PARAM_VALUES) errors[field] = 'At most ' + MAX_PARAM_VALUES + ' values.';
    request[field] = numbers;
    return numbers;
  };
  const inside = workList('workInside', 'Work inside values');
  const outside = workList('workOutside', 'Work outside values');
  const anyWork = [...(inside || []), ...(outside || [])].some((n) => n > 0);
  if (anyWork) {
    const workField = (inside || []).some((n) => n > 0) ? 'workInside' : 'workOutside';
    const without = chosen.filter((id) => strategies.some((s) => s.id === id && !s.takesWork));
    if (without.length && !errors[workField]) {
      errors[workField] = without.join(', ') + ' cannot do work around its increments; leave ' + (without.length === 1 ? 'it' : 'them') + ' out or give no work.';
    }
    if (request.explain) errors.explain = 'The explanation records the plain loop, so it cannot explain runs with work.';
  }
  // Read shares: a share of 0 to 0.99 in hundredths, each a run, as the validator's checkReadRatio says.
  const readParts = value('readRatio').split(/[\s,]+/).filter(Boolean);
  let reads;
  if (readParts.length) {
    reads = readParts.map(Number);
    if (readParts.some((t) => !/^(0|0?\.\d{1,2})$/.test(t)) || reads.some((r) => Math.round(r * 100) > MAX_READ_PERCENT)) {
      errors.readRatio = 'Read shares are from 0 to ' + (MAX_READ_PERCENT / 100) + ' with at most two decimals, separated by commas.';
    } else if (new Set(reads).size !== reads.length) errors.readRatio = 'List each value once.';
    else if (reads.length > MAX_PARAM_VALUES) errors.readRatio = 'At most ' + MAX_PARAM_VALUES + ' values.';
    request.readRatio = reads;
    if (reads.some((r) => r > 0) && !errors.readRatio) {
      const without = chosen.filter((id) => strategies.some((s) => s.id === id && !s.takesReaders));
      if (without.length) {
        errors.readRatio = without.join(', ') + ' has no natural read of the shared count; leave ' + (without.length === 1 ? 'it' : 'them') + ' out or give no reads.';
      } else if (form.elements.threadType.value === 'process') {
        errors.readRatio = 'Child processes only increment; use threads for reads.';
      }
      if (request.explain) errors.explain = 'The explanation records the plain loop, so it cannot explain runs with reads.';
    }
  }
  // Blocking: lists of microseconds, further axes of the same matrix (as ExperimentRequestValidator checks them).
  const blockInside = workList('blockInsideMicros', 'Block inside values', MAX_BLOCK_MICROS, 'microseconds');
  const blockOutside = workList('blockOutsideMicros', 'Block outside values', MAX_BLOCK_MICROS, 'microseconds');
  if ([...(blockInside || []), ...(blockOutside || [])].some((n) => n > 0)) {
    const blockField = (blockInside || []).some((n) => n > 0) ? 'blockInsideMicros' : 'blockOutsideMicros';
    const without = chosen.filter((id) => strategies.some((s) => s.id === id && !s.takesBlocking));
    if (without.length && !errors[blockField]) {
      errors[blockField] = without.join(', ') + ' has no lock to block in; leave ' + (without.length === 1 ? 'it' : 'them') + ' out or give no blocking.';
    } else if (threadType === 'process' && !errors[blockField]) errors[blockField] = 'Child processes do not block; use threads.';
    if (request.explain) errors.explain = 'The explanation records the plain loop, so it cannot explain runs that block.';
  }
  if ((reads || []).some((r) => r > 0) && [...(blockInside || []), ...(blockOutside || [])].some((n) => n > 0)
    && !errors.readRatio) {
    errors.readRatio = 'Reads and blocking are separate experiments: a run that reads does not block; give one or the other.';
  }
  const combinations = (inside ? inside.length : 1) * (outside ? outside.length : 1) * (reads ? reads.length : 1)
    * (blockInside ? blockInside.length : 1) * (blockOutside ? blockOutside.length : 1);

  if (request.explain) {
    const explainable = strategies.filter((s) => s.explainable).map((s) => s.id);
    if (!chosen.some((id) => explainable.includes(id))) {
      errors.explain = 'Explaining needs a racy strategy (' + explainable.join(', ') + ').';
    }
  }
  const runs = chosen.length * counts.length * combinations;
  if (!errors.threadCounts && runs > limits.maxRuns) {
    errors.threadCounts = chosen.length + ' strategies × ' + counts.length + ' thread counts'
      + (combinations > 1 ? ' × ' + combinations + ' parameter combinations' : '') + ' make ' + runs
      + ' runs; at most ' + limits.maxRuns + ' are allowed.';
  }
  if (request.incrementsPerThread && !errors.threadCounts && !errors.trials && !errors.warmupTrials) {
    // As WorkEstimate.totalIncrements counts them: every thread of every run, warm-ups included.
    const total = counts.reduce((a, b) => a + b, 0) * chosen.length * combinations * (request.trials + request.warmupTrials) * request.incrementsPerThread;
    if (total > limits.maxTotalIncrements) {
      errors.incrementsPerThread = 'That makes ' + total.toLocaleString('en') + ' increments in all; at most '
        + limits.maxTotalIncrements.toLocaleString('en') + ' are allowed. Use fewer increments, threads, trials or strategies.';
    }
  }
  return { request, errors };
}

/** Builds the form into root; onSubmitted(experiment) when the service has accepted one. */
export function composeForm(root, limits, strategies, onSubmitted) {
  const field = (name, labelText, control, hint) => h('div', { class: 'field', 'data-field': name },
    h('label', { for: control.id }, labelText), control,
    hint ? h('p', { class: 'hint', id: name + '-hint' }, hint) : null,
    h('p', { class: 'field-error', id: name + '-error', 'aria-live': 'polite' }));
  const number = (name, value, min, max) => h('input', { id: name, name, type: 'number', inputmode: 'numeric', min, max,
    value: String(value), required: true, 'aria-describedby': name + '-error ' + name + '-hint' });

  // A strategy this service cannot run (its backend is not configured) is shown, disabled, with why and what enables it.
  const boxes = strategies.map((s) => h('label', { class: 'check',
    title: s.available === false ? s.unavailableReason + ' Enabled by ' + s.enabledBy + '.' : null },
    h('input', { type: 'checkbox', name: 'strategy', value: s.id, checked: ['unsynchronized', 'atomic'].includes(s.id),
      disabled: s.available === false }),
    ' ' + s.name, s.threadSafe ? null : h('span', { class: 'tag racy' }, 'racy'),
    processesOnly(s) ? h('span', { class: 'tag' }, 'processes only') : null,
    s.available === false ? h('span', { class: 'tag' }, 'unavailable here') : null));
  // Where the database strategies race: offered as the catalog offers it, a database this service has not
  // configured disabled, saying what configures it.
  const databaseEntries = strategies.flatMap((s) => s.databases || []);
  const databaseOption = (id, text) => {
    const entries = databaseEntries.filter((d) => d.database === id);
    const configured = entries.some((d) => d.available || !d.enabledBy);
    const why = entries.find((d) => d.enabledBy);
    return h('option', { value: id, disabled: !configured,
      title: configured || !why ? null : why.unavailableReason + ' Enabled by ' + why.enabledBy + '.' },
      text + (configured ? '' : ' (not configured here)'));
  };
  const databaseField = field('database', 'Database (for the database strategies)', h('select', { id: 'database', name: 'database',
    'aria-describedby': 'database-error database-hint' },
    databaseOption('embedded', 'Embedded H2, in the service\'s memory'), databaseOption('postgresql', 'PostgreSQL')),
    'Where the db- strategies increment their row; each thread holds a connection of its own.');
  const radio = (name, value, text, checked) => h('label', { class: 'check' },
    h('input', { type: 'radio', name, value, checked }), ' ' + text);
  const submit = h('button', { type: 'submit', id: 'submit' }, 'Run experiment');
  const problem = h('div', { id: 'compose-problem', class: 'problem', role: 'alert', hidden: true });

  const form = h('form', { id: 'compose-form', novalidate: true },
    field('name', 'Name (optional)', h('input', { id: 'name', name: 'name', type: 'text', autocomplete: 'off',
      placeholder: 'e.g. catch the race', 'aria-describedby': 'name-error' })),
    h('fieldset', { 'data-field': 'strategies', 'aria-describedby': 'strategies-error' },
      h('legend', {}, 'Strategies'), h('div', { class: 'choices' }, boxes),
      h('p', { class: 'field-error', id: 'strategies-error', 'aria-live': 'polite' }), databaseField),
    h('fieldset', {}, h('legend', {}, 'Threads'),
      field('threadCounts', 'Thread counts', h('input', { id: 'threadCounts', name: 'threadCounts', type: 'text', value: '1, 2, 4',
        autocomplete: 'off', 'aria-describedby': 'threadCounts-error threadCounts-hint' }),
        'Up to ' + MAX_THREAD_COUNTS + ' values, separated by commas; every strategy runs at each.'),
      h('div', { class: 'choices', role: 'radiogroup', 'aria-label': 'Thread type' },
        radio('threadType', 'platform', 'Platform threads', true), radio('threadType', 'virtual', 'Virtual threads', false),
        radio('threadType', 'process', 'Child processes', false))),
    h('fieldset', {}, h('legend', {}, 'Work per trial'),
      h('div', { class: 'choices', role: 'radiogroup', 'aria-label': 'Mode' },
        radio('mode', 'time', 'Fixed time (catches races)', true), radio('mode', 'work', 'Fixed work', false)),
      field('durationMillis', 'Duration (ms)', number('durationMillis', 50, 1, limits.maxDurationMillis), '1 to ' + limits.maxDurationMillis + ' ms; every thread increments until the time is up.'),
      field('incrementsPerThread', 'Increments per thread', number('incrementsPerThread', 1000000, 1, limits.maxIncrementsPerThread), '1 to ' + limits.maxIncrementsPerThread.toLocaleString('en') + '.'),
      field('workInside', 'Work inside (tokens, optional)', h('input', { id: 'workInside', name: 'workInside', type: 'text',
        autocomplete: 'off', placeholder: 'e.g. 0, 100, 1000', 'aria-describedby': 'workInside-error workInside-hint' }),
        'Busy work with the lock held (between a racy read and its write). Several values: each is a run.'),
      field('workOutside', 'Work outside (tokens, optional)', h('input', { id: 'workOutside', name: 'workOutside', type: 'text',
        autocomplete: 'off', placeholder: 'e.g. 0, 1000', 'aria-describedby': 'workOutside-error workOutside-hint' }),
        'Busy work after each increment, with nothing held. Every combination with the values above is a run.'),
      field('readRatio', 'Read share (optional)', h('input', { id: 'readRatio', name: 'readRatio', type: 'text',
        autocomplete: 'off', placeholder: 'e.g. 0, 0.5, 0.9', 'aria-describedby': 'readRatio-error readRatio-hint' }),
        'The share of operations that read the count instead of incrementing it (0 to 0.99). Each value is a run, combined with the work.'),
      field('blockInsideMicros', 'Block inside (µs, optional)', h('input', { id: 'blockInsideMicros', name: 'blockInsideMicros', type: 'text',
        autocomplete: 'off', placeholder: 'e.g. 0, 100, 1000', 'aria-describedby': 'blockInsideMicros-error blockInsideMicros-hint' }),
        'Sleep with the lock held, up to ' + MAX_BLOCK_MICROS.toLocaleString('en') + ' µs. Virtual-thread runs then report pinning.'),
      field('blockOutsideMicros', 'Block outside (µs, optional)', h('input', { id: 'blockOutsideMicros', name: 'blockOutsideMicros', type: 'text',
        autocomplete: 'off', placeholder: 'e.g. 0, 1000', 'aria-describedby': 'blockOutsideMicros-error blockOutsideMicros-hint' }),
        'Sleep after each increment, with nothing held. Every combination is a run.')),
    h('fieldset', {}, h('legend', {}, 'Trials'),
      field('trials', 'Measured trials per run', number('trials', 5, 1, limits.maxTrials), '1 to ' + limits.maxTrials + '.'),
      field('warmupTrials', 'Warm-up trials (at least)', number('warmupTrials', 1, 0, limits.maxWarmupTrials), '0 to ' + limits.maxWarmupTrials + '; 0 turns warm-up off.'),
      field('trialOrder', 'Trial order', h('select', { id: 'trialOrder', name: 'trialOrder' },
        h('option', { value: 'interleaved' }, 'Interleaved (trial 1 of every run, then trial 2, …)'),
        h('option', { value: 'sequential' }, 'Sequential (run after run)'))),
      h('div', { class: 'field', 'data-field': 'explain' },
        h('label', { class: 'check' }, h('input', { type: 'checkbox', id: 'explain', name: 'explain', 'aria-describedby': 'explain-error' }),
          ' Explain the lost updates (one extra recorded trial per racy run)'),
        h('p', { class: 'field-error', id: 'explain-error', 'aria-live': 'polite' }))),
    problem,
    h('div', { class: 'actions' }, submit, h('p', { class: 'hint', id: 'submit-hint' })));

  const showMode = () => {
    const time = form.elements.mode.value === 'time';
    form.querySelector('[data-field=durationMillis]').hidden = !time;
    form.querySelector('[data-field=incrementsPerThread]').hidden = time;
  };
  const validate = () => {
    showMode();
    const { request, errors } = check(form, limits, strategies);
    form.querySelector('[data-field=database]').hidden = !('database' in request);
    for (const element of form.querySelectorAll('.field-error')) {
      const name = element.id.replace(/-error$/, '');
      element.textContent = errors[name] || '';
      const control = form.elements[name];
      if (control instanceof HTMLElement) control.setAttribute('aria-invalid', errors[name] ? 'true' : 'false');
    }
    const count = Object.keys(errors).length;
    submit.disabled = count > 0;
    byId('submit-hint').textContent = count ? 'Fix ' + (count === 1 ? 'the field marked' : 'the ' + count + ' fields marked') + ' above to run it.' : '';
    return { request, ok: count === 0 };
  };
  form.addEventListener('input', validate);
  form.addEventListener('change', validate);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { request, ok } = validate();
    if (!ok) return;
    submit.disabled = true;
    problem.hidden = true;
    try {
      const { data } = await api('/api/experiments', { method: 'POST', body: request });
      onSubmitted(data);
    } catch (refusal) {
      showProblem(problem, refusal, form);
    } finally {
      submit.disabled = false;
    }
  });
  fill(root, form);
  validate();
  return form;
}

/** The service's refusal: its detail, each violation, and the violation under its field as well. */
function showProblem(box, problem, form) {
  fill(box, h('p', {}, h('strong', {}, 'The service refused it: '), problem.message),
    problem.violations.length ? h('ul', {}, problem.violations.map((v) => h('li', {}, h('code', {}, v.field), ' ', v.message))) : null);
  box.hidden = false;
  for (const violation of problem.violations) {
    const name = String(violation.field).replace(/\[.*$/, '');
    const target = form.querySelector('#' + CSS.escape(name) + '-error');
    if (target) target.textContent = violation.message;
  }
}
