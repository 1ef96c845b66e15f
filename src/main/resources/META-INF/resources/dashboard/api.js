// Calls to the service's API. Errors arrive as application/problem+json; they are thrown as Problem so
// the page can show the server's own words (detail, violations). With playground.security.api-key set,
// POST and DELETE need a key: the page asks for it once and keeps it for this tab (sessionStorage).

const KEY = 'playground.apiKey';

export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || 'HTTP ' + status);
    this.status = status;
    this.body = body || {};
  }

  get violations() {
    return Array.isArray(this.body.violations) ? this.body.violations : [];
  }
}

let askForKey = async () => null;

/** Installs what asks the person for an API key; it resolves to the key, or null when they decline. */
export function onKeyNeeded(ask) {
  askForKey = ask;
}

export async function api(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const headers = { Accept: accept + ', application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const key = sessionStorage.getItem(KEY);
    if (key && method !== 'GET') headers.Authorization = 'Bearer ' + key;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401 && method !== 'GET') {
      const problem = await readProblem(response);
      const given = await askForKey(problem.message, Boolean(key));
      if (!given) throw problem;
      sessionStorage.setItem(KEY, given);
      continue;
    }
    if (!response.ok) throw await readProblem(response);
    if (response.status === 204) return { response, data: null };
    const type = response.headers.get('Content-Type') || '';
    const data = type.includes('json') ? await response.json() : await response.text();
    return { response, data };
  }
  throw new Problem(401, { detail: 'The API key was refused.' });
}

async function readProblem(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = { detail: 'The service answered ' + response.status + ' ' + response.statusText + '.' };
  }
  return new Problem(response.status, body);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

export const experimentPath = (id) => '/api/experiments/' + encodeURIComponent(id);
