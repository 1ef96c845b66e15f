// /embed/experiments/{id}: one experiment's result and live progress, for an iframe on another site.
// No navigation and no controls; chart options may come in the address (?metric=...&scale=log).

import { showExperiment, chartOptions } from './experiment.js';

const id = decodeURIComponent(location.pathname.replace(/^\/embed\/experiments\//, ''));
showExperiment(document.getElementById('experiment-body'), id, { embed: true, options: chartOptions(location.search) });
document.documentElement.dataset.ready = 'true';
performance.mark('playground-ready');
