// The geofence map: Leaflet (bundled from npm, no CDN) over the layers of map-base.js. Leaflet draws nothing by
// itself; this module is the small drawing helper the console needs, usable with a mouse or the keyboard alone:
// - Draw circle: click the centre, or (keyboard) pan with the arrow keys and press "Place at map centre"; the
//   radius comes from the radius field (editable afterwards in the table, or by dragging the centre marker);
// - Draw polygon / Draw corridor: click each point, or "Place at map centre" for each; finish by clicking the first
//   corner (polygon), double-clicking, pressing Enter or "Finish"; Backspace removes the last point, Escape cancels.
//   A corridor is a line with a width either side (the corridor width field). Corners and line points can be
//   dragged afterwards and edited as text in the table;
// - country fences show the outline the server matches against (GET /api/countries/{code}, Natural Earth 1:50m).
// While drawing, a cross marks the map's centre: where "Place at map centre" puts the next point.
// Fences are the API's geofence objects: { name, lat, lon, radiusKm } or { kind: 'polygon' | 'country' | 'corridor', ... }.
import { $ } from './api.js';
import { addBaseLayers, unwrapGeometry } from './map-base.js';

const L = window.L;

export function createMap(element, onChange, { countryOutline, labels } = {}) {
  const map = L.map(element, { worldCopyJump: true, minZoom: 1, attributionControl: true, doubleClickZoom: false }).setView([25, 20], 2);
  map.attributionControl.setPrefix('Leaflet').addAttribution('Natural Earth; places: GeoNames');
  addBaseLayers(map, { labels });
  const layer = L.featureGroup().addTo(map);
  const draftLayer = L.featureGroup().addTo(map);
  const found = L.layerGroup().addTo(map);
  const outlines = new Map();
  let fences = [];
  let mode = null;
  let draft = [];
  const status = document.getElementById('draw-status');

  map.on('click', e => {
    if (mode === 'circle') addCircle(e.latlng.wrap());
    else if (mode === 'polygon' || mode === 'corridor') addVertex(e.latlng.wrap());
  });
  map.on('dblclick', () => { if (mode === 'polygon' || mode === 'corridor') finishShape(); });
  element.addEventListener('keydown', e => {
    if (!mode) return;
    if (e.key === 'Enter' && mode !== 'circle') { e.preventDefault(); finishShape(); }
    else if (e.key === 'Enter') { e.preventDefault(); addCircle(map.getCenter().wrap()); }
    else if (e.key === 'Escape') { e.preventDefault(); setMode(null); }
    else if (e.key === 'Backspace' && mode !== 'circle') { e.preventDefault(); draft.pop(); renderDraft(); }
  });

  function addCircle(p) {
    const radius = Number($('new-radius')?.value) || 10;
    const name = $('new-fence-name')?.value.trim() || `Circle ${fences.length + 1}`;
    fences.push({ name, lat: round(p.lat), lon: round(p.lng), radiusKm: radius });
    setMode(null);
    changed();
    say(`${name} added: ${radius} km around ${round(p.lat)}, ${round(p.lng)}.`);
  }

  function addVertex(latlng) {
    draft.push([round(latlng.lng), round(latlng.lat)]);
    renderDraft();
  }

  function finishShape() {
    const min = mode === 'corridor' ? 2 : 3;
    if (draft.length < min) { say(mode === 'corridor' ? 'A corridor needs at least 2 points.' : 'A polygon needs at least 3 corners.'); return; }
    const typed = $('new-fence-name')?.value.trim();
    if (mode === 'corridor') {
      const bufferKm = Number($('new-buffer')?.value) || 5;
      const name = typed || `Corridor ${fences.length + 1}`;
      fences.push({ kind: 'corridor', name, bufferKm, geometry: { type: 'LineString', coordinates: draft } });
      setMode(null);
      changed();
      say(`${name} added: ${draft.length} points, ${bufferKm} km either side.`);
      return;
    }
    const ring = [...draft, draft[0]];
    fences.push({ kind: 'polygon', name: typed || `Polygon ${fences.length + 1}`, geometry: { type: 'Polygon', coordinates: [ring] } });
    setMode(null);
    changed();
    say(`Polygon with ${ring.length - 1} corners added.`);
  }

  function renderDraft() {
    draftLayer.clearLayers();
    const latlngs = draft.map(([lon, lat]) => [lat, lon]);
    if (latlngs.length > 1) L.polyline(latlngs, { color: '#b58900', weight: 2, dashArray: '4 4', interactive: false }).addTo(draftLayer);
    latlngs.forEach((p, k) => {
      const m = L.circleMarker(p, { radius: k === 0 ? 7 : 5, color: '#b58900', fillOpacity: 1, bubblingMouseEvents: false }).addTo(draftLayer);
      if (k === 0 && mode === 'polygon') m.on('click', finishShape);
      else m.on('click', e => addVertex(e.latlng.wrap()));
    });
    const finish = $('finish-polygon');
    if (finish) finish.disabled = draft.length < (mode === 'corridor' ? 2 : 3);
    const noun = mode === 'corridor' ? 'point' : 'corner';
    if (mode === 'polygon' || mode === 'corridor') {
      const enough = draft.length >= (mode === 'corridor' ? 2 : 3);
      say(`${draft.length} ${noun}${draft.length === 1 ? '' : 's'}. ${enough ? `Finish with Enter or Finish ${mode}.` : `Add at least ${mode === 'corridor' ? 2 : 3}.`}`);
    }
  }

  function setMode(next) {
    mode = next;
    draft = [];
    renderDraft();
    element.classList.toggle('drawing', !!mode);
    for (const kind of ['circle', 'polygon', 'corridor']) $(`draw-${kind}`)?.setAttribute('aria-pressed', String(mode === kind));
    const vertex = $('add-vertex');
    if (vertex) { vertex.hidden = !mode; vertex.textContent = mode === 'circle' ? 'Place circle at map centre' : 'Add point at map centre'; }
    const finish = $('finish-polygon');
    if (finish) { finish.hidden = !(mode === 'polygon' || mode === 'corridor'); finish.textContent = `Finish ${mode === 'corridor' ? 'corridor' : 'polygon'}`; }
    say({
      circle: 'Click the map where the circle\'s centre should be, or pan with the arrow keys and press Place circle at map centre.',
      polygon: 'Click the map at each corner of the polygon, or pan with the arrow keys and press Add point at map centre.',
      corridor: 'Click the map at each point along the road or river, or pan with the arrow keys and press Add point at map centre.',
    }[mode] || '');
  }

  function say(text) { if (status) status.textContent = text; }

  function changed() { render(); onChange(fences.map(f => ({ ...f }))); }

  function render() {
    layer.clearLayers();
    fences.forEach((f, i) => {
      const label = f.name || `Geofence ${i + 1}`;
      const kind = f.kind || (f.country ? 'country' : f.geometry ? 'polygon' : 'circle');
      if (kind === 'circle') {
        if (!isFinite(f.lat) || !isFinite(f.lon) || !(f.radiusKm > 0)) return;
        L.circle([f.lat, f.lon], { radius: f.radiusKm * 1000, color: '#0b5cad', weight: 2, fillOpacity: 0.15 }).bindTooltip(label).addTo(layer);
        const marker = L.marker([f.lat, f.lon], { draggable: true, title: `Centre of ${label}`, keyboard: true }).addTo(layer);
        marker.on('dragend', () => {
          const p = marker.getLatLng().wrap();
          fences[i] = { ...fences[i], lat: round(p.lat), lon: round(p.lng) };
          changed();
        });
      } else if (kind === 'country') {
        const code = (f.country || '').toUpperCase();
        const shown = outlines.get(code);
        if (shown) L.geoJSON(shown, { style: { color: '#7b2cbf', weight: 2, dashArray: '6 3', fillOpacity: 0.08 } }).bindTooltip(`${label} (${code})`).addTo(layer);
        else if (code && countryOutline && !outlines.has(code)) {
          outlines.set(code, null);
          countryOutline(code).then(feature => { outlines.set(code, { ...feature, geometry: unwrapGeometry(feature.geometry) }); render(); }).catch(() => outlines.delete(code));
        }
      } else if (f.geometry && Array.isArray(f.geometry.coordinates)) {
        const style = kind === 'corridor'
          ? { color: '#2f6f3e', weight: 6, opacity: 0.7 }
          : { color: '#0b5cad', weight: 2, fillOpacity: 0.15 };
        try { L.geoJSON(f.geometry, { style }).bindTooltip(kind === 'corridor' ? `${label} (${f.bufferKm ?? '?'} km either side)` : label).addTo(layer); }
        catch { return; } // a half-typed outline: the table shows the error
        if (f.geometry.type === 'Polygon') editablePoints(f, i, f.geometry.coordinates[0] || [], true);
        else if (f.geometry.type === 'LineString') editablePoints(f, i, f.geometry.coordinates, false);
      }
    });
  }

  // Corners of a simple polygon's outer ring (moving the first also moves the closing position) or points of a
  // corridor's line, draggable.
  function editablePoints(f, i, positions, ring) {
    const icon = L.divIcon({ className: 'corner', iconSize: [12, 12] });
    (ring ? positions.slice(0, -1) : positions).forEach(([lon, lat], k) => {
      if (!isFinite(lat) || !isFinite(lon)) return;
      const m = L.marker([lat, lon], { draggable: true, icon, title: `${f.name || 'Shape'} point ${k + 1}`, keyboard: false }).addTo(layer);
      m.on('dragend', () => {
        const p = m.getLatLng().wrap();
        const coords = positions.map(c => [...c]);
        coords[k] = [round(p.lng), round(p.lat)];
        if (ring && k === 0) coords[coords.length - 1] = [...coords[0]];
        const geometry = ring ? { type: 'Polygon', coordinates: [coords, ...f.geometry.coordinates.slice(1)] } : { type: 'LineString', coordinates: coords };
        fences[i] = { ...fences[i], geometry };
        changed();
      });
    });
  }

  return {
    map,
    setMode(next) { setMode(mode === next ? null : next); },
    placeAtCentre() {
      const c = map.getCenter().wrap();
      if (mode === 'circle') addCircle(c);
      else if (mode) addVertex(c);
    },
    finishPolygon: finishShape,
    // A place found by search: centred (zoomed to suit what it is) and marked, so a fence can be drawn around it.
    showPlace(place) {
      found.clearLayers();
      const zoom = { country: 5, region: 7, district: 9, area: 9 }[place.kind] || 11;
      map.setView([place.lat, place.lon], zoom, { animate: false });
      L.circleMarker([place.lat, place.lon], { radius: 6, color: '#b42318', weight: 2, fillOpacity: 0.6, interactive: false })
        .bindTooltip(place.matched || place.name, { permanent: true, direction: 'top', className: 'found-label' }).addTo(found);
    },
    setFences(list, fit = false) {
      fences = list.map(f => ({ ...f }));
      render();
      if (fit && layer.getLayers().length) map.fitBounds(layer.getBounds(), { maxZoom: 9, padding: [20, 20] });
    },
    refresh() { map.invalidateSize(); },
  };
}

const round = x => Math.round(x * 100000) / 100000;
