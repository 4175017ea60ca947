// The watchlist editor: packs, own rules in the rule language, geofences on the map and in the table, recipients,
// preview over stored items, save. State is what the API returned last, with its ETag.
import { $, api, el, fenceDistance, flash, offerDownload, placedBy } from './api.js';
import { cleanFences, fenceFromFeature, fenceSummary, renderFenceRows } from './fences.js';
import { showErrors } from './forms.js';
import { createMap } from './map.js';
import { setupPlaceSearch } from './place-search.js';
import { addRuleRow, markRuleErrors, readPacks, readRule, renderPacks } from './rules.js';

const state = { packs: [], recipients: [], watchlist: null, watchlistEtag: null, fences: [], countries: [] };
const wlForm = $('wl-form');

export const mapView = createMap($('map'), fences => { renderFences(fences); scheduleValidate(); }, {
  countryOutline: code => api('GET', `/api/countries/${encodeURIComponent(code)}`).then(r => r.data),
  labels: query => api('GET', `/api/places/labels?${query}`).then(r => r.data),
});
$('draw-circle').addEventListener('click', () => mapView.setMode('circle'));
$('draw-polygon').addEventListener('click', () => mapView.setMode('polygon'));
$('draw-corridor').addEventListener('click', () => mapView.setMode('corridor'));
$('add-vertex').addEventListener('click', () => mapView.placeAtCentre());
$('finish-polygon').addEventListener('click', () => mapView.finishPolygon());
$('add-country').addEventListener('click', () => {
  const code = $('new-country').value;
  if (!code) { $('draw-status').textContent = 'Choose a country first.'; return; }
  addCountry(code);
});
setupPlaceSearch({
  button: $('place-search-go'), input: $('place-search'), results: $('place-results'), mapView,
  onCircle: p => {
    const radiusKm = Number($('new-radius').value) || 10;
    setFences([...state.fences, { name: $('new-fence-name').value.trim() || p.matched, lat: p.lat, lon: p.lon, radiusKm }], true);
    $('draw-status').textContent = `Circle of ${radiusKm} km around ${p.matched} added.`;
  },
  onCountry: p => addCountry(p.countryCode),
});
$('geojson-export').addEventListener('click', exportGeoJson);
$('wl-new').addEventListener('click', () => editWatchlist(null));
$('rule-add').addEventListener('click', () => { addRule({ any: [], all: [], none: [] }); scheduleValidate(); });
wlForm.addEventListener('input', e => { if (!e.target.closest('.place-search')) scheduleValidate(); });
wlForm.addEventListener('submit', e => { e.preventDefault(); saveWatchlist(); });
$('wl-preview').addEventListener('click', previewWatchlist);
$('wl-delete').addEventListener('click', deleteWatchlist);
$('geojson-file').addEventListener('change', importGeoJson);

function addCountry(code) {
  const name = state.countries.find(c => c.code === code)?.name || code;
  setFences([...state.fences, { kind: 'country', name, country: code }], true);
}

export async function loadWatchlists() {
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

function setFences(list, fit = false) { renderFences(list); mapView.setFences(state.fences, fit); scheduleValidate(); }

function renderFences(fences) {
  state.fences = fences.map(f => ({ ...f }));
  $('fence-summary').textContent = fenceSummary(state.fences.length);
  renderFenceRows($('fences'), state.fences, {
    countries: state.countries,
    update: (i, changes) => { state.fences[i] = { ...state.fences[i], ...changes }; mapView.setFences(state.fences); scheduleValidate(); if ('lat' in changes && 'lon' in changes) renderFences(state.fences); },
    remove: i => { const list = [...state.fences]; list.splice(i, 1); setFences(list); },
    centre: () => { const c = mapView.map.getCenter().wrap(); return { lat: Math.round(c.lat * 1e5) / 1e5, lon: Math.round(c.lng * 1e5) / 1e5 }; },
  });
}

function readWatchlist() {
  return {
    id: wlForm.id.value.trim(),
    name: wlForm.name.value.trim() || null,
    category: wlForm.category.value.trim() || null,
    severity: wlForm.severity.value,
    rules: [...$('rules').children].map(readRule),
    ...packsOf(state.watchlist),
    geofences: cleanFences(state.fences),
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

const itemCell = m => el('td', {}, m.link ? el('a', { href: m.link, rel: 'noopener noreferrer', target: '_blank' }, m.title) : m.title);
const scoreText = m => m.score == null ? '' : ` (relevance ${m.score.toFixed(2)})`;

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
    $('preview-rows').replaceChildren(...data.matches.map(m => el('tr', {}, itemCell(m),
      el('td', { text: m.terms.join(', ') + scoreText(m) }),
      el('td', { text: ([m.placeName, m.fenceName && fenceDistance(m)].filter(Boolean).join(' — ') || '—') + placedBy(m) }))));
    const misses = data.nearMisses || [];
    $('near-misses').hidden = misses.length === 0;
    $('near-miss-rows').replaceChildren(...misses.map(m => el('tr', {}, itemCell(m),
      el('td', { text: (m.terms.join(', ') || '—') + scoreText(m) }),
      el('td', { text: m.reason }))));
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
    offerDownload($('geojson-download'), JSON.stringify(data, null, 2), 'application/geo+json', `${state.watchlist.id}-geofences.geojson`);
  } catch (err) { flash(err.message, true); }
}
