// The admin console: tabs, sign-in, and the recipients, alerts and audit tabs; the watchlist editor (watchlists.js)
// and the feeds tab (feeds.js) are modules of their own. State is what the API returned last, with its ETag.
import { $, api, el, flash, placedBy, useKey, when } from './api.js';
import { alertItem } from './alerts.js';
import { loadFeeds } from './feeds.js';
import { showErrors } from './forms.js';
import { fillRecipientExtras, readRecipientExtras } from './recipient-form.js';
import { loadWatchlists, mapView } from './watchlists.js';

const state = { recipients: [], recipient: null, recipientEtag: null, alertsNext: null };

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
