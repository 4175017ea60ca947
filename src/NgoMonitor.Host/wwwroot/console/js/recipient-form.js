// The recipient form's alerting settings (country for national phone numbers, team, minimum severity, backup, quiet
// hours, SMS rate, digest, language): filled from the API's entry and read back into it. Empty fields are sent as null,
// which the API reads as its documented default.

export function fillRecipientExtras(form, r, recipients) {
  const v = r || {};
  form.backup.replaceChildren(new Option('none', ''), ...recipients.filter(o => o.id !== v.id).map(o => new Option(o.name || o.id, o.id)));
  form.country.value = v.country || '';
  form.team.value = v.team || '';
  form.minSeverity.value = v.minSeverity || '';
  form.backup.value = v.backup || '';
  form.quietStart.value = v.quietHours?.start || '';
  form.quietEnd.value = v.quietHours?.end || '';
  form.quietOverride.value = v.quietHours?.overrideSeverity && v.quietHours.overrideSeverity !== 'extreme' ? v.quietHours.overrideSeverity : '';
  form.smsPerHour.value = v.smsPerHour ?? '';
  form.digest.value = v.digest || '';
  form.language.value = v.language || '';
}

export function readRecipientExtras(form) {
  const start = form.quietStart.value, end = form.quietEnd.value;
  return {
    country: form.country.value.trim().toUpperCase() || null,
    team: form.team.value.trim() || null,
    minSeverity: form.minSeverity.value || null,
    backup: form.backup.value || null,
    // Both ends or neither: one alone is sent as given so the API names the missing one.
    quietHours: start || end ? { start, end, overrideSeverity: form.quietOverride.value || null } : null,
    smsPerHour: form.smsPerHour.value ? Number(form.smsPerHour.value) : null,
    digest: form.digest.value || null,
    language: form.language.value || null,
  };
}
