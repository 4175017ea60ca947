// The officer's page: opened from a signed, expiring link (/console/subscription.html#link=TOKEN). The token stays
// in the fragment (never sent to servers in URLs) and goes to the API as X-Officer-Link. Opening the page only
// reads; Save sends the change (PUT with the token and If-Match), which the API validates field by field.
import { $, api, el, placedBy, useLink, when } from './api.js';

const fragment = new URLSearchParams(location.hash.slice(1));
const token = fragment.get('link') || '';
// In Azure the link may also carry the Functions key ("&code=..."), in the fragment for the same reason.
useLink(token, fragment.get('code') || '');
let recipientId = null;
let etag = null;

const why = { subscribed: 'you receive it', team: 'your team', area: 'your area', global: 'everywhere' };
const fields = ['watchlists', 'channels', 'minSeverity', 'quietHours-start', 'quietHours-end', 'language'];

// A link is "{recipient}.{expiry in Unix seconds}.{signature}": its expiry is readable here, its signature is not.
function expired() {
  const seconds = Number(token.split('.')[1]);
  return Number.isFinite(seconds) && seconds > 0 && seconds * 1000 <= Date.now();
}

function problem(title, detail) {
  $('problem-title').textContent = title;
  $('problem-detail').textContent = detail;
  $('problem-todo').textContent = 'Ask your security focal point for a new link. Alerts still reach you as before.';
  $('problem').hidden = false;
  $('loading').hidden = true;
  $('sub-form').hidden = true;
  document.title = `${title} - Monitor`;
}

async function load() {
  if (!token) { problem('This page needs your link', 'Open the page from the link you were sent by SMS or email.'); return; }
  try {
    // The link names its recipient, so the subscription and the alert list are asked for at once (on a slow link
    // every round trip saved is most of a second); the API checks the signature on each.
    recipientId = token.split('.')[0];
    const alertsAsked = api('GET', `/api/alerts?recipient=${encodeURIComponent(recipientId)}&top=20`);
    alertsAsked.catch(() => {}); // its failure is reported below, after the subscription's
    const sub = await api('GET', `/api/subscriptions/${encodeURIComponent(recipientId)}`);
    render(sub.data, sub.etag);
    const alerts = await alertsAsked;
    $('alert-list').replaceChildren(...alerts.data.items.map(a => el('li', {}, el('strong', { text: a.subject || a.itemId }), el('br'), el('small', { text: `${a.channel}, ${when(a.createdAt)}` }),
      el('details', {}, el('summary', {}, 'Why you got this'), el('ul', {}, ...a.why.map(m => el('li', { text: `${m.watchlist || m.watchlistId}: ${m.matchedTerms || ''}${m.fenceName ? ` — ${m.distanceKm} km from ${m.fenceName}` : ''}${placedBy(m)}` })))))));
    if (!alerts.data.items.length) $('alert-list').replaceChildren(el('li', { text: 'No alerts yet.' }));
    $('mine').hidden = false;
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      problem(expired() ? 'This link has expired' : 'This link does not work',
        expired() ? 'Links to this page last a limited time, and this one is over.' : 'The link is not valid: it may have been cut short or changed.');
    } else {
      problem('This page could not load', e.message);
    }
  }
}

function render(sub, newEtag) {
  etag = newEtag;
  $('sub-who').textContent = `Signed in by link as ${sub.name}.`;
  $('sub-watchlists').replaceChildren(...sub.watchlists.map(w => el('label', {}, el('input', { type: 'checkbox', name: 'watchlist', value: w.id, checked: w.subscribed }),
    el('span', {}, w.name, el('br'), el('small', { text: [w.severity, why[w.concern]].filter(Boolean).join(', ') })))));
  if (!sub.watchlists.length) $('sub-watchlists').replaceChildren(el('p', { class: 'hint', text: 'No watchlist covers your area or team yet.' }));
  $('sub-channels').replaceChildren(...sub.availableChannels.map(c => el('label', {}, el('input', { type: 'checkbox', name: 'channel', value: c, checked: sub.channels.includes(c), 'aria-describedby': 'err-channels' }), c === 'sms' ? 'SMS' : 'Email')));
  $('sub-min-severity').value = sub.minSeverity;
  $('sub-quiet-start').value = sub.quietHours?.start || '';
  $('sub-quiet-end').value = sub.quietHours?.end || '';
  $('quiet-hint').textContent = `During these hours (your time, ${sub.timeZone}) SMS wait for the digest, except ${sub.quietHours?.overrideSeverity || 'extreme'} ones. Leave both empty for none.`;
  $('sub-language').value = sub.language;
  $('loading').hidden = true;
  $('sub-form').hidden = false;
}

$('sub-form').addEventListener('submit', async e => {
  e.preventDefault();
  const body = {
    watchlists: [...document.querySelectorAll('input[name="watchlist"]:checked')].map(c => c.value),
    channels: [...document.querySelectorAll('input[name="channel"]:checked')].map(c => c.value),
    minSeverity: $('sub-min-severity').value,
    quietHours: { start: $('sub-quiet-start').value, end: $('sub-quiet-end').value },
    language: $('sub-language').value,
  };
  for (const f of fields) $(`err-${f}`).textContent = '';
  $('sub-status').textContent = 'Saving…';
  try {
    const { data, etag: next } = await api('PUT', `/api/subscriptions/${encodeURIComponent(recipientId)}`, { body, etag });
    render(data, next);
    $('sub-status').textContent = 'Saved.';
  } catch (err) {
    if (err.status === 412) { $('sub-status').textContent = 'Your settings were changed elsewhere and have been reloaded. Please check them and save again.'; load(); return; }
    // The form keeps what was typed: only the messages change. Errors of fields the page has no place for go to the status line.
    const rest = [];
    for (const [field, messages] of Object.entries(err.errors || {})) {
      const box = $(`err-${field.replace('.', '-')}`);
      if (box) box.textContent = messages.join('; '); else rest.push(`${field}: ${messages.join('; ')}`);
    }
    const marked = Object.keys(err.errors).length > rest.length;
    $('sub-status').textContent = `Not saved. ${[marked ? 'Please correct the fields marked above.' : '', ...rest].join(' ') || err.message}`;
  }
});

load();
