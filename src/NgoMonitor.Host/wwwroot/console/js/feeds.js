// The feeds tab, as a feed reader has it: the list with health, folder and per-feed Edit / Test / Poll now /
// Delete; one form to add or edit a feed (the id is derived from the URL when left empty), "Find feeds" on a site
// URL (autodiscovery), "Test this feed" on the form's draft (fetched and parsed by the server, items shown with the
// watchlists they would match; nothing stored), and OPML import and export with folders kept.
import { $, api, el, fenceDistance, flash, offerDownload, when } from './api.js';
import { showErrors } from './forms.js';

const form = $('fd-form');
let editing = null; // { id, etag } of the feed being edited, null when adding

form.addEventListener('submit', async e => { e.preventDefault(); await save(); });
$('fd-test').addEventListener('click', () => test(readForm()));
$('fd-discover').addEventListener('click', discover);
$('fd-cancel').addEventListener('click', () => edit(null));
$('opml-export').addEventListener('click', exportOpml);
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

function readForm() {
  const body = {
    id: form.id.value.trim(), name: form.name.value.trim() || null, url: form.url.value.trim(),
    minIntervalMinutes: Number(form.minIntervalMinutes.value) || null, folder: form.folder.value.trim() || null,
    language: form.language.value.trim() || null, country: form.country.value.trim() || null,
    allowPrivateNetwork: form.allowPrivateNetwork.checked,
    home: readHome(),
  };
  if (!body.id) delete body.id; // the server derives it from the URL
  return body;
}

// The feed's home area: none when all three fields are empty; a partly filled one goes to the server, which names what is missing.
function readHome() {
  const [lat, lon, radiusKm] = ['homeLat', 'homeLon', 'homeRadiusKm'].map(k => form[k].value.trim());
  if (!lat && !lon && !radiusKm) return null;
  const num = t => (t === '' ? null : Number(t));
  return { lat: num(lat), lon: num(lon), radiusKm: num(radiusKm) };
}

function edit(feed, etag = null) {
  editing = feed ? { id: feed.id, etag } : null;
  const v = feed || {};
  for (const k of ['id', 'name', 'url', 'folder', 'language', 'country']) form[k].value = v[k] || '';
  form.minIntervalMinutes.value = v.minIntervalMinutes || 5;
  form.allowPrivateNetwork.checked = !!v.allowPrivateNetwork;
  form.homeLat.value = v.home?.lat ?? '';
  form.homeLon.value = v.home?.lon ?? '';
  form.homeRadiusKm.value = v.home?.radiusKm ?? '';
  form.id.readOnly = !!feed;
  $('fd-title').textContent = feed ? `Edit ${feed.name || feed.id}` : 'Add a feed';
  $('fd-save').textContent = feed ? 'Save feed' : 'Add feed';
  $('fd-cancel').hidden = !feed;
  showErrors('fd-', form, $('fd-summary'), null);
  if (feed) form.name.focus();
}

async function save() {
  flash('');
  const body = readForm();
  try {
    const { data } = editing
      ? await api('PUT', `/api/feeds/${encodeURIComponent(editing.id)}`, { body, etag: editing.etag })
      : await api('POST', '/api/feeds', { body });
    edit(null);
    flash(`Saved feed ${data.name || data.id} (id ${data.id}).`);
    loadFeeds();
  } catch (err) {
    showErrors('fd-', form, $('fd-summary'), err);
    flash(err.status === 412 ? 'Someone else changed this feed since you opened it. Reopen it and apply your change again.' : `Feed not saved: ${err.status === 400 ? 'see the errors in the form.' : err.message}`, true);
  }
}

async function discover() {
  const url = form.url.value.trim();
  const out = $('fd-found');
  flash('');
  out.replaceChildren(el('li', { text: 'Looking for feeds…' }));
  try {
    const { data } = await api('POST', '/api/feeds/discover', { body: { url, allowPrivateNetwork: form.allowPrivateNetwork.checked } });
    out.replaceChildren(...(data.feeds.length ? data.feeds.map(f => el('li', {}, el('button', { type: 'button', onclick: () => {
      form.url.value = f.url;
      if (!form.name.value) form.name.value = f.title || '';
      out.replaceChildren(el('li', { text: `Using ${f.url}` }));
      form.url.focus();
    } }, `Use ${f.title || f.url}`), ` ${f.url} (${f.type}, id ${f.id})`)) : [el('li', { text: `${data.url} announces no feed.` })]));
  } catch (err) {
    out.replaceChildren();
    showErrors('fd-', form, $('fd-summary'), err);
  }
}

