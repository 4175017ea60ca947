// The watchlist's geofences as a table beside the map: every field labelled, every shape editable from the keyboard
// (circle centre and radius as numbers, polygon corners and corridor lines as "longitude latitude" text, one position
// a line), plus GeoJSON import and export. The map (map.js) and this table show the same list.
import { el } from './api.js';

export const kindOf = f => f.kind || (f.country ? 'country' : f.geometry ? (/LineString/.test(f.geometry.type || '') ? 'corridor' : 'polygon') : 'circle');

const ringText = ring => (ring || []).slice(0, -1).map(([lon, lat]) => `${lon} ${lat}`).join('\n');
const lineText = line => (line || []).map(([lon, lat]) => `${lon} ${lat}`).join('\n');
const parsePositions = text => text.split('\n').map(l => l.trim()).filter(Boolean).map(l => l.split(/[\s,]+/).map(Number));

// Renders the table rows for `fences`; `update(i, changes, redraw)` changes one, `remove(i)` drops one,
// `centre()` is the map's centre (for "Move here"), `countries` the [{code, name}] list.
export function renderFenceRows(tbody, fences, { update, remove, centre, countries }) {
  tbody.replaceChildren(...fences.map((f, i) => {
    const n = i + 1;
    const field = (key, label, type = 'number', attrs = {}) => el('label', { class: 'field' }, el('span', { class: 'field-label' }, label),
      el('input', { type, step: 'any', value: f[key] ?? '', 'aria-label': `Geofence ${n} ${key}`, 'aria-describedby': 'err-geofences', ...attrs,
        onchange: e => update(i, { [key]: type === 'number' ? (e.target.value === '' ? null : Number(e.target.value)) : e.target.value }) }));
    const kind = kindOf(f);
    let shape;
    if (kind === 'circle') {
      shape = [field('lat', 'Latitude', 'number', { min: -90, max: 90 }), field('lon', 'Longitude', 'number', { min: -180, max: 180 }), field('radiusKm', 'Radius (km)', 'number', { min: 0.1 }),
        el('button', { type: 'button', 'aria-label': `Move geofence ${n} to the map centre`, onclick: () => { const c = centre(); update(i, { lat: c.lat, lon: c.lon }); } }, 'Move to map centre')];
    } else if (kind === 'country') {
      const select = el('select', { 'aria-label': `Geofence ${n} country`, 'aria-describedby': 'err-geofences', onchange: e => update(i, { country: e.target.value }) },
        ...(countries.some(c => c.code === f.country) ? [] : [el('option', { value: f.country || '' }, f.country || '—')]),
        ...countries.map(c => el('option', { value: c.code, selected: c.code === f.country }, `${c.name} (${c.code})`)));
      shape = [el('label', { class: 'field' }, el('span', { class: 'field-label' }, 'Country'), select)];
    } else if (kind === 'polygon' && f.geometry?.type === 'Polygon') {
      shape = [el('label', { class: 'field' }, el('span', { class: 'field-label' }, 'Corners (longitude latitude, one a line)'),
        el('textarea', { rows: 3, 'aria-label': `Geofence ${n} corners (longitude latitude, one per line)`, 'aria-describedby': 'err-geofences',
          onchange: e => { const ring = parsePositions(e.target.value); if (ring.length) ring.push([...ring[0]]); update(i, { geometry: { type: 'Polygon', coordinates: [ring, ...f.geometry.coordinates.slice(1)] } }); } }, ringText(f.geometry.coordinates[0])))];
    } else if (kind === 'corridor' && f.geometry?.type === 'LineString') {
      shape = [el('label', { class: 'field' }, el('span', { class: 'field-label' }, 'Line (longitude latitude, one a line)'),
        el('textarea', { rows: 3, 'aria-label': `Geofence ${n} line (longitude latitude, one per line)`, 'aria-describedby': 'err-geofences',
          onchange: e => update(i, { geometry: { type: 'LineString', coordinates: parsePositions(e.target.value) } }) }, lineText(f.geometry.coordinates))),
        field('bufferKm', 'Km either side')];
    } else {
      const parts = f.geometry?.coordinates?.length ?? 0;
      shape = [el('span', { text: `${f.geometry?.type || 'geometry'}, ${parts} part${parts === 1 ? '' : 's'} (edit by importing GeoJSON)` }), ...(kind === 'corridor' ? [field('bufferKm', 'Km either side')] : [])];
    }
    return el('tr', { 'data-index': i },
      el('td', { text: kind }),
      el('td', {}, field('name', 'Name', 'text')),
      el('td', {}, el('div', { class: 'shape' }, ...shape)),
      el('td', {}, el('button', { type: 'button', 'aria-label': `Remove geofence ${n}`, onclick: () => remove(i) }, '✕')));
  }));
}

// Fences as the API takes them: empty fields left out.
export function cleanFences(fences) {
  return fences.map(f => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null && v !== undefined && v !== '')));
}

// GeoJSON features to geofence entries (the server's import reads the same shapes); the validation that runs
// after names any feature that is wrong, by its geofence index.
export function fenceFromFeature(f, i) {
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

// The fieldset's legend note: what the fences mean for the watchlist, always current.
export function fenceSummary(count) {
  return count === 0 ? '(none: the watchlist is global)' : `(${count} fence${count === 1 ? '' : 's'}: an item alerts only when placed inside one)`;
}
