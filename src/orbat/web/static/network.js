// The /network page: actors and their relations (Cytoscape.js). Nodes are coloured by the
// actor's kind and sized by how many relations it has; edges are styled by relation type.
// The controls filter in place: a date slider (/api/graph?on=DAY; undated pack relations only
// when asked for), relation types, stance, and a focus on one actor and its neighbours.
// Labels that would overlap another are hidden (shown on hover), biggest actors first.
(function () {
  "use strict";
  const el = document.getElementById("network");
  const slider = document.getElementById("date-slider");
  const allDates = document.getElementById("all-dates");
  const undated = document.getElementById("include-undated");
  const label = document.getElementById("date-label");
  const status = document.getElementById("network-status");
  const stanceSelect = document.getElementById("stance");
  const focusInput = document.getElementById("focus");
  const focusNames = document.getElementById("actor-names");
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
  // ACLED's actor kinds (the pack's), then actors the pack does not know.
  const KIND_COLOURS = {
    state_forces: "#1f4e79", political_militia: "#c0392b", rebel_group: "#e67e22",
    identity_militia: "#8e44ad", external_forces: "#16a085", protesters: "#f1c40f",
    rioters: "#d35400", civilians: "#7f8c8d", unidentified: "#95a5a6",
    candidate: "#b49ddb", unknown: "#c8b6e2",
  };
  const kindOf = (n) => (n.kind && KIND_COLOURS[n.kind] ? n.kind : n.in_pack ? "unidentified" : "unknown");

  function swatch(colour) {
    const sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = colour;  // CSSOM, which the CSP allows (style attributes it does not)
    return sw;
  }

  // One checkbox per relation type, in the edge legend.
  const typeBoxes = {};
  const legend = document.getElementById("edge-legend");
  for (const [type, s] of Object.entries(EDGE_STYLES)) {
    const li = document.createElement("li");
    const lab = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = type;
    box.addEventListener("change", show);
    typeBoxes[type] = box;
    lab.append(box, swatch(s.color), document.createTextNode(type + " (" + s.style + ")"));
    li.append(lab);
    legend.append(li);
  }
  const kindLegend = document.getElementById("kind-legend");
  for (const [kind, colour] of Object.entries(KIND_COLOURS)) {
    const li = document.createElement("li");
    li.append(swatch(colour), document.createTextNode(kind.replace("_", " ")));
    kindLegend.append(li);
  }

  const style = [
    { selector: "node", style: {
      "label": "data(name)", "font-size": 13, "background-color": "data(colour)",
      "width": "data(size)", "height": "data(size)", "text-valign": "bottom", "text-margin-y": 2,
      "text-wrap": "ellipsis", "text-max-width": 130,
      "text-background-color": "#fff", "text-background-opacity": 0.7,
      "text-background-padding": 1 } },
    { selector: "node[?outside]", style: { "shape": "diamond" } },
    { selector: "node.quiet", style: { "text-opacity": 0, "text-background-opacity": 0 } },
    { selector: "node.hover, node.focus", style: {
      "text-opacity": 1, "text-background-opacity": 0.9, "z-index": 10 } },
    { selector: "node.focus", style: { "border-width": 3, "border-color": "#111" } },
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
  cy.on("mouseover", "node", (evt) => evt.target.addClass("hover"));
  cy.on("mouseout", "node", (evt) => evt.target.removeClass("hover"));

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

  // The full network is laid out once; filters then hide what they leave out, so actors keep
  // their places while the controls move.
  function draw(graph) {
    const degree = {};
    for (const e of graph.edges) {
      degree[e.source] = (degree[e.source] || 0) + 1;
      degree[e.target] = (degree[e.target] || 0) + 1;
    }
    cy.add(graph.nodes.map((n) => ({ data: {
      id: n.id, name: n.name, outside: !n.in_pack, kind: kindOf(n),
      colour: KIND_COLOURS[kindOf(n)], degree: degree[n.id] || 0,
      size: Math.round(10 + 5 * Math.sqrt(degree[n.id] || 0)) } })));
    cy.add(graph.edges.map((e) => ({ data: {
      id: e.id, source: e.source, target: e.target, type: e.type, origin: e.origin || "event",
      stance: e.stance || "" } })));
    // Labels count in a node's size, so the layout itself keeps names apart.
    cy.layout({ name: "cose", animate: false, numIter: 1000, nodeRepulsion: 30000,
      idealEdgeLength: 80, gravity: 0.6, nodeDimensionsIncludeLabels: true,
      randomize: false }).run();
    const stances = [...new Set(graph.edges.map((e) => e.stance).filter(Boolean))].sort();
    for (const s of stances) stanceSelect.append(new Option(s, s));
    for (const n of [...graph.nodes].sort((a, b) => a.name.localeCompare(b.name))) {
      focusNames.append(new Option(n.name, n.name));
    }
  }

  let dated = null;  // the ids the date slider keeps (null: all)

  function focusNode() {
    const wanted = focusInput.value.trim().toLowerCase();
    if (!wanted) return null;
    const found = cy.nodes().filter((n) => n.id() === wanted || n.data("name").toLowerCase() === wanted);
    return found.length ? found[0] : null;
  }

  function show() {
    const stance = stanceSelect.value;
    const focus = focusNode();
    const filtered = !!focus || !!stance || Object.values(typeBoxes).some((b) => !b.checked);
    const keepEdge = (e) =>
      (!dated || dated.edges.has(e.id())) && typeBoxes[e.data("type")].checked &&
      (!stance || e.data("stance") === stance) &&
      (!focus || e.source().same(focus) || e.target().same(focus));
    const edges = cy.edges().filter(keepEdge);
    const ends = new Set();
    edges.forEach((e) => { ends.add(e.source().id()); ends.add(e.target().id()); });
    if (focus) ends.add(focus.id());
    const keepNode = (n) => (filtered ? ends.has(n.id()) : !dated || dated.nodes.has(n.id()));
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        n.style("display", keepNode(n) ? "element" : "none");
        n.toggleClass("focus", !!focus && n.same(focus));
      });
      cy.edges().forEach((e) => { e.style("display", edges.has(e) ? "element" : "none"); });
    });
    const nodes = cy.nodes().filter(keepNode);
    if (focus) cy.fit(nodes, 40);
    shown = { nodes: nodes, focus: focus };
    readable();
    status.textContent = nodes.length + " actors, " + edges.length + " relations";
    el.dataset.nodes = String(nodes.length);
    el.dataset.edges = String(edges.length);
  }

  // Labels keep one size on screen (11 px, at most 150 px wide) whatever the zoom: zoomed out, fewer fit and the
  // rest hide; zooming in shows more. Re-run after every zoom (debounced) and filter.
  let shown = null;
  function readable() {
    if (!shown) return;
    const scale = 1 / cy.zoom();  // screen pixels → model units
    cy.batch(() => cy.nodes().forEach((n) =>
      n.style({ "font-size": 11 * scale, "text-max-width": 150 * scale })));
    declutter(shown.nodes, shown.focus);
  }
  let zoomTimer = null;
  cy.on("zoom", () => { clearTimeout(zoomTimer); zoomTimer = setTimeout(readable, 120); });

  // Greedy: the focused actor, then by connections; a label that overlaps a label already
  // shown, or another actor's dot, is hidden. Boxes are in model coordinates, so zooming does
  // not change the answer.
  function declutter(nodes, focus) {
    cy.nodes().removeClass("quiet");
    const order = nodes.sort((a, b) =>
      (focus && a.same(focus) ? -1 : 0) - (focus && b.same(focus) ? -1 : 0) ||
      b.data("degree") - a.data("degree"));
    const overlaps = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    const dots = nodes.map((n) => [n.id(), n.boundingBox({ includeLabels: false })]);
    const shown = [];
    order.forEach((n) => {
      const box = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      const hidden = shown.some((s) => overlaps(s, box)) ||
        dots.some(([id, dot]) => id !== n.id() && overlaps(dot, box));
      if (box.w > 0 && hidden && !(focus && n.same(focus))) n.addClass("quiet");
      else shown.push(box);
    });
    el.dataset.labels = String(shown.length);
  }

  // A slow answer for an earlier day must not overwrite a later one: only the latest request
  // draws.
  let latest = 0;
  function load() {
    const request = ++latest;
    const day = allDates.checked ? null : dayOf(slider.value);
    label.textContent = day || "all dates";
    slider.disabled = allDates.checked;
    undated.disabled = allDates.checked;
    status.textContent = "loading…";
    const query = day ? "?on=" + day + (undated.checked ? "&undated=true" : "") : "";
    fetch(el.dataset.graphUrl + query)
      .then((r) => r.json())
      .then((graph) => {
        if (request !== latest) return;
        if (cy.elements().length === 0) draw(graph);
        dated = day ? { nodes: new Set(graph.nodes.map((n) => n.id)),
                        edges: new Set(graph.edges.map((e) => e.id)) } : null;
        show();
        el.dataset.on = day || "all";  // which day the shown network is for (tests wait on it)
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
  undated.addEventListener("change", load);
  stanceSelect.addEventListener("change", show);
  focusInput.addEventListener("change", show);
  document.getElementById("clear-focus").addEventListener("click", () => {
    focusInput.value = "";
    show();
    cy.fit(cy.nodes(":visible"), 20);
    readable();
  });
  load();
})();
