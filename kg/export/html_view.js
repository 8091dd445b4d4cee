// trialkg HTML view: a small force-directed layout in plain SVG, no libraries.
// Every text from the graph goes through textContent, never through markup.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("trialkg-data").textContent);
  const svg = document.getElementById("view");
  const world = el("g", svg);
  const edgeLayer = el("g", world);
  const nodeLayer = el("g", world);
  const panel = document.getElementById("details");
  const hidden = new Set();
  let view = { x: 0, y: 0, k: 1 };

  function el(tag, parent, attrs) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    parent.appendChild(e);
    return e;
  }
  function html(tag, parent, text) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = String(text);
    parent.appendChild(e);
    return e;
  }

  const nodes = data.elements.nodes.map(function (item, i) {
    const a = i * 2.39996, r = 12 * Math.sqrt(i + 1);
    return { d: item.data, x: r * Math.cos(a), y: r * Math.sin(a), vx: 0, vy: 0, fixed: false };
  });
  const byId = new Map(nodes.map(function (n) { return [n.d.id, n]; }));
  const edges = data.elements.edges.map(function (item) {
    return { d: item.data, s: byId.get(item.data.source), t: byId.get(item.data.target) };
  });

  for (const e of edges) {
    e.g = el("g", edgeLayer);
    e.line = el("line", e.g, { class: "edge", "marker-end": "url(#arrow)" });
    e.text = el("text", e.g, { class: "edge-label" });
    e.text.textContent = e.d.label;
    el("title", e.line).textContent = e.d.label + " (" + e.d.predicate + ")";
  }
  for (const n of nodes) {
    n.g = el("g", nodeLayer, { class: "node" });
    el("circle", n.g, { r: n.d.type === "Trial" ? 9 : 6, fill: data.colours[n.d.type] || data.other });
    el("text", n.g, { x: 9, y: 3 }).textContent = n.d.label;
    el("title", n.g).textContent = n.d.type + ": " + n.d.label;
    n.g.addEventListener("pointerdown", function (ev) { startDrag(ev, n); });
    n.g.addEventListener("click", function () { select(n); });
  }
  const defs = el("defs", svg);
  const marker = el("marker", defs, { id: "arrow", viewBox: "0 0 10 10", refX: 16, refY: 5,
    markerWidth: 6, markerHeight: 6, orient: "auto" });
  el("path", marker, { d: "M0,0 L10,5 L0,10 z", fill: "#999" });

  // --- the simulation: repulsion between all nodes, springs along edges, a weak centre pull
  let alpha = 1;
  function tick() {
    const visible = nodes.filter(function (n) { return !hidden.has(n.d.type); });
    for (let i = 0; i < visible.length; i++) {
      const a = visible[i];
      for (let j = i + 1; j < visible.length; j++) {
        const b = visible[j];
        let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy || 0.01;
        if (d2 > 90000) continue;
        const f = (600 * alpha) / d2;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    for (const e of edges) {
      if (hidden.has(e.s.d.type) || hidden.has(e.t.d.type)) continue;
      const dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = ((d - 60) / d) * 0.05 * alpha;
      e.s.vx += dx * f; e.s.vy += dy * f; e.t.vx -= dx * f; e.t.vy -= dy * f;
    }
    for (const n of visible) {
      n.vx -= n.x * 0.002 * alpha; n.vy -= n.y * 0.002 * alpha;
      if (!n.fixed) { n.x += n.vx; n.y += n.vy; }
      n.vx *= 0.6; n.vy *= 0.6;
    }
  }
  function render() {
    for (const n of nodes) {
      n.g.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")");
      n.g.style.display = hidden.has(n.d.type) ? "none" : "";
    }
    for (const e of edges) {
      const off = hidden.has(e.s.d.type) || hidden.has(e.t.d.type);
      e.g.style.display = off ? "none" : "";
      e.line.setAttribute("x1", e.s.x); e.line.setAttribute("y1", e.s.y);
      e.line.setAttribute("x2", e.t.x); e.line.setAttribute("y2", e.t.y);
      e.text.setAttribute("x", (e.s.x + e.t.x) / 2); e.text.setAttribute("y", (e.s.y + e.t.y) / 2);
    }
    const w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    world.setAttribute("transform", "translate(" + (w / 2 + view.x) + "," + (h / 2 + view.y) +
      ") scale(" + view.k + ")");
  }
  let userMoved = false;  // keep the whole graph in view until the user pans or zooms
  function fit() {
    const shown = nodes.filter(function (n) { return !hidden.has(n.d.type); });
    if (!shown.length) return;
    const xs = shown.map(function (n) { return n.x; }), ys = shown.map(function (n) { return n.y; });
    const x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    const y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    const w = svg.clientWidth || 800, h = svg.clientHeight || 600;
    view.k = Math.min(2, 0.85 * Math.min(w / (x1 - x0 + 160), h / (y1 - y0 + 40)));
    view.x = -view.k * (x0 + x1) / 2; view.y = -view.k * (y0 + y1) / 2;
    render();
  }
  function run() {
    tick();
    alpha *= 0.985;
    if (userMoved) render(); else fit();
    if (alpha > 0.01) requestAnimationFrame(run);
  }
  function reheat() { const idle = alpha <= 0.01; alpha = Math.max(alpha, 0.3); if (idle) run(); }

  // --- interaction: drag nodes, pan the background, zoom with the wheel
  let drag = null;
  function toWorld(ev) {
    const r = svg.getBoundingClientRect();
    return { x: (ev.clientX - r.left - r.width / 2 - view.x) / view.k,
             y: (ev.clientY - r.top - r.height / 2 - view.y) / view.k };
  }
  function startDrag(ev, n) { ev.stopPropagation(); drag = { node: n }; n.fixed = true; reheat(); }
  svg.addEventListener("pointerdown", function (ev) {
    drag = { pan: true, x: ev.clientX - view.x, y: ev.clientY - view.y };
    userMoved = true;
    svg.classList.add("panning");
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    if (drag.node) { const p = toWorld(ev); drag.node.x = p.x; drag.node.y = p.y; reheat(); }
    else { view.x = ev.clientX - drag.x; view.y = ev.clientY - drag.y; render(); }
  });
  window.addEventListener("pointerup", function () {
    if (drag && drag.node) drag.node.fixed = false;
    drag = null; svg.classList.remove("panning");
  });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    userMoved = true;
    view.k = Math.min(8, Math.max(0.1, view.k * (ev.deltaY < 0 ? 1.15 : 1 / 1.15)));
    render();
  }, { passive: false });

  // --- the side panel: details of the selected node, a search box, a legend by type
  function table(parent, obj, skip) {
    const t = html("table", parent);
    t.className = "props";
    for (const [k, v] of Object.entries(obj)) {
      if (skip.indexOf(k) >= 0) continue;
      const tr = html("tr", t);
      html("td", tr, k); html("td", tr, v);
    }
  }
  function select(n) {
    panel.replaceChildren();
    html("h2", panel, n.d.type + ": " + n.d.label);
    table(panel, n.d, ["label", "name"]);
    const near = new Set([n]);
    for (const e of edges) {
      if (e.s !== n && e.t !== n) continue;
      near.add(e.s); near.add(e.t);
      html("h2", panel, (e.s === n ? "→ " + e.d.label + " " + e.t.d.label
                                   : "← " + e.d.label + " " + e.s.d.label));
      table(panel, e.d, ["id", "source", "target", "label", "interaction"]);
    }
    for (const m of nodes) m.g.classList.toggle("dim", !near.has(m));
    for (const e of edges) e.g.classList.toggle("dim", !(near.has(e.s) && near.has(e.t)));
    svg.classList.add("focus");
  }
  document.getElementById("search").addEventListener("input", function (ev) {
    const q = ev.target.value.trim().toLowerCase();
    for (const n of nodes) {
      const hit = q !== "" && String(n.d.label).toLowerCase().indexOf(q) >= 0;
      n.g.classList.toggle("hit", hit);
      n.g.classList.toggle("dim", q !== "" && !hit);
    }
  });
  const legend = document.getElementById("legend");
  const counts = {};
  for (const n of nodes) counts[n.d.type] = (counts[n.d.type] || 0) + 1;
  for (const type of Object.keys(counts).sort()) {
    const item = html("div", legend);
    item.className = "legend-item";
    const sw = html("span", item);
    sw.className = "swatch";
    sw.style.background = data.colours[type] || data.other;
    html("span", item, type + " (" + counts[type] + ")");
    item.addEventListener("click", function () {
      if (hidden.has(type)) hidden.delete(type); else hidden.add(type);
      item.classList.toggle("off", hidden.has(type));
      reheat(); render();
    });
  }
  svg.addEventListener("dblclick", function () {
    for (const m of nodes) m.g.classList.remove("dim");
    for (const e of edges) e.g.classList.remove("dim");
    svg.classList.remove("focus");
  });
  run();
})();
