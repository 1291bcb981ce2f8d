// The /map page: offline country borders (world-atlas TopoJSON), events as points coloured
// by type and sized by fatalities, clustered when zoomed out; a point's popup links to its
// event. The filters above the map (dates, type, actor, fatalities) reload the points in place.
(function () {
  "use strict";
  const el = document.getElementById("map");
  const status = document.getElementById("map-status");
  const form = document.getElementById("map-filters");
  const listLink = document.getElementById("map-list");
  // No tile layer at all: every tile server is outside the machine, so there is no zoom level
  // where a tile could be missing. maxZoom stops where the 1:110m borders stop meaning much.
  const map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([33.5, 42], 5);
  window.orbatMap = map;
  const theatre = new Set(JSON.parse(el.dataset.theatre || "[]"));

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

  // Governorate borders, when the user imported some (`orbat borders import`): a layer over
  // the countries, under the points, that the layer control can hide.
  if (el.dataset.admin1Url) {
    fetch(el.dataset.admin1Url)
      .then((r) => r.json())
      .then((geo) => {
        geo.features.forEach(unwrapAntimeridian);
        const admin1 = L.geoJSON(geo, {
          style: { color: "#5b6b7c", weight: 1, dashArray: "4 3", fill: false, className: "admin1-border" },
          interactive: false,
          attribution: geo.attribution || "",
        }).addTo(map);
        window.orbatAdmin1 = admin1;
        el.dataset.admin1 = String(geo.features.length);
        L.control.layers(null, { "Governorate borders": admin1 }, { collapsed: false }).addTo(map);
      });
  }

  // Area grows with the toll: 0 dead is a small dot, 100 dead about four times as wide.
  function radius(fatalities) {
    return 5 + Math.min(17, 1.7 * Math.sqrt(fatalities || 0));
  }

  // Built as DOM nodes with textContent: places and types come from articles, never HTML.
  function line(tag, text) {
    const node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  function popup(p) {
    const box = document.createElement("div");
    box.className = "map-popup";
    box.append(
      line("b", (p.event_date || "undated") + " · " + p.sub_event_type),
      line("div", (p.location || "?") + (p.country ? ", " + p.country : "")),
      line("div", "fatalities: " + (p.fatalities === null ? "unknown" : p.fatalities) +
        (p.contested ? " (contested)" : "")),
    );
    const link = line("a", "open the event →");
    link.href = "/events/" + p.id;
    link.className = "event-link";
    box.append(link);
    return box;
  }

  let cluster = null;

  function load(query) {
    status.textContent = "loading…";
    return fetch(el.dataset.geoUrl + "?" + query)
      .then((r) => r.json())
      .then((geo) => {
        if (cluster) map.removeLayer(cluster);
        cluster = L.markerClusterGroup({ maxClusterRadius: 40, disableClusteringAtZoom: 9 });
        const layer = L.geoJSON(geo, {
          pointToLayer: (feature, latlng) =>
            L.circleMarker(latlng, {
              radius: radius(feature.properties.fatalities), color: "#222", weight: 1,
              fillColor: feature.properties.colour, fillOpacity: 0.8,
            }),
          onEachFeature: (feature, marker) => {
            const p = feature.properties;
            marker.bindTooltip(() =>
              line("span", (p.event_date || "undated") + " · " + p.sub_event_type + " · " + (p.location || "?")));
            marker.bindPopup(() => popup(p));
          },
        });
        window.orbatPoints = layer;
        window.orbatCluster = cluster;
        cluster.addLayer(layer);
        map.addLayer(cluster);
        const n = geo.features.length;
        status.textContent = n + " events with coordinates";
        el.dataset.points = String(n);
        el.dataset.query = query;
        if (listLink) listLink.href = "/events" + (query ? "?" + query : "");
        // Fit the events in the theatre's countries (a strike abroad does not zoom the map out
        // to the world), or all shown if none is there; an empty result keeps the view.
        const inside = layer.getLayers().filter((l) => theatre.has(l.feature.properties.country));
        const fitted = inside.length ? L.featureGroup(inside) : layer;
        if (n) map.fitBounds(fitted.getBounds(), { maxZoom: 8, padding: [20, 20] });
      })
      .catch((err) => { status.textContent = "could not load events: " + err; throw err; });
  }

  function formQuery() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) params.append(key, value);
    return params.toString();
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const query = formQuery();
    history.replaceState(null, "", "/map" + (query ? "?" + query : ""));
    load(query);
  });
  load(formQuery());
})();
