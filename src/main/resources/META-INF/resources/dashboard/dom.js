// DOM building without parsing markup: every piece of data becomes a text node or an attribute value, so a
// name such as <img src=x onerror=alert(1)> is shown as text, never parsed as markup.

/** An element: h('a', {href: url, class: 'x'}, 'text', child, [more children]). */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name in PROPERTIES) {
      element[PROPERTIES[name]] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

// Set as properties, which reflect the live state of form controls rather than their initial markup.
const PROPERTIES = { value: 'value', checked: 'checked', disabled: 'disabled', selected: 'selected' };

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export const byId = (id) => document.getElementById(id);

const number = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });
const whole = new Intl.NumberFormat('en');

/** 4 significant digits, or an en dash when there is nothing to show. */
export function num(value) {
  return value === undefined || value === null || Number.isNaN(value) ? '–' : number.format(value);
}

export function int(value) {
  return value === undefined || value === null ? '–' : whole.format(value);
}

export function pct(fraction, digits = 1) {
  return fraction === undefined || fraction === null ? '–' : (fraction * 100).toFixed(digits) + '%';
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '–';
}

/** Escapes text for an HTML attribute value in a snippet that someone pastes into their own page. */
export function attr(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Announces a message to screen readers through the page's live region. */
export function announce(message) {
  const region = byId('announcer');
  if (region) region.textContent = message;
}
