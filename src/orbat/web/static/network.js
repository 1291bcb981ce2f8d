// The /network page: actors and their relations (Cytoscape.js), one edge style per relation
// type, a date slider that asks /api/graph?on=DAY for the network as it stood that day.
(function () {
  "use strict";
  const el = document.getElementById("network");
  const slider = document.getElementById("date-slider");
  const allDates = document.getElementById("all-dates");
  const label = document.getElementById("date-label");
  const status = document.getElementById("network-status");
  // The controls act at once; Enter must not submit (and reload) the page.
  document.getElementById("network-controls").addEventListener("submit", (e) => e.preventDefault());

  const EDGE_STYLES = {
    "part-of": { color: "#1f77b4", style: "solid", arrow: "triangle" },
    "front-for": { color: "#9467bd", style: "dashed", arrow: "triangle" },
    "backed-by": { color: "#2ca02c", style: "solid", arrow: "triangle" },
    "allied-with": { color: "#17becf", style: "dotted", arrow: "none" },
    "hostile-to": { color: "#d62728", style: "solid", arrow: "tee" },
    "splinter-of": { color: "#ff7f0e", style: "dashed", arrow: "triangle" },
    "merged-into": { color: "#8c564b", style: "dotted", arrow: "triangle" },
    "led-by": { color: "#7f7f7f", style: "dashed", arrow: "triangle" },
    "event": { color: "#b3261e", style: "solid", arrow: "none" },
  };

  const legend = document.getElementById("edge-legend");
  for (const [type, s] of Object.entries(EDGE_STYLES)) {
    const li = document.createElement("li");
    const sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = s.color;
    li.append(sw, document.createTextNode(type + " (" + s.style + ")"));
    legend.append(li);
  }

  const style = [
    { selector: "node", style: {
      "label": "data(name)", "font-size": 9, "background-color": "#5b6b7b",
      "width": 14, "height": 14, "text-wrap": "ellipsis", "text-max-width": 120 } },
    { selector: "node[?outside]", style: { "background-color": "#b49ddb", "shape": "diamond" } },
  ];
  for (const [type, s] of Object.entries(EDGE_STYLES)) {
    style.push({ selector: 'edge[type = "' + type + '"]', style: {
      "line-color": s.color, "line-style": s.style, "target-arrow-color": s.color,
      "target-arrow-shape": s.arrow, "curve-style": "bezier", "width": 2, "opacity": 0.8 } });
  }

  // Relations read from articles (not reviewed like the pack's) are drawn thinner and paler.
  style.push({ selector: 'edge[origin = "text"]', style: { "width": 1, "opacity": 0.55 } });

  const cy = cytoscape({ container: el, style: style, wheelSensitivity: 0.3 });
  window.orbatNetwork = cy;
  cy.on("tap", "node", (evt) => { window.location.href = "/actors/" + evt.target.id(); });

  // The slider runs over months from the earliest dated relation to today.
  const start = new Date(Date.UTC(1979, 0, 1));
  const today = new Date();
  const months = (today.getUTCFullYear() - 1979) * 12 + today.getUTCMonth();
  slider.max = String(months);
  slider.value = String(months);

  function dayOf(index) {
    const d = new Date(start);
    d.setUTCMonth(start.getUTCMonth() + Number(index));
    return d.toISOString().slice(0, 10);
  }

  // The full network is laid out once; a date then hides what did not hold that day, so
  // actors keep their places while the slider moves.
  function draw(graph) {
    cy.add(graph.nodes.map((n) => ({ data: { id: n.id, name: n.name, outside: !n.in_pack } })));
    cy.add(graph.edges.map((e) => ({ data: {
      id: e.id, source: e.source, target: e.target, type: e.type, origin: e.origin || "event" } })));
    cy.layout({ name: "cose", animate: false, numIter: 400, nodeRepulsion: 9000,
      idealEdgeLength: 70 }).run();
  }

  function show(graph) {
    const nodes = new Set(graph.nodes.map((n) => n.id));
    const edges = new Set(graph.edges.map((e) => e.id));
    cy.batch(() => {
      cy.nodes().forEach((n) => { n.style("display", nodes.has(n.id()) ? "element" : "none"); });
      cy.edges().forEach((e) => { e.style("display", edges.has(e.id()) ? "element" : "none"); });
    });
    status.textContent = graph.nodes.length + " actors, " + graph.edges.length + " relations";
    el.dataset.nodes = String(graph.nodes.length);
    el.dataset.edges = String(graph.edges.length);
  }

  function load() {
    const day = allDates.checked ? null : dayOf(slider.value);
    label.textContent = day || "all dates";
    slider.disabled = allDates.checked;
    status.textContent = "loading…";
    fetch(el.dataset.graphUrl + (day ? "?on=" + day : ""))
      .then((r) => r.json())
      .then((graph) => {
        if (cy.elements().length === 0) draw(graph);
        show(graph);
      })
      .catch((err) => { status.textContent = "could not load the network: " + err; throw err; });
  }

  let timer = null;
  slider.addEventListener("input", () => {
    label.textContent = dayOf(slider.value);
    clearTimeout(timer);
    timer = setTimeout(load, 250);
  });
  allDates.addEventListener("change", load);
  load();
})();
