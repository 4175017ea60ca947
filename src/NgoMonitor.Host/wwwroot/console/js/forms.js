// Errors of a form shown inline: a problem's field "rules[1]" goes to #err-rules-1 (or the nearest enclosing slot,
// #err-rules), fields with no slot to the form's summary box.
import { $, ApiError } from './api.js';


export function showErrors(prefix, form, summary, error) {
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
