// The watchlist's rules in the rule language (docs/rule-language.md): one editor per own rule with light syntax
// highlighting and the parser's error marked at its column, the simple any / all / none form as a shortcut that
// writes the same query the server derives from it (KeywordRule.ToQuery), and pack rules shown read-only.
import { el } from './api.js';

// ---- the simple form <-> the language. An entry may list alternatives "a|b"; one word ending in '*' stays a
// prefix, anything else becomes a quoted phrase (the server's KeywordRule.ToQuery does the same).
const alternatives = entry => entry.split('|').map(s => s.trim()).filter(Boolean);
function term(phrase) {
  const clean = phrase.replace(/"/g, '').trim();
  const stem = clean.replace(/\*+$/, '');
  return clean.endsWith('*') && !clean.includes(' ') && /^[\p{L}\p{N}]+$/u.test(stem) ? `${stem}*` : `"${stem.trim()}"`;
}
const group = phrases => `(${phrases.map(term).join(' OR ')})`;

export function toQuery({ any = [], all = [], none = [] }) {
  const parts = [];
  if (any.length) parts.push(group(any.flatMap(alternatives)));
  parts.push(...all.map(entry => group(alternatives(entry))));
  if (none.length) parts.push(`NOT ${group(none.flatMap(alternatives))}`);
  return parts.join(' AND ');
}

// The simple form of a query written in toQuery's shape, or null when the query says more than any/all/none can.
export function fromQuery(query) {
  const termPattern = String.raw`(?:"[^"]+"|[\p{L}\p{N}]+\*)`;
  const groupPattern = new RegExp(String.raw`^(NOT )?\((${termPattern}(?: OR ${termPattern})*)\)$`, 'u');
  const parts = query.trim().split(' AND ');
  const simple = { any: [], all: [], none: [] };
  for (const [i, part] of parts.entries()) {
    const m = groupPattern.exec(part);
    if (!m) return null;
    const terms = m[2].split(' OR ').map(t => t.replace(/^"|"$/g, ''));
    if (m[1]) { if (i !== parts.length - 1) return null; simple.none = terms; }
    else if (i === 0) simple.any = terms;
    else simple.all.push(terms.join('|'));
  }
  return toQuery(simple) === query.trim() ? simple : null;
}

// ---- highlighting: tokens of the language as spans (text only, never HTML); `at` (0-based) is marked as the error.
const tokenPattern = /(\s+)|("[^"]*"?|“[^”]*”?|«[^»]*»?)|(\(|\))|\b(AND|OR|NOT)\b|(NEAR\/\d*)|((?:title|body):)|(=[^\s()"]+)|([^\s()"“«]+\*)|([^\s()"“«]+)/gu;
const classes = [null, 'ws', 'q', 'paren', 'op', 'near', 'field', 'exact', 'prefix', 'word'];

export function highlight(query, at = null) {
  const nodes = [];
  const push = (text, cls, start) => {
    if (at !== null && at >= start && at < start + text.length) {
      const i = at - start;
      if (i > 0) nodes.push(el('span', { class: cls }, text.slice(0, i)));
      nodes.push(el('mark', { class: 'err-at', title: `column ${at + 1}` }, text[i]));
      if (i + 1 < text.length) nodes.push(el('span', { class: cls }, text.slice(i + 1)));
    } else {
      nodes.push(el('span', { class: cls }, text));
    }
  };
  for (const m of query.matchAll(tokenPattern)) {
    const kind = m.slice(1).findIndex(g => g !== undefined) + 1;
    push(m[0], `tok-${classes[kind]}`, m.index);
  }
  if (at !== null && at >= query.length) nodes.push(el('mark', { class: 'err-at', title: `column ${at + 1}` }, ' '));
  return nodes;
}

// ---- own rules. A row is "simple" while its query is what its any/all/none boxes write (it is then saved as
// any/all/none, as it was read), and "query" once the query is edited (saved as {query, lang}).
const linesOf = text => text.split('\n').map(s => s.trim()).filter(Boolean);

