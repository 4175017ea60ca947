// The geofence map: Leaflet (bundled from npm, no tiles, no CDN) over Natural Earth country outlines from the
// bundled world-atlas TopoJSON, so it works offline. Leaflet draws nothing by itself; this module is the small
// drawing helper the console needs:
// - Draw circle: click the centre; the radius comes from the radius field (editable afterwards in the table, or by
//   dragging the centre marker);
// - Draw polygon: click each corner; finish by clicking the first corner, pressing Enter or "Finish polygon";
//   Backspace removes the last corner, Escape cancels. Without a mouse: pan with the arrow keys and press
//   "Add point at map centre". Corners of a drawn polygon can be dragged afterwards (and edited as text in the table);
// - country fences show the outline the server matches against (GET /api/countries/{code}, Natural Earth 1:50m).
// Fences are the API's geofence objects: { name, lat, lon, radiusKm } or { kind: 'polygon' | 'country' | 'corridor', ... }.
const L = window.L;

export function createMap(element, onChange, { countryOutline } = {}) {
  const map = L.map(element, { worldCopyJump: true, minZoom: 1, attributionControl: true, doubleClickZoom: false }).setView([25, 20], 2);
  map.attributionControl.setPrefix('Leaflet').addAttribution('Natural Earth');
  fetch('lib/world-atlas/countries-110m.json').then(r => r.json()).then(topology => {
    const countries = topoToGeoJson(topology, topology.objects.countries);
    L.geoJSON(countries, { style: { color: '#6e7781', weight: 1, fillColor: '#f7f3e8', fillOpacity: 1 }, interactive: false }).addTo(map).bringToBack();
  });
  const layer = L.featureGroup().addTo(map);
  const draftLayer = L.featureGroup().addTo(map);
  const outlines = new Map();
  let fences = [];
  let mode = null;
  let draft = [];
  const status = document.getElementById('draw-status');

  map.on('click', e => {
    if (mode === 'circle') {
      const radius = Number(document.getElementById('new-radius').value) || 10;
      const p = e.latlng.wrap();
      fences.push({ name: `Circle ${fences.length + 1}`, lat: round(p.lat), lon: round(p.lng), radiusKm: radius });
      setMode(null);
      changed();
    } else if (mode === 'polygon') {
      addVertex(e.latlng.wrap());
    }
  });
  map.on('dblclick', () => { if (mode === 'polygon') finishPolygon(); });
  element.addEventListener('keydown', e => {
    if (mode !== 'polygon') return;
    if (e.key === 'Enter') { e.preventDefault(); finishPolygon(); }
    else if (e.key === 'Escape') { e.preventDefault(); setMode(null); }
    else if (e.key === 'Backspace') { e.preventDefault(); draft.pop(); renderDraft(); }
  });

  function addVertex(latlng) {
    draft.push([round(latlng.lng), round(latlng.lat)]);
    renderDraft();
  }

  function finishPolygon() {
    if (draft.length < 3) { say('A polygon needs at least 3 corners.'); return; }
    const ring = [...draft, draft[0]];
    fences.push({ kind: 'polygon', name: `Polygon ${fences.length + 1}`, geometry: { type: 'Polygon', coordinates: [ring] } });
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
      if (k === 0) m.on('click', finishPolygon);
      else m.on('click', e => addVertex(e.latlng.wrap()));
    });
    const finish = document.getElementById('finish-polygon');
    if (finish) finish.disabled = draft.length < 3;
    if (mode === 'polygon') say(`${draft.length} corner${draft.length === 1 ? '' : 's'}. ${draft.length < 3 ? 'Add at least 3.' : 'Finish with Enter, a click on the first corner, or Finish polygon.'}`);
  }

  function setMode(next) {
    mode = next;
    draft = [];
    renderDraft();
    element.classList.toggle('drawing', !!mode);
    document.getElementById('draw-circle')?.setAttribute('aria-pressed', String(mode === 'circle'));
    document.getElementById('draw-polygon')?.setAttribute('aria-pressed', String(mode === 'polygon'));
    for (const id of ['add-vertex', 'finish-polygon']) { const b = document.getElementById(id); if (b) b.hidden = mode !== 'polygon'; }
    say(mode === 'circle' ? 'Click the map where the circle\'s centre should be.' : mode === 'polygon' ? 'Click the map at each corner of the polygon.' : '');
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
          countryOutline(code).then(feature => { outlines.set(code, feature); render(); }).catch(() => outlines.delete(code));
        }
      } else if (f.geometry && Array.isArray(f.geometry.coordinates)) {
        const style = kind === 'corridor'
          ? { color: '#2f6f3e', weight: 6, opacity: 0.7 }
          : { color: '#0b5cad', weight: 2, fillOpacity: 0.15 };
        try { L.geoJSON(f.geometry, { style }).bindTooltip(kind === 'corridor' ? `${label} (${f.bufferKm ?? '?'} km either side)` : label).addTo(layer); }
        catch { return; } // a half-typed outline: the table shows the error
        if (f.geometry.type === 'Polygon') editableCorners(f, i);
      }
    });
  }

  // Corners of a simple polygon's outer ring, draggable; moving the first also moves the closing position.
  function editableCorners(f, i) {
    const ring = f.geometry.coordinates[0] || [];
    const icon = L.divIcon({ className: 'corner', iconSize: [12, 12] });
    ring.slice(0, -1).forEach(([lon, lat], k) => {
      if (!isFinite(lat) || !isFinite(lon)) return;
      const m = L.marker([lat, lon], { draggable: true, icon, title: `${f.name || 'Polygon'} corner ${k + 1}`, keyboard: false }).addTo(layer);
      m.on('dragend', () => {
        const p = m.getLatLng().wrap();
        const coords = ring.map(c => [...c]);
        coords[k] = [round(p.lng), round(p.lat)];
        if (k === 0) coords[coords.length - 1] = [...coords[0]];
        fences[i] = { ...fences[i], geometry: { type: 'Polygon', coordinates: [coords, ...f.geometry.coordinates.slice(1)] } };
        changed();
      });
    });
  }

  return {
    map,
    setMode(next) { setMode(mode === next ? null : next); },
    addVertexAtCentre() { if (mode === 'polygon') addVertex(map.getCenter().wrap()); },
    finishPolygon,
    setFences(list, fit = false) {
      fences = list.map(f => ({ ...f }));
      render();
      if (fit && layer.getLayers().length) map.fitBounds(layer.getBounds(), { maxZoom: 9, padding: [20, 20] });
    },
    refresh() { map.invalidateSize(); },
  };
}

const round = x => Math.round(x * 100000) / 100000;

// TopoJSON (github.com/topojson/topojson-specification) to GeoJSON: arcs are delta-encoded, quantized positions;
// an arc index i < 0 means arc ~i reversed; consecutive arcs of a ring share their joining point.
export function topoToGeoJson(topology, object) {
  const { scale = [1, 1], translate = [0, 0] } = topology.transform || {};
  const arcs = topology.arcs.map(arc => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * scale[0] + translate[0], y * scale[1] + translate[1]]; });
  });
  const ring = indexes => {
    const points = [];
    indexes.forEach((i, n) => {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      points.push(...(n === 0 ? arc : arc.slice(1)));
    });
    return points;
  };
  const geometry = g => g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.arcs.map(ring) }
    : g.type === 'MultiPolygon' ? { type: 'MultiPolygon', coordinates: g.arcs.map(p => p.map(ring)) }
    : null;
  return {
    type: 'FeatureCollection',
    features: object.geometries.map(g => ({ type: 'Feature', properties: g.properties || {}, geometry: geometry(g) })).filter(f => f.geometry),
  };
}
