// One alert in the admin's list: the subject, the acknowledgement state (who, when, how), delivery, the message as
// sent, "why you got this", the incident's other reports with their links, and the incident view (every report and
// every alert about it, acknowledged or not), loaded when opened.
import { api, el, fenceDistance, placedBy, when } from './api.js';

const ackWays = { 'sms-reply': 'by SMS reply', 'sms-link': 'from the SMS link', 'email-link': 'from the email link' };

export function ackBadge(a) {
  return a.ackedAt
    ? el('span', { class: 'ack ack-done', text: `Acknowledged by ${a.ackedBy || a.recipientId}, ${when(a.ackedAt)}, ${ackWays[a.ackedVia] || 'by link'}` })
    : el('span', { class: 'ack ack-open', text: a.escalated ? 'Not acknowledged (escalated to the backup)' : 'Not acknowledged' });
}

function whyLine(m) {
  return `${m.watchlist || m.watchlistId}: matched ${m.matchedTerms || '—'}` +
    (m.fenceName ? `; ${m.placeName || 'the reported place'} is ${fenceDistance(m)}` : m.placeName ? `; place: ${m.placeName}` : '') + placedBy(m);
}

function sourceItem(s) {
  return el('li', {}, `${s.feedName}: `, s.link ? el('a', { href: s.link, rel: 'noreferrer', target: '_blank', text: s.title }) : s.title,
    s.published ? el('small', { text: ` (${when(s.published)})` }) : null);
}

async function openIncident(details, id) {
  if (details.dataset.loaded) return;
  details.dataset.loaded = '1';
  const body = details.querySelector('.incident-body');
  try {
    const { data } = await api('GET', `/api/incidents/${encodeURIComponent(id)}`);
    body.replaceChildren(
      el('p', { text: `${data.title}${data.placeName ? ` — ${data.placeName}` : ''}; first reported ${when(data.firstSeen)}, last ${when(data.lastSeen)}` }),
      el('h4', { text: `Reports (${data.sources.length})` }), el('ul', {}, ...data.sources.map(sourceItem)),
      el('h4', { text: 'Alerts sent' }),
      el('ul', {}, ...data.alerts.map(a => el('li', {}, `${a.channel} to ${a.recipientId}, ${a.status}, ${when(a.createdAt)} — `, ackBadge(a)))));
  } catch (err) { body.textContent = err.message; }
}

export function alertItem(a) {
  const others = (a.sources || []).filter(s => s.itemId !== a.itemId);
  return el('li', { 'data-alert': a.alertId || a.id },
    el('strong', { text: a.subject || a.itemId }), ' ', ackBadge(a), el('br'),
    // A row waiting out its retry back-off says so: the officer's alert is late, and when it is tried again.
    el('small', { text: `${a.channel} to ${a.recipientId}, ${a.status}, ${when(a.createdAt)}` +
      (a.nextAttemptAt ? `; attempt ${a.attempts} failed (${a.error || 'no reason given'}), next try ${when(a.nextAttemptAt)}` : '') }),
    a.text ? el('details', {}, el('summary', {}, 'Message'), el('pre', { class: 'message', text: a.text })) : null,
    el('details', {}, el('summary', {}, 'Why you got this'), el('ul', {}, ...a.why.map(m => el('li', { text: whyLine(m) })))),
    others.length ? el('details', {}, el('summary', {}, `Other reports (${others.length})`), el('ul', {}, ...others.map(sourceItem))) : null,
    a.incidentId ? el('details', { class: 'incident', ontoggle: e => e.target.open && openIncident(e.target, a.incidentId) },
      el('summary', {}, 'Incident'), el('div', { class: 'incident-body', text: 'Loading…' })) : null);
}
