// The officer's page: opened from a signed, expiring link (/console/subscription.html#link=TOKEN). The token stays
// in the fragment (never sent to servers in URLs) and goes to the API as X-Officer-Link.
import { $, api, el, flash, placedBy, useLink, when } from './api.js';

const fragment = new URLSearchParams(location.hash.slice(1));
const token = fragment.get('link') || '';
// In Azure the link may also carry the Functions key ("&code=..."), in the fragment for the same reason.
useLink(token, fragment.get('code') || '');
let recipientId = null;
let etag = null;

async function load() {
  if (!token) { flash('This page needs the link you were sent.', true); return; }
  try {
    const { data: me } = await api('GET', '/api/me');
    recipientId = me.recipientId;
    const sub = await api('GET', `/api/subscriptions/${encodeURIComponent(recipientId)}`);
    render(sub.data, sub.etag);
    const alerts = await api('GET', `/api/alerts?recipient=${encodeURIComponent(recipientId)}&top=20`);
    $('alert-list').replaceChildren(...alerts.data.items.map(a => el('li', {}, el('strong', { text: a.subject || a.itemId }), el('br'), el('small', { text: `${a.channel}, ${when(a.createdAt)}` }),
      el('details', {}, el('summary', {}, 'Why you got this'), el('ul', {}, ...a.why.map(m => el('li', { text: `${m.watchlist || m.watchlistId}: ${m.matchedTerms || ''}${m.fenceName ? ` — ${m.distanceKm} km from ${m.fenceName}` : ''}${placedBy(m)}` })))))));
    if (!alerts.data.items.length) $('alert-list').replaceChildren(el('li', { text: 'No alerts yet.' }));
    $('mine').hidden = false;
  } catch (e) {
    flash(e.status === 401 ? 'This link is not valid or has expired. Ask your security focal point for a new one.' : e.message, true);
  }
}

function render(sub, newEtag) {
  etag = newEtag;
  $('sub-who').textContent = `Signed in by link as ${sub.name}.`;
  $('sub-watchlists').replaceChildren(...sub.watchlists.map(w => el('label', {}, el('input', { type: 'checkbox', name: 'watchlist', value: w.id, checked: w.subscribed }), `${w.name}`, w.severity ? el('small', { text: ` (${w.severity})` }) : null)));
  $('sub-channels').replaceChildren(...sub.availableChannels.map(c => el('label', {}, el('input', { type: 'checkbox', name: 'channel', value: c, checked: sub.channels.includes(c), 'aria-describedby': 'err-channels' }), c === 'sms' ? 'SMS' : 'Email')));
  $('sub-form').hidden = false;
}

$('sub-form').addEventListener('submit', async e => {
  e.preventDefault();
  const body = {
    watchlists: [...document.querySelectorAll('input[name="watchlist"]:checked')].map(c => c.value),
    channels: [...document.querySelectorAll('input[name="channel"]:checked')].map(c => c.value),
  };
  $('err-channels').textContent = '';
  try {
    const { data, etag: next } = await api('PUT', `/api/subscriptions/${encodeURIComponent(recipientId)}`, { body, etag });
    render(data, next);
    $('sub-status').textContent = 'Saved.';
  } catch (err) {
    if (err.status === 412) { $('sub-status').textContent = 'Your subscription was changed elsewhere; reloaded. Please check and save again.'; load(); return; }
    $('err-channels').textContent = Object.values(err.errors || {}).flat().join('; ');
    $('sub-status').textContent = err.message;
  }
});

load();
