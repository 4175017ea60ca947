// The admin console: one module, one section per tab. State is what the API returned last, with its ETag.
import { api, ApiError, el, flash, placedBy, useKey, when } from './api.js';
import { alertItem } from './alerts.js';
import { createMap } from './map.js';
import { fillRecipientExtras, readRecipientExtras } from './recipient-form.js';
import { addRuleRow, markRuleErrors, readPacks, readRule, renderPacks } from './rules.js';

const $ = id => document.getElementById(id);
const state = { packs: [], recipients: [], watchlist: null, watchlistEtag: null, recipient: null, recipientEtag: null, alertsNext: null, fences: [], countries: [] };

// ---- errors shown inline: field "rules[1]" -> #err-rules or the rule's own slot; unknown fields in the summary.
function showErrors(prefix, form, summary, error) {
  form.querySelectorAll('.err').forEach(p => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
  summary.hidden = true;
  summary.textContent = '';
  if (!error) return;
  if (!(error instanceof ApiError) || Object.keys(error.errors).length === 0) {
    summary.textContent = error.message;
    summary.hidden = false;
    return;
  }
  const rest = [];
  for (const [field, messages] of Object.entries(error.errors)) {
    const text = messages.join('; ');
    // The most specific slot: "rules[1].any" -> #err-rules-1-any, else #err-rules-1, else #err-rules.
    const slotId = f => `${prefix}err-${f.replace(/\[/g, '-').replace(/\]/g, '').replace(/\./g, '-')}`;
    let target = null;
    const parent = f => { const at = f.search(/(\.[^.[\]]*|\[\d+\])$/); return at > 0 ? f.slice(0, at) : ''; };
    for (let f = field; f && !target; f = parent(f)) target = $(slotId(f));
    if (target) {
      target.textContent = (target.textContent ? target.textContent + ' ' : '') + (target.id === slotId(field) ? text : `${field}: ${text}`);
      const input = form.querySelector(`[aria-describedby~="${target.id}"]`);
      input?.setAttribute('aria-invalid', 'true');
    } else {
      rest.push(`${field}: ${text}`);
    }
  }
  if (rest.length) { summary.textContent = rest.join(' — '); summary.hidden = false; }
}

// ---- tabs
document.querySelectorAll('nav button').forEach(b => b.addEventListener('click', () => showTab(b.dataset.tab)));
function showTab(name) {
  document.querySelectorAll('nav button').forEach(b => { if (b.dataset.tab === name) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current'); });
  document.querySelectorAll('main > section').forEach(s => { s.hidden = s.id !== `tab-${name}`; });
  ({ watchlists: loadWatchlists, recipients: loadRecipients, feeds: loadFeeds, alerts: () => loadAlerts(true), audit: loadAudit })[name]?.();
  if (name === 'watchlists') mapView.refresh();
}

// ---- sign-in
$('signin').addEventListener('submit', e => { e.preventDefault(); useKey($('api-key').value.trim(), $('functions-key').value.trim()); start(); });
async function start() {
  try {
    const { data } = await api('GET', '/api/me');
    flash('');
    // The editor is ready (lists and recipients loaded) before the console says who is signed in, so nothing
    // typed after that can be reset by a late answer.
    await loadWatchlists();
    $('whoami').textContent = `${data.name} (${data.role})`;
  } catch (e) {
    $('whoami').textContent = '';
    flash(e.status === 401 ? 'Enter an API key (or sign in) to use the console.' : e.message, e.status !== 401);
  }
}

// ---- watchlists
const wlForm = $('wl-form');
const mapView = createMap($('map'), fences => { renderFences(fences); scheduleValidate(); }, {
  countryOutline: code => api('GET', `/api/countries/${encodeURIComponent(code)}`).then(r => r.data),
});
$('draw-circle').addEventListener('click', () => mapView.setMode('circle'));
$('draw-polygon').addEventListener('click', () => mapView.setMode('polygon'));
$('add-vertex').addEventListener('click', () => mapView.addVertexAtCentre());
$('finish-polygon').addEventListener('click', () => mapView.finishPolygon());
$('add-country').addEventListener('click', () => {
  const code = $('new-country').value;
  if (!code) { $('draw-status').textContent = 'Choose a country first.'; return; }
  const name = state.countries.find(c => c.code === code)?.name || code;
  setFences([...state.fences, { kind: 'country', name, country: code }], true);
});
$('geojson-export').addEventListener('click', exportGeoJson);
$('wl-new').addEventListener('click', () => editWatchlist(null));
$('rule-add').addEventListener('click', () => { addRule({ any: [], all: [], none: [] }); scheduleValidate(); });
wlForm.addEventListener('input', scheduleValidate);
wlForm.addEventListener('submit', e => { e.preventDefault(); saveWatchlist(); });
$('wl-preview').addEventListener('click', previewWatchlist);
$('wl-delete').addEventListener('click', deleteWatchlist);
$('geojson-file').addEventListener('change', importGeoJson);

async function loadWatchlists() {
  try {
    const [{ data: lists }, { data: recipients }] = await Promise.all([api('GET', '/api/watchlists'), api('GET', '/api/recipients')]);
    state.recipients = recipients;
    if (!state.countries.length) loadCountries();
    if (!state.packs.length) await loadPacks();
    $('watchlist-list').replaceChildren(...lists.map(w => el('li', {}, el('button', { type: 'button', 'aria-current': state.watchlist?.id === w.id ? 'true' : null, onclick: () => openWatchlist(w.id) }, `${w.name || w.id} `, el('small', { text: `(${w.severity || 'moderate'})` })))));
    if (!state.watchlist) editWatchlist(null);
  } catch (e) { flash(e.message, true); }
}

async function openWatchlist(id) {
  flash('');
  try {
    const { data, etag } = await api('GET', `/api/watchlists/${encodeURIComponent(id)}`);
    editWatchlist(data, etag);
  } catch (e) { flash(e.message, true); }
}

function editWatchlist(w, etag = null) {
  state.watchlist = w;
  state.watchlistEtag = etag;
  const v = w || { id: '', name: '', category: '', severity: 'moderate', rules: [{ any: [], all: [], none: [] }], geofences: [], recipients: [] };
  // A watchlist's own rules only: a pack watchlist may have none, and its pack rules are shown under the pack.
  renderPacks($('wl-packs'), state.packs, v.packs || [], scheduleValidate);
  $('wl-title').textContent = w ? `Edit ${w.name || w.id}` : 'New watchlist';
  wlForm.id.value = v.id; wlForm.id.readOnly = !!w;
  wlForm.name.value = v.name || ''; wlForm.category.value = v.category || ''; wlForm.severity.value = v.severity || 'moderate';
  $('rules').replaceChildren(); (v.rules || []).forEach(addRule);
  renderFences(v.geofences); mapView.setFences(state.fences, true);
  $('wl-recipients').replaceChildren(...state.recipients.map(r => el('label', {}, el('input', { type: 'checkbox', name: 'recipient', value: r.id, checked: v.recipients.includes(r.id) }), r.name || r.id)));
  $('wl-delete').hidden = !w;
  $('preview').hidden = true;
  showWatchlistErrors(null);
}

function addRule(rule) { addRuleRow($('rules'), rule, scheduleValidate); }

// Inline errors of the watchlist form, and each rule query's error marked at its column (the problem's ruleSyntax).
function showWatchlistErrors(error) {
  showErrors('', wlForm, $('wl-summary'), error);
  markRuleErrors($('rules'), error?.problem?.ruleSyntax);
}

async function loadPacks() {
  try { state.packs = (await api('GET', '/api/packs')).data; }
  catch { /* no pack list: the watchlist's packs are still shown by id and kept */ }
}

async function loadCountries() {
  try {
    const { data } = await api('GET', '/api/countries');
    state.countries = data;
    $('new-country').replaceChildren(el('option', { value: '' }, 'Choose a country…'), ...data.map(c => el('option', { value: c.code }, `${c.name} (${c.code})`)));
  } catch { /* the list stays empty: country fences can still be imported */ }
}

const kindOf = f => f.kind || (f.country ? 'country' : f.geometry ? (/LineString/.test(f.geometry.type || '') ? 'corridor' : 'polygon') : 'circle');

// Positions as text, one "longitude latitude" per line: the keyboard way to read and edit an outline.
const ringText = ring => (ring || []).slice(0, -1).map(([lon, lat]) => `${lon} ${lat}`).join('\n');
const lineText = line => (line || []).map(([lon, lat]) => `${lon} ${lat}`).join('\n');
const parsePositions = text => text.split('\n').map(l => l.trim()).filter(Boolean).map(l => l.split(/[\s,]+/).map(Number));

function setFences(list, fit = false) { renderFences(list); mapView.setFences(state.fences, fit); scheduleValidate(); }

function renderFences(fences) {
  state.fences = fences.map(f => ({ ...f }));
  $('fences').replaceChildren(...state.fences.map((f, i) => {
    const n = i + 1;
    const update = (changes, redraw = true) => { state.fences[i] = { ...state.fences[i], ...changes }; if (redraw) mapView.setFences(state.fences); scheduleValidate(); };
    const input = (key, label, type = 'number') => el('label', {}, el('span', { class: 'sr' }, label),
      el('input', { type, step: 'any', value: f[key] ?? '', 'aria-label': `Geofence ${n} ${key}`, 'aria-describedby': 'err-geofences',
        onchange: e => update({ [key]: type === 'number' ? (e.target.value === '' ? null : Number(e.target.value)) : e.target.value }) }));
    const kind = kindOf(f);
    let shape;
    if (kind === 'circle') {
      shape = [input('lat', 'Latitude'), input('lon', 'Longitude'), input('radiusKm', 'Radius km')];
    } else if (kind === 'country') {
      const select = el('select', { 'aria-label': `Geofence ${n} country`, 'aria-describedby': 'err-geofences', onchange: e => update({ country: e.target.value }) },
        ...(state.countries.some(c => c.code === f.country) ? [] : [el('option', { value: f.country || '' }, f.country || '—')]),
        ...state.countries.map(c => el('option', { value: c.code, selected: c.code === f.country }, `${c.name} (${c.code})`)));
      shape = [select];
    } else if (kind === 'polygon' && f.geometry?.type === 'Polygon') {
      shape = [el('label', {}, el('span', { class: 'sr' }, 'Corners'), el('textarea', { rows: 3, 'aria-label': `Geofence ${n} corners (longitude latitude, one per line)`, 'aria-describedby': 'err-geofences',
        onchange: e => { const ring = parsePositions(e.target.value); if (ring.length) ring.push([...ring[0]]); update({ geometry: { type: 'Polygon', coordinates: [ring, ...f.geometry.coordinates.slice(1)] } }); } }, ringText(f.geometry.coordinates[0])))];
    } else if (kind === 'corridor' && f.geometry?.type === 'LineString') {
      shape = [el('label', {}, el('span', { class: 'sr' }, 'Line'), el('textarea', { rows: 3, 'aria-label': `Geofence ${n} line (longitude latitude, one per line)`, 'aria-describedby': 'err-geofences',
        onchange: e => update({ geometry: { type: 'LineString', coordinates: parsePositions(e.target.value) } }) }, lineText(f.geometry.coordinates))),
        input('bufferKm', 'Km either side')];
    } else {
      const parts = f.geometry?.coordinates?.length ?? 0;
      shape = [el('span', { text: `${f.geometry?.type || 'geometry'}, ${parts} part${parts === 1 ? '' : 's'} (edit by importing GeoJSON)` }), ...(kind === 'corridor' ? [input('bufferKm', 'Km either side')] : [])];
    }
    return el('tr', { 'data-index': i },
      el('td', { text: kind }),
      el('td', {}, input('name', 'Name', 'text')),
      el('td', {}, el('div', { class: 'shape' }, ...shape)),
      el('td', {}, el('button', { type: 'button', 'aria-label': `Remove geofence ${n}`, onclick: () => { const list = [...state.fences]; list.splice(i, 1); setFences(list); } }, '✕')));
  }));
}

function readFences() {
  return state.fences.map(f => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null && v !== undefined && v !== '')));
}

function readWatchlist() {
  return {
    id: wlForm.id.value.trim(),
    name: wlForm.name.value.trim() || null,
    category: wlForm.category.value.trim() || null,
    severity: wlForm.severity.value,
    rules: [...$('rules').children].map(readRule),
    ...packsOf(state.watchlist),
    geofences: readFences(),
    recipients: [...wlForm.querySelectorAll('input[name="recipient"]:checked')].map(c => c.value),
  };
}

// Packs as the watchlist had them: left out when it had none and none are chosen, so an unchanged save is identical.
function packsOf(original) {
  const packs = readPacks($('wl-packs'), original?.packs || []);
  return packs.length || original?.packs ? { packs } : {};
}

let validateTimer;
function scheduleValidate() {
  clearTimeout(validateTimer);
  validateTimer = setTimeout(async () => {
    const draft = readWatchlist();
    if (!draft.id) draft.id = 'draft';
    try { await api('POST', '/api/watchlists/validate', { body: draft }); showWatchlistErrors(null); }
    catch (e) { if (e.status === 400) showWatchlistErrors(e); }
  }, 400);
}

async function previewWatchlist() {
  const days = Number($('preview-days').value) || 7;
  flash('');
  $('preview').hidden = true;
  try {
    const { data } = await api('POST', '/api/watchlists/preview', { body: { watchlist: readWatchlist(), days } });
    showWatchlistErrors(null);
    $('preview').hidden = false;
    const alerts = data.alerts.map(a => `${a.recipientId}: ${a.items}`).join(', ');
    $('preview-summary').textContent = `${data.matches.length} of ${data.scanned} items from the last ${data.days} days would have matched${data.truncated ? ' (newest items only)' : ''}. ` +
      (alerts ? `Alerts: ${alerts}.` : 'Nobody would have been alerted.');
    $('preview-rows').replaceChildren(...data.matches.map(m => el('tr', {},
      el('td', {}, m.link ? el('a', { href: m.link, rel: 'noopener noreferrer', target: '_blank' }, m.title) : m.title),
      el('td', { text: m.terms.join(', ') + (m.score == null ? '' : ` (relevance ${m.score.toFixed(2)})`) }),
      el('td', { text: ([m.placeName, m.fenceName && `${m.distanceKm} km ${m.inside ? 'inside' : 'from'} ${m.fenceName}`].filter(Boolean).join(' — ') || '—') + placedBy(m) }))));
  } catch (e) { failed('Not previewed', e); }
}

// A failed request says so in the banner (never leaving an earlier success there) and inline in the form.
function failed(what, e) {
  flash(e.status === 412 ? 'Someone else changed this watchlist since you opened it. Reopen it and apply your change again.'
    : `${what}: ${e.status === 400 ? 'see the errors in the form.' : e.message}`, true);
  showWatchlistErrors(e);
}

async function saveWatchlist() {
  const draft = readWatchlist();
  flash('');
  try {
    const { data, etag } = state.watchlist
      ? await api('PUT', `/api/watchlists/${encodeURIComponent(state.watchlist.id)}`, { body: draft, etag: state.watchlistEtag })
      : await api('POST', '/api/watchlists', { body: draft });
    editWatchlist(data, etag);
    flash(`Saved watchlist ${data.name || data.id}.`);
    loadWatchlists();
  } catch (e) { failed('Not saved', e); }
}

async function deleteWatchlist() {
  if (!state.watchlist || !confirm(`Delete watchlist ${state.watchlist.id}?`)) return;
  flash('');
  try {
    await api('DELETE', `/api/watchlists/${encodeURIComponent(state.watchlist.id)}`, { etag: state.watchlistEtag });
    flash(`Deleted ${state.watchlist.id}.`);
    state.watchlist = null;
    loadWatchlists();
  } catch (e) { flash(e.message, true); }
}

// GeoJSON features to geofence entries (the server's import reads the same shapes); the validation that runs
// after names any feature that is wrong, by its geofence index.
function fenceFromFeature(f, i) {
  const p = f.properties || {};
  const name = p.name || `Imported ${i + 1}`;
  const site = p.site && typeof p.site === 'object' ? { name: p.site.name || name, lat: p.site.lat, lon: p.site.lon } : undefined;
  if (p.country) return { kind: 'country', name, country: String(p.country).toUpperCase(), site };
  const g = f.geometry || {};
  if (g.type === 'Point') return { name, lon: g.coordinates?.[0], lat: g.coordinates?.[1], radiusKm: Number(p.radiusKm) || undefined };
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return { kind: 'polygon', name, geometry: g, site };
  if (g.type === 'LineString' || g.type === 'MultiLineString') return { kind: 'corridor', name, geometry: g, bufferKm: Number(p.corridorKm ?? p.bufferKm) || undefined, site };
  return null;
}

async function importGeoJson(e) {
  const file = e.target.files[0];
  if (!file) return;
  try {
    const geo = JSON.parse(await file.text());
    const features = geo.type === 'FeatureCollection' ? geo.features : [geo];
    const added = features.map(fenceFromFeature).filter(Boolean);
    setFences([...state.fences, ...added], true);
    flash(`${added.length} geofences added from ${file.name}${added.length < features.length ? `; ${features.length - added.length} features of unsupported types skipped` : ''}. Save to keep them.`);
  } catch (err) { flash(`${file.name} is not GeoJSON: ${err.message}`, true); }
  e.target.value = '';
}

async function exportGeoJson() {
  if (!state.watchlist) { flash('Save the watchlist first: the export is of stored fences.', true); return; }
  try {
    const { data } = await api('GET', `/api/watchlists/${encodeURIComponent(state.watchlist.id)}/geofences`);
    const link = $('geojson-download');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/geo+json' }));
    link.download = `${state.watchlist.id}-geofences.geojson`;
    link.textContent = `Download ${link.download}`;
    link.hidden = false;
    link.focus();
  } catch (err) { flash(err.message, true); }
}

// ---- recipients
const rcForm = $('rc-form');
$('rc-new').addEventListener('click', () => editRecipient(null));
rcForm.addEventListener('submit', async e => {
  e.preventDefault();
  flash('');
  const channels = [...rcForm.querySelectorAll('input[name="channels"]:checked')].map(c => c.value);
  // PUT replaces the whole entry: start from what GET returned, so a setting this form does not show (admin) is kept.
  const body = { ...(state.recipient || {}), id: rcForm.id.value.trim(), name: rcForm.name.value.trim() || null, phone: rcForm.phone.value.trim() || null, email: rcForm.email.value.trim() || null, channels, timeZone: rcForm.timeZone.value.trim() || null, ...readRecipientExtras(rcForm) };
  try {
    const { data, etag } = state.recipient
      ? await api('PUT', `/api/recipients/${encodeURIComponent(state.recipient.id)}`, { body, etag: state.recipientEtag })
      : await api('POST', '/api/recipients', { body });
    editRecipient(data, etag); flash(`Saved recipient ${data.id}.`); loadRecipients();
  } catch (err) { showErrors('rc-', rcForm, $('rc-summary'), err); }
});
$('rc-delete').addEventListener('click', async () => {
  if (!state.recipient || !confirm(`Delete recipient ${state.recipient.id}?`)) return;
  flash('');
  try { await api('DELETE', `/api/recipients/${encodeURIComponent(state.recipient.id)}`, { etag: state.recipientEtag }); editRecipient(null); loadRecipients(); }
  catch (err) { flash(err.message, true); }
});
$('rc-link').addEventListener('click', async () => {
  if (!state.recipient) return;
  flash('');
  try {
    const { data } = await api('POST', `/api/subscriptions/${encodeURIComponent(state.recipient.id)}/link`);
    const url = new URL(data.url, location.origin).href;
    $('rc-link-out').replaceChildren('Officer link (valid until ', when(data.expires), '): ', el('a', { href: url }, url));
  } catch (err) { flash(err.message, true); }
});

async function loadRecipients() {
  try {
    const { data } = await api('GET', '/api/recipients');
    state.recipients = data;
    $('recipient-list').replaceChildren(...data.map(r => el('li', {}, el('button', { type: 'button', onclick: async () => { const g = await api('GET', `/api/recipients/${encodeURIComponent(r.id)}`); editRecipient(g.data, g.etag); } }, r.name || r.id))));
  } catch (e) { flash(e.message, true); }
}

function editRecipient(r, etag = null) {
  state.recipient = r; state.recipientEtag = etag;
  const v = r || {};
  for (const k of ['id', 'name', 'phone', 'email', 'timeZone']) rcForm[k].value = v[k] || '';
  rcForm.id.readOnly = !!r;
  rcForm.querySelectorAll('input[name="channels"]').forEach(c => { c.checked = (v.channels || []).includes(c.value); });
  fillRecipientExtras(rcForm, r, state.recipients);
  $('rc-delete').hidden = !r; $('rc-link').hidden = !r; $('rc-link-out').textContent = '';
  showErrors('rc-', rcForm, $('rc-summary'), null);
  showSmsBlock(r);
}

// A blocked SMS number (permanent provider error or STOP): why, since when, and the admin action that clears it.
async function showSmsBlock(r) {
  const out = $('rc-sms-block');
  out.replaceChildren();
  if (!r) return;
  try {
    const { data } = await api('GET', '/api/sms-blocks');
    const block = data.find(b => b.recipientId === r.id);
    if (!block || state.recipient?.id !== r.id) return;
    const clear = el('button', { type: 'button', onclick: async () => {
      flash('');
      try { await api('POST', `/api/sms-blocks/${encodeURIComponent(r.id)}/clear`); flash(`SMS to ${r.id} unblocked.`); showSmsBlock(r); }
      catch (err) { flash(err.message, true); }
    } }, 'Clear SMS block');
    out.replaceChildren('SMS blocked', block.since ? el('span', {}, ' since ', when(block.since)) : '', `: ${block.reason} `, clear);
  } catch (err) { flash(err.message, true); }
}

// ---- feeds
const fdForm = $('fd-form');
fdForm.addEventListener('submit', async e => {
  e.preventDefault();
  flash('');
  const body = { id: fdForm.id.value.trim(), name: fdForm.name.value.trim() || null, url: fdForm.url.value.trim(), minIntervalMinutes: Number(fdForm.minIntervalMinutes.value) || null };
  try { await api('POST', '/api/feeds', { body }); fdForm.reset(); showErrors('fd-', fdForm, $('fd-summary'), null); flash(`Added feed ${body.id}.`); loadFeeds(); }
  catch (err) { showErrors('fd-', fdForm, $('fd-summary'), err); }
});
$('opml-file').addEventListener('change', async e => {
  const file = e.target.files[0];
  if (!file) return;
  try {
    const { data } = await api('POST', '/api/import/opml', { body: await file.text(), contentType: 'text/x-opml' });
    $('opml-out').textContent = `Added ${data.added.length} feeds; skipped ${data.skipped.length}${data.skipped.length ? ': ' + data.skipped.map(s => `${s.id} (${s.reason})`).join(', ') : ''}.`;
    loadFeeds();
  } catch (err) { $('opml-out').textContent = `${err.message} ${Object.entries(err.errors || {}).map(([k, v]) => `${k}: ${v.join('; ')}`).join(' — ')}`; }
  e.target.value = '';
});

async function loadFeeds() {
  try {
    const { data } = await api('GET', '/api/feeds/health');
    $('feed-rows').replaceChildren(...data.map(f => el('tr', {},
      el('td', {}, el('strong', { text: f.name }), el('br'), el('small', { text: f.url })),
      el('td', { class: `status-${f.status.replace(' ', '-')}`, text: f.status + (f.consecutiveFailures ? ` (${f.consecutiveFailures})` : '') }),
      el('td', { text: when(f.lastSuccess) }),
      el('td', { text: f.lastError || '' }),
      el('td', {}, el('button', { type: 'button', class: 'danger', 'aria-label': `Delete feed ${f.id}`, onclick: () => deleteFeed(f.id) }, 'Delete')))));
  } catch (e) { flash(e.message, true); }
}

async function deleteFeed(id) {
  if (!confirm(`Delete feed ${id}?`)) return;
  try { const { etag } = await api('GET', `/api/feeds/${encodeURIComponent(id)}`); await api('DELETE', `/api/feeds/${encodeURIComponent(id)}`, { etag }); loadFeeds(); }
  catch (e) { flash(e.message, true); }
}

// ---- alerts (alerts.js: message, acknowledgement, why, other reports, incident)
$('alerts-refresh').addEventListener('click', () => loadAlerts(true));
$('alerts-more').addEventListener('click', () => loadAlerts(false));
async function loadAlerts(fresh) {
  try {
    const page = fresh ? '' : `&page=${encodeURIComponent(state.alertsNext)}`;
    const { data } = await api('GET', `/api/alerts?top=25${page}`);
    const items = data.items.map(alertItem);
    if (fresh) $('alert-list').replaceChildren(...items); else $('alert-list').append(...items);
    if (fresh && items.length === 0) $('alert-list').replaceChildren(el('li', { text: 'No alerts yet.' }));
    state.alertsNext = data.next;
    $('alerts-more').hidden = !data.next;
  } catch (e) { flash(e.message, true); }
}

// ---- audit
async function loadAudit() {
  try {
    const { data } = await api('GET', '/api/audit?top=50');
    $('audit-rows').replaceChildren(...data.items.map(a => el('tr', {},
      el('td', { text: when(a.at) }), el('td', { text: a.actor }), el('td', { text: `${a.action} ${a.kind} ${a.entityId}` }),
      el('td', {}, el('details', {}, el('summary', {}, 'before / after'), el('pre', { text: `before: ${a.before ?? '—'}\nafter:  ${a.after ?? '—'}` }))))));
  } catch (e) { flash(e.message, true); }
}

window.monitorConsole = { map: mapView.map };
start();
