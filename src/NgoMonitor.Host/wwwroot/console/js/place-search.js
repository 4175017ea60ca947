// Place search over Monitor's own gazetteer (GET /api/places): towns, districts, regions, countries, camps and
// crossings, the places the geoparser reads in items. Results are buttons (keyboard: Tab to one, Enter); choosing
// one centres the map on it and offers the fences to draw around it (a circle of the radius field, or the country).
import { api, el } from './api.js';

export function setupPlaceSearch({ button, input, results, mapView, onCircle, onCountry }) {
  let chosen = null;
  // The search sits inside the watchlist form: Enter in its box searches instead of saving the watchlist.
  input.addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); search(); } });
  button.addEventListener('click', search);
  async function search() {
    const q = input.value.trim();
    if (!q) return;
    results.replaceChildren(el('li', { text: 'Searching…' }));
    try {
      const { data } = await api('GET', `/api/places?q=${encodeURIComponent(q)}&top=8`);
      results.replaceChildren(...(data.length ? data.map(p => el('li', {}, el('button', { type: 'button', class: 'place', onclick: () => choose(p) },
        el('strong', { text: p.matched }), ` ${describe(p)}`))) : [el('li', { text: `No place called “${q}” in the gazetteer.` })]));
    } catch (err) { results.replaceChildren(el('li', { class: 'err', text: err.message })); }
  }

  function choose(p) {
    chosen = p;
    mapView.showPlace(p);
    const actions = [el('button', { type: 'button', onclick: () => onCircle(chosen) }, `Circle around ${p.matched}`)];
    if (p.kind === 'country') actions.push(el('button', { type: 'button', onclick: () => onCountry(chosen) }, `Fence all of ${p.matched}`));
    results.replaceChildren(el('li', { class: 'chosen' }, el('span', { role: 'status', text: `${p.matched} ${describe(p)} is at the map's centre.` }), ' ', ...actions));
    actions[0].focus();
  }
}

// "(town, Nord-Kivu, CD, 670,575 people)", with the gazetteer's own name first when another spelling found it.
function describe(p) {
  const parts = [p.matched !== p.name ? p.name : null, p.kind, p.region, p.countryCode, p.population > 0 ? `${p.population.toLocaleString('en')} people` : null].filter(Boolean);
  return `(${parts.join(', ')})`;
}
