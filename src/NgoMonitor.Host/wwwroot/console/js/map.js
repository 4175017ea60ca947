// The geofence map: Leaflet (bundled from npm, no tiles, no CDN) over Natural Earth country outlines from the
// bundled world-atlas TopoJSON, so it works offline. Leaflet draws nothing by itself; circle drawing is here:
// press "Draw circle", click the centre, and the radius comes from the radius field (editable afterwards in the
// table, or by dragging the centre marker).
const L = window.L;

export function createMap(element, onChange) {
  const map = L.map(element, { worldCopyJump: true, minZoom: 1, attributionControl: true }).setView([25, 20], 2);
  map.attributionControl.setPrefix('Leaflet').addAttribution('Natural Earth');
  fetch('lib/world-atlas/countries-110m.json').then(r => r.json()).then(topology => {
    const countries = topoToGeoJson(topology, topology.objects.countries);
    L.geoJSON(countries, { style: { color: '#6e7781', weight: 1, fillColor: '#f7f3e8', fillOpacity: 1 }, interactive: false }).addTo(map);
    layer.bringToFront?.();
  });
  const layer = L.featureGroup().addTo(map);
  let fences = [];
  let drawing = false;

  map.on('click', e => {
    if (!drawing) return;
    const radius = Number(document.getElementById('new-radius').value) || 10;
    const p = e.latlng.wrap();
    fences.push({ name: `Circle ${fences.length + 1}`, lat: round(p.lat), lon: round(p.lng), radiusKm: radius });
    setDrawing(false);
    render();
    onChange(fences);
  });

  function setDrawing(on) {
    drawing = on;
    element.classList.toggle('drawing', on);
    const button = document.getElementById('draw-circle');
    button.setAttribute('aria-pressed', String(on));
  }

  function render() {
    layer.clearLayers();
    fences.forEach((f, i) => {
      if (!isFinite(f.lat) || !isFinite(f.lon) || !(f.radiusKm > 0)) return;
      L.circle([f.lat, f.lon], { radius: f.radiusKm * 1000, color: '#0b5cad', weight: 2, fillOpacity: 0.15 }).bindTooltip(f.name || `Circle ${i + 1}`).addTo(layer);
      const marker = L.marker([f.lat, f.lon], { draggable: true, title: `Centre of ${f.name || 'circle'}`, keyboard: true }).addTo(layer);
      marker.on('dragend', () => {
        const p = marker.getLatLng().wrap();
        fences[i] = { ...fences[i], lat: round(p.lat), lon: round(p.lng) };
        render();
        onChange(fences);
      });
    });
  }

  return {
    map,
    toggleDrawing() { setDrawing(!drawing); },
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
