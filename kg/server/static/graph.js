/* trialkg graph view: JSON-LD (expanded, as the server writes it) to nodes and links, laid out
 * by a small force simulation and drawn as SVG; nodes drag, the view zooms (wheel) and pans
 * (drag the background). Every label goes in through textContent. */
"use strict";

(function () {
  const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
  const LABELS = [
    "https://w3id.org/trialkg/vocab#nctId",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://schema.org/name",
    "http://purl.org/dc/terms/title",
  ];
  const COLOURS = {
    Trial: "#1f6feb", Drug: "#e8590c", Target: "#2f9e44", Condition: "#c2255c",
    Organization: "#7048e8", Intervention: "#f59f00", Mechanism: "#868e96",
    Sponsorship: "#adb5bd",
  };
  const MAX_NODES = 300;
  const SVG = "http://www.w3.org/2000/svg";

  function localName(iri) {
    const cut = Math.max(iri.lastIndexOf("#"), iri.lastIndexOf("/"));
    return cut >= 0 ? iri.slice(cut + 1) : iri;
  }

  /** {nodes: [{id, label, type}], links: [{source, target, label}]} from expanded JSON-LD. */
  function fromJsonLd(doc) {
    const items = Array.isArray(doc) ? doc : (doc["@graph"] || [doc]);
    const nodes = new Map();
    const links = [];
    const node = (id) => {
      if (!nodes.has(id)) nodes.set(id, { id: id, label: null, type: null });
      return nodes.get(id);
    };
    for (const item of items) {
      if (!item["@id"]) continue;
      const subject = node(item["@id"]);
      const types = (item["@type"] || []).concat((item[RDF_TYPE] || []).map((t) => t["@id"]));
      if (types.length) subject.type = localName(types[0]);
      for (const [predicate, values] of Object.entries(item)) {
        if (predicate.startsWith("@") || predicate === RDF_TYPE) continue;
        for (const value of values) {
          if (value["@id"] !== undefined) {
            node(value["@id"]);
            links.push({ source: item["@id"], target: value["@id"], label: localName(predicate) });
          } else if (LABELS.includes(predicate)) {
            const rank = LABELS.indexOf(predicate);
            if (subject.label === null || rank < subject.rank) {
              subject.label = String(value["@value"]);
              subject.rank = rank;
            }
          }
        }
      }
    }
    const kept = Array.from(nodes.values()).slice(0, MAX_NODES);
    const ids = new Set(kept.map((n) => n.id));
    for (const n of kept) if (n.label === null) n.label = localName(n.id);
    return {
      nodes: kept,
      links: links.filter((l) => ids.has(l.source) && ids.has(l.target)),
      truncated: nodes.size > MAX_NODES,
    };
  }

  /** Positions for the nodes: springs along links, repulsion between all pairs. */
  function layout(graph, width, height) {
    const byId = new Map();
    graph.nodes.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / graph.nodes.length;
      n.x = width / 2 + (width / 3) * Math.cos(angle);
      n.y = height / 2 + (height / 3) * Math.sin(angle);
      byId.set(n.id, n);
    });
    const links = graph.links.map((l) => [byId.get(l.source), byId.get(l.target)]);
    const ideal = Math.max(30, Math.min(90, 0.6 * Math.sqrt((width * height) / (graph.nodes.length + 1))));
    for (let step = 0, heat = 1; step < 300; step++, heat *= 0.985) {
      for (const n of graph.nodes) { n.dx = 0; n.dy = 0; }
      for (let i = 0; i < graph.nodes.length; i++) {
        const a = graph.nodes[i];
        for (let j = i + 1; j < graph.nodes.length; j++) {
          const b = graph.nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          const d2 = Math.max(dx * dx + dy * dy, 1);
          if (d2 > 9 * ideal * ideal) continue; // far apart: no push, so the graph stays together
          const push = (ideal * ideal) / d2;
          a.dx += dx * push; a.dy += dy * push; b.dx -= dx * push; b.dy -= dy * push;
        }
      }
      for (const [a, b] of links) {
        if (a === b) continue;
        const dx = b.x - a.x, dy = b.y - a.y;
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        const pull = (d - ideal) / d * 0.5;
        a.dx += dx * pull; a.dy += dy * pull; b.dx -= dx * pull; b.dy -= dy * pull;
      }
      for (const n of graph.nodes) {
        n.dx += (width / 2 - n.x) * 0.05; n.dy += (height / 2 - n.y) * 0.05;
        const len = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 1;
        const move = Math.min(len, 30 * heat);
        n.x = Math.min(width - 110, Math.max(20, n.x + (n.dx / len) * move));
        n.y = Math.min(height - 20, Math.max(20, n.y + (n.dy / len) * move));
      }
    }
  }

  function element(name, attrs) {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
    return el;
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  /** Draw ``graph`` into the SVG element ``svg`` (its old content goes): nodes can be dragged,
   * the wheel zooms about the pointer, dragging the background pans, a double click resets. */
  function draw(svg, graph) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const width = svg.clientWidth || 800, height = svg.clientHeight || 460;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    layout(graph, width, height);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const background = element("rect", { class: "background", width: width, height: height });
    svg.appendChild(background);
    const viewport = element("g", { class: "viewport" });
    const edges = element("g", { class: "edges" });
    const attached = new Map(graph.nodes.map((n) => [n.id, []]));
    for (const l of graph.links) {
      const a = byId.get(l.source), b = byId.get(l.target);
      const link = { a: a, b: b, line: element("line"), label: element("text", { class: "edge" }) };
      link.label.textContent = l.label;
      edges.append(link.line, link.label);
      attached.get(a.id).push(link);
      if (b !== a) attached.get(b.id).push(link);
      placeLink(link);
    }
    viewport.appendChild(edges);
    const nodes = element("g", { class: "nodes" });
    for (const n of graph.nodes) {
      const g = element("g", { class: "node", "data-type": n.type || "", "data-id": n.id });
      n.circle = element("circle", { r: n.type === "Trial" ? 10 : 7, fill: COLOURS[n.type] || "#495057" });
      const tip = element("title");
      tip.textContent = `${n.type || "node"}: ${n.label}\n${n.id}`;
      n.circle.appendChild(tip);
      n.text = element("text");
      n.text.textContent = shorten(n.label, 40);
      g.append(n.circle, n.text);
      nodes.appendChild(g);
      placeNode(n);
      dragNode(svg, viewport, n, attached.get(n.id));
    }
    viewport.appendChild(nodes);
    svg.appendChild(viewport);
    zoomAndPan(svg, viewport, background);
  }

  function placeNode(n) {
    n.circle.setAttribute("cx", n.x); n.circle.setAttribute("cy", n.y);
    n.text.setAttribute("x", n.x + 11); n.text.setAttribute("y", n.y + 4);
  }

  function placeLink(link) {
    const { a, b, line, label } = link;
    line.setAttribute("x1", a.x); line.setAttribute("y1", a.y);
    line.setAttribute("x2", b.x); line.setAttribute("y2", b.y);
    label.setAttribute("x", (a.x + b.x) / 2); label.setAttribute("y", (a.y + b.y) / 2);
  }

  /** The pointer's position in the SVG's user space (before the viewport's transform). */
  function pointIn(svg, event) {
    const m = svg.getScreenCTM();
    if (!m) return { x: event.clientX, y: event.clientY };
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  }

  function view(viewport) {
    if (!viewport.view) viewport.view = { x: 0, y: 0, k: 1 };
    return viewport.view;
  }

  function setView(viewport, v) {
    viewport.view = v;
    viewport.setAttribute("transform", `translate(${v.x} ${v.y}) scale(${v.k})`);
    viewport.ownerSVGElement.dataset.scale = v.k.toFixed(3);
  }

  function dragNode(svg, viewport, n, links) {
    n.circle.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      event.stopPropagation();
      n.circle.setPointerCapture(event.pointerId);
      n.circle.classList.add("dragging");
      const v = view(viewport), start = pointIn(svg, event), from = { x: n.x, y: n.y };
      const move = (e) => {
        const p = pointIn(svg, e);
        n.x = from.x + (p.x - start.x) / v.k;
        n.y = from.y + (p.y - start.y) / v.k;
        placeNode(n);
        for (const link of links) placeLink(link);
      };
      const up = () => {
        n.circle.classList.remove("dragging");
        n.circle.removeEventListener("pointermove", move);
        n.circle.removeEventListener("pointerup", up);
        n.circle.removeEventListener("pointercancel", up);
      };
      n.circle.addEventListener("pointermove", move);
      n.circle.addEventListener("pointerup", up);
      n.circle.addEventListener("pointercancel", up);
    });
  }

  function zoomAndPan(svg, viewport, background) {
    setView(viewport, { x: 0, y: 0, k: 1 });
    svg.onwheel = (event) => {
      event.preventDefault();
      const v = view(viewport), p = pointIn(svg, event);
      const k = Math.min(8, Math.max(0.2, v.k * Math.exp(-event.deltaY * 0.002)));
      // keep the point under the pointer where it is
      setView(viewport, { k: k, x: p.x - ((p.x - v.x) * k) / v.k, y: p.y - ((p.y - v.y) * k) / v.k });
    };
    svg.ondblclick = () => setView(viewport, { x: 0, y: 0, k: 1 });
    background.addEventListener("pointerdown", (event) => {
      background.setPointerCapture(event.pointerId);
      const v = view(viewport), start = pointIn(svg, event);
      const move = (e) => {
        const p = pointIn(svg, e);
        setView(viewport, { k: v.k, x: v.x + p.x - start.x, y: v.y + p.y - start.y });
      };
      const up = () => {
        background.removeEventListener("pointermove", move);
        background.removeEventListener("pointerup", up);
      };
      background.addEventListener("pointermove", move);
      background.addEventListener("pointerup", up);
    });
  }

  window.KgGraph = { fromJsonLd: fromJsonLd, draw: draw };
})();
