// Calls to the admin API. Credentials: an API key kept in this tab's sessionStorage (sent as X-Api-Key), or an
// officer link token (sent as X-Officer-Link); behind App Service sign-in the browser's session cookie is enough.
// Errors arrive as RFC 7807 problem details; they are thrown as ApiError with the field -> messages map.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.errors = problem?.errors || {};
  }
}

// In Azure the Functions host also wants its own key on /api (authLevel function): x-functions-key.
const credentials = { key: sessionStorage.getItem('monitor.key') || '', link: '', functionsKey: sessionStorage.getItem('monitor.functionsKey') || '' };

export function useKey(key, functionsKey = '') {
  credentials.key = key;
  credentials.functionsKey = functionsKey;
  sessionStorage.setItem('monitor.key', key);
  sessionStorage.setItem('monitor.functionsKey', functionsKey);
}
export function useLink(link, functionsKey = '') { credentials.link = link; credentials.functionsKey = functionsKey; }

// With `text`, a successful answer's body is returned as text (an OPML export), not parsed as JSON.
export async function api(method, path, { body, etag, contentType = 'application/json', text: asText = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (credentials.key) headers['X-Api-Key'] = credentials.key;
  if (credentials.link) headers['X-Officer-Link'] = credentials.link;
  if (credentials.functionsKey) headers['x-functions-key'] = credentials.functionsKey;
  if (etag) headers['If-Match'] = etag;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await response.text();
  const data = !text ? null : asText && response.ok ? text : JSON.parse(text);
  if (!response.ok) throw new ApiError(response.status, data);
  return { data, etag: response.headers.get('ETag') };
}

// Text helpers: everything from the API is inserted as text, never as HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

export function flash(message, bad = false) {
  const box = document.getElementById('flash');
  box.textContent = message;
  box.classList.toggle('bad', bad);
  box.hidden = !message;
}

export function when(iso) { return iso ? new Date(iso).toLocaleString() : '—'; }

// How a match's place was read (placeMethod, placeConfidence of the API), e.g. " (NamedTown, confidence 0.85)"; '' when not recorded.
export function placedBy(m) { return m.placeMethod ? ` (${m.placeMethod}, confidence ${Number(m.placeConfidence).toFixed(2)})` : ''; }

// Small DOM helpers shared by the console's modules.
export const $ = id => document.getElementById(id);

/** "12 km from Goma office" / "3 km inside Sahel": where a match lies against the fence that took it. */
export const fenceDistance = m => `${m.distanceKm} km ${m.inside ? 'inside' : 'from'} ${m.fenceName}`;

/** Points the hidden download link at the given content and shows it, focused, as "Download <name>". */
export function offerDownload(link, content, type, name) {
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.download = name;
  link.textContent = `Download ${name}`;
  link.hidden = false;
  link.focus();
}