// Fetches and parses a feed (a draft or a stored one) on the server and shows its items and their matches.
async function test(body) {
  const out = $('fd-test-out');
  out.hidden = false;
  $('fd-test-summary').textContent = `Testing ${body.url || 'the feed'}…`;
  $('fd-test-rows').replaceChildren();
  try {
    const { data } = await api('POST', '/api/feeds/test', { body });
    if (!data.ok) {
      $('fd-test-summary').textContent = `The feed failed: ${data.error}${data.httpStatus ? ` (HTTP ${data.httpStatus})` : ''}. Nothing was stored.`;
      return;
    }
    const matched = data.items.filter(i => i.matches.length).length;
    $('fd-test-summary').textContent = `“${data.title || data.url}”: ${data.itemCount} items${data.items.length < data.itemCount ? ` (first ${data.items.length} shown)` : ''}, ${matched} would match a watchlist now.${data.warning ? ` Warning: ${data.warning}.` : ''} Nothing was stored.`;
    $('fd-test-rows').replaceChildren(...data.items.map(i => el('tr', {},
      el('td', {}, i.link ? el('a', { href: i.link, rel: 'noopener noreferrer', target: '_blank' }, i.title) : i.title, el('br'), el('small', { text: when(i.published) })),
      el('td', { text: i.matches.map(m => `${m.watchlist || m.watchlistId}: ${m.terms.join(', ')}` + (m.fenceName ? `; ${m.placeName || 'place'} ${fenceDistance(m)}` : m.placeName ? `; ${m.placeName}` : '')).join(' | ') || '—' }))));
  } catch (err) {
    $('fd-test-summary').textContent = '';
    out.hidden = true;
    showErrors('fd-', form, $('fd-summary'), err);
  }
}

async function pollNow(id) {
  flash('');
  try {
    await api('POST', `/api/feeds/${encodeURIComponent(id)}/poll`);
    flash(`Feed ${id} will be polled now; its status updates when the poll is done (Refresh).`);
  } catch (e) { flash(e.message, true); }
}

async function open(id, then) {
  try { const { data, etag } = await api('GET', `/api/feeds/${encodeURIComponent(id)}`); then(data, etag); }
  catch (e) { flash(e.message, true); }
}

export async function loadFeeds() {
  try {
    const [{ data: health }, { data: feeds }] = await Promise.all([api('GET', '/api/feeds/health'), api('GET', '/api/feeds')]);
    const folderOf = new Map(feeds.map(f => [f.id, f.folder || '']));
    const rows = [...health].sort((a, b) => (folderOf.get(a.id) || '').localeCompare(folderOf.get(b.id) || '') || a.name.localeCompare(b.name));
    $('feed-rows').replaceChildren(...rows.map(f => el('tr', {},
      el('td', {}, el('strong', { text: f.name }), el('br'), el('small', { text: f.url }), folderOf.get(f.id) ? el('div', { class: 'hint', text: `Folder: ${folderOf.get(f.id)}` }) : ''),
      el('td', { class: `status-${f.status.replace(' ', '-')}`, text: f.status + (f.consecutiveFailures ? ` (${f.consecutiveFailures})` : '') }),
      el('td', { text: when(f.lastSuccess) }),
      el('td', { text: f.lastError || '' }),
      el('td', {}, el('div', { class: 'row-actions' },
        el('button', { type: 'button', 'aria-label': `Edit feed ${f.id}`, onclick: () => open(f.id, edit) }, 'Edit'),
        el('button', { type: 'button', 'aria-label': `Test feed ${f.id}`, onclick: () => open(f.id, data => test(data)) }, 'Test'),
        el('button', { type: 'button', 'aria-label': `Poll feed ${f.id} now`, onclick: () => pollNow(f.id) }, 'Poll now'),
        el('button', { type: 'button', class: 'danger', 'aria-label': `Delete feed ${f.id}`, onclick: () => deleteFeed(f.id) }, 'Delete'))))));
  } catch (e) { flash(e.message, true); }
}

async function deleteFeed(id) {
  if (!confirm(`Delete feed ${id}?`)) return;
  try { const { etag } = await api('GET', `/api/feeds/${encodeURIComponent(id)}`); await api('DELETE', `/api/feeds/${encodeURIComponent(id)}`, { etag }); loadFeeds(); }
  catch (e) { flash(e.message, true); }
}

async function exportOpml() {
  try {
    const response = await api('GET', '/api/export/opml', { text: true });
    offerDownload($('opml-download'), response.data, 'text/x-opml', 'monitor-feeds.opml');
  } catch (e) { flash(e.message, true); }
}
