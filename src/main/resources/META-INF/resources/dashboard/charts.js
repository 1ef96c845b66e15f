// The charts are the server's own SVG (the same picture an <img> embed shows), fetched as text, parsed
// and inserted into the page, so the page needs no chart library and tests can count series and points.

import { h, fill } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const dark = matchMedia('(prefers-color-scheme: dark)');

export const theme = () => (dark.matches ? 'dark' : 'light');

/** Calls back when the browser switches between light and dark, so charts can be fetched in the other theme. */
export function onThemeChange(listener) {
  dark.addEventListener('change', listener);
}

// The latest request per container: a slow answer must not replace a newer chart.
const latest = new WeakMap();

/** Fetches the chart at url into container; when it cannot be had, says so in the container instead. */
export async function showChart(container, url, what) {
  const ticket = {};
  latest.set(container, ticket);
  container.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(url, { headers: { Accept: 'image/svg+xml, application/problem+json' } });
    if (!response.ok) {
      let detail = 'HTTP ' + response.status;
      try {
        detail = (await response.json()).detail || detail;
      } catch {
        // not a problem document; the status says enough
      }
      throw new Error(detail);
    }
    const parsed = new DOMParser().parseFromString(await response.text(), 'image/svg+xml');
    const svg = parsed.documentElement;
    if (svg.namespaceURI !== SVG || svg.localName !== 'svg' || parsed.getElementsByTagName('parsererror').length) {
      throw new Error('the answer is not an SVG document');
    }
    if (latest.get(container) !== ticket) return;
    const node = document.importNode(clean(svg), true);
    node.setAttribute('role', 'img');
    fill(container, node);
  } catch (error) {
    if (latest.get(container) === ticket) {
      fill(container, h('p', { class: 'chart-missing' }, what + ' cannot be shown: ' + error.message));
    }
  } finally {
    if (latest.get(container) === ticket) container.removeAttribute('aria-busy');
  }
}

/**
 * The chart contract promises presentation attributes only; anything else is dropped before the page
 * gets it, because the page's CSP would refuse it anyway and log an error for each.
 */
function clean(svg) {
  for (const element of [...svg.querySelectorAll('script, style, foreignObject')]) element.remove();
  for (const element of [svg, ...svg.querySelectorAll('*')]) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      const href = name === 'href' || name === 'xlink:href';
      if (name.startsWith('on') || name === 'style' || (href && !attribute.value.startsWith('#'))) {
        element.removeAttribute(attribute.name);
      }
    }
  }
  return svg;
}

/** The URL of one of an experiment's charts, with the page's theme. */
export function experimentChartUrl(id, kind, { metric, scale, width, height }, absolute = false) {
  const query = new URLSearchParams({ theme: theme() });
  if (kind === 'cost') {
    query.set('metric', metric);
    query.set('scale', scale);
  }
  if (width) query.set('width', width);
  if (height) query.set('height', height);
  const path = '/api/experiments/' + encodeURIComponent(id) + '/charts/' + kind + '.svg?' + query;
  return absolute ? location.origin + path : path;
}
