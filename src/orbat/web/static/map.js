// The /map page: offline country borders (world-atlas TopoJSON), events as clustered points
// coloured by type; clicking a point opens its event page.
(function () {
  "use strict";
  const el = document.getElementById("map");
  const status = document.getElementById("map-status");
  // No tile layer: every tile server is outside the machine.
  const map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([33.5, 42], 5);
  window.orbatMap = map;

  // A ring that crosses the antimeridian (Chukotka, Fiji) would be drawn across the whole
  // world; moving its western-hemisphere points past 180° keeps it in one piece.
  function unwrapAntimeridian(feature) {
    const g = feature.geometry;
    if (!g) return;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    for (const polygon of polygons) {
      for (const ring of polygon) {
        const lons = ring.map((p) => p[0]);
        if (Math.max(...lons) - Math.min(...lons) > 180) {
          for (const p of ring) if (p[0] < 0) p[0] += 360;
        }
      }
    }
  }

  fetch(el.dataset.bordersUrl)
    .then((r) => r.json())
    .then((topo) => {
      const countries = topojson.feature(topo, topo.objects.countries);
      countries.features.forEach(unwrapAntimeridian);
      L.geoJSON(countries, {
        style: { color: "#7a8a99", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
        interactive: false,
      }).addTo(map).bringToBack();
    });

  fetch(el.dataset.geoUrl)
    .then((r) => r.json())
    .then((geo) => {
      const cluster = L.markerClusterGroup({ maxClusterRadius: 40 });
      const layer = L.geoJSON(geo, {
        pointToLayer: (feature, latlng) =>
          L.circleMarker(latlng, {
            radius: 7, color: "#222", weight: 1,
            fillColor: feature.properties.colour, fillOpacity: 0.9,
          }),
        onEachFeature: (feature, marker) => {
          const p = feature.properties;
          // As text: Leaflet sets a string tooltip as HTML, and places come from articles.
          marker.bindTooltip(() => {
            const tip = document.createElement("span");
            tip.textContent =
              (p.event_date || "undated") + " · " + p.sub_event_type + " · " + (p.location || "?");
            return tip;
          });
          marker.on("click", () => { window.location.href = "/events/" + p.id; });
        },
      });
      window.orbatPoints = layer;
      cluster.addLayer(layer);
      map.addLayer(cluster);
      const n = geo.features.length;
      status.textContent = n + " events with coordinates";
      el.dataset.points = String(n);
      if (n) map.fitBounds(layer.getBounds(), { maxZoom: 7, padding: [20, 20] });
    })
    .catch((err) => { status.textContent = "could not load events: " + err; throw err; });
})();