export function addRuleRow(container, rule, onChange) {
  const i = container.children.length;
  const n = i + 1;
  const errId = `err-rules-${i}`;
  const isQuery = !!(rule.query && rule.query.trim());
  const simple = isQuery ? fromQuery(rule.query) : { any: rule.any || [], all: rule.all || [], none: rule.none || [] };
  const query = el('textarea', { class: 'query', rows: 2, spellcheck: 'false', 'aria-describedby': errId, 'data-kind': 'query' }, isQuery ? rule.query : toQuery(simple));
  const shown = el('div', { class: 'hl', 'aria-hidden': 'true' });
  const box = (kind, label) => el('label', {}, label, el('textarea', { 'data-kind': kind, 'aria-describedby': errId, rows: 2 }, (simple?.[kind] || []).join('\n')));
  const form = el('div', { class: 'simple', hidden: simple ? null : true },
    box('any', `Rule ${n}: any of`), box('all', 'and all of'), box('none', 'and none of'));
  const note = el('p', { class: 'hint', hidden: simple ? true : null }, 'This rule says more than the any / all / none form can show: edit its query.');
  const row = el('div', { class: 'rule', 'data-mode': isQuery ? 'query' : 'simple' },
    el('label', { class: 'query-label' }, `Rule ${n} query `, el('small', { text: rule.lang ? `(${rule.lang})` : '(rule language)' }), query),
    shown, form, note,
    el('button', { type: 'button', class: 'remove', 'aria-label': `Remove rule ${n}`, onclick: () => { row.remove(); onChange(); } }, '✕'),
    el('p', { class: 'err', id: errId }));
  row.lang = rule.lang || null;
  const redraw = () => shown.replaceChildren(...highlight(query.value));
  query.addEventListener('input', () => {
    row.dataset.mode = 'query';
    const parsed = fromQuery(query.value);
    form.hidden = !parsed; note.hidden = !!parsed;
    if (parsed) for (const kind of ['any', 'all', 'none']) form.querySelector(`[data-kind="${kind}"]`).value = parsed[kind].join('\n');
    redraw();
  });
  form.addEventListener('input', () => {
    row.dataset.mode = 'simple';
    query.value = toQuery(readSimple(row));
    redraw();
  });
  row.markError = at => shown.replaceChildren(...highlight(query.value, at));
  redraw();
  container.append(row);
}

function readSimple(row) {
  const v = kind => linesOf(row.querySelector(`.simple [data-kind="${kind}"]`).value);
  return { any: v('any'), all: v('all'), none: v('none') };
}

// The rule as the API takes it back: any/all/none while simple, else the query (and its language when known).
export function readRule(row) {
  if (row.dataset.mode === 'simple') return readSimple(row);
  const rule = { query: row.querySelector('textarea.query').value.trim() };
  if (row.lang) rule.lang = row.lang;
  return rule;
}

// Marks each rule's error column from the problem's ruleSyntax {"rules[0]": {line, column, position, reason}};
// rules without one are drawn unmarked.
export function markRuleErrors(container, ruleSyntax = {}) {
  [...container.children].forEach((row, i) => row.markError?.(ruleSyntax[`rules[${i}]`]?.position ?? null));
}

// ---- packs: a checkbox per shipped pack with its scope and example; the chosen packs' rules read-only below.
export function renderPacks(container, packs, chosen, onChange) {
  const known = new Set(packs.map(p => p.id));
  const extra = chosen.filter(id => !known.has(id)).map(id => ({ id, name: id, scope: 'not a current pack id (kept as it is)', example: '', ruleCount: 0, languages: [], rules: [] }));
  container.replaceChildren(...[...packs, ...extra].map(p => {
    const rules = el('details', { class: 'pack-rules' },
      el('summary', {}, `${p.ruleCount} rule${p.ruleCount === 1 ? '' : 's'} of ${p.name}${p.languages.length ? ` (${p.languages.join(', ')})` : ''}, read-only`),
      el('ol', {}, ...p.rules.map(r => el('li', {}, el('small', { text: `${r.lang} ` }), el('code', { class: 'hl' }, ...highlight(r.query))))));
    const box = el('input', { type: 'checkbox', name: 'pack', value: p.id, checked: chosen.includes(p.id) });
    const item = el('li', { class: 'pack', 'data-pack': p.id },
      el('label', {}, box, ' ', el('strong', { text: p.name }), ` (${p.id}`, p.severity ? `, ${p.severity}` : '', ')'),
      el('p', { class: 'hint' }, p.scope, p.example ? el('span', {}, ' — e.g. “', el('em', { text: p.example }), '”') : ''),
      rules);
    rules.hidden = !box.checked;
    box.addEventListener('change', () => { rules.hidden = !box.checked; onChange(); });
    return item;
  }));
}

// The chosen pack ids, in the order the watchlist had them, newly chosen ones after.
export function readPacks(container, original) {
  const checked = [...container.querySelectorAll('input[name="pack"]:checked')].map(c => c.value);
  return [...original.filter(id => checked.includes(id)), ...checked.filter(id => !original.includes(id))];
}
