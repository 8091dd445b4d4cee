/* trialkg query page: examples from /queries, queries to /sparql, results as a table and,
 * for CONSTRUCT results or a trial's neighbourhood, as a graph. Data from the store only ever
 * reaches the page through textContent and setAttribute, never as markup. */
"use strict";

(function () {
  const RESULTS = "application/sparql-results+json";
  const GRAPH = "application/ld+json";
  const PREFIXES = {
    "https://w3id.org/trialkg/vocab#": "tkg:",
    "https://w3id.org/trialkg/id/": "id:",
    "https://clinicaltrials.gov/study/": "nct:",
    "http://identifiers.org/hgnc/": "hgnc:",
    "http://id.nlm.nih.gov/mesh/": "mesh:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://purl.org/dc/terms/": "dcterms:",
  };
  const $ = (id) => document.getElementById(id);
  let examples = new Map();

  function status(text, isError) {
    $("status").textContent = text;
    $("status").className = isError ? "error" : "";
  }

  function compact(iri) {
    for (const [ns, prefix] of Object.entries(PREFIXES)) {
      if (iri.startsWith(ns)) return prefix + iri.slice(ns.length);
    }
    return iri;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri" && /^https?:\/\//.test(term.value)) {
      const a = document.createElement("a");
      a.href = term.value;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = compact(term.value);
      td.appendChild(a);
    } else {
      td.textContent = term.type === "uri" ? compact(term.value) : term.value;
    }
    return td;
  }

  /** Fill the results table from a SPARQL JSON result (SELECT or ASK). */
  function showTable(columns, rows) {
    const table = $("results");
    table.replaceChildren();
    const head = document.createElement("tr");
    for (const c of columns) {
      const th = document.createElement("th");
      th.textContent = c;
      head.appendChild(th);
    }
    const thead = document.createElement("thead");
    thead.appendChild(head);
    const tbody = document.createElement("tbody");
    for (const row of rows) {
      const tr = document.createElement("tr");
      for (const c of columns) tr.appendChild(cell(row[c]));
      tbody.appendChild(tr);
    }
    table.append(thead, tbody);
  }

  function showResults(json) {
    $("graph-box").hidden = true;
    if (typeof json.boolean === "boolean") {
      showTable(["ask"], [{ ask: { type: "literal", value: String(json.boolean) } }]);
      status("ASK: " + json.boolean);
      return;
    }
    const rows = json.results.bindings;
    showTable(json.head.vars, rows);
    status(`${rows.length} row${rows.length === 1 ? "" : "s"}`);
  }

  function showGraph(doc) {
    const graph = window.KgGraph.fromJsonLd(doc);
    $("graph-box").hidden = false;
    window.KgGraph.draw($("graph"), graph);
    const triples = graph.links.map((l) => ({
      subject: { type: "uri", value: l.source },
      predicate: { type: "literal", value: l.label },
      object: { type: "uri", value: l.target },
    }));
    showTable(["subject", "predicate", "object"], triples);
    status(`${graph.nodes.length} nodes, ${graph.links.length} links` +
      (graph.truncated ? " (graph cut to the first nodes)" : ""));
  }

  async function fetchAndShow(url, options) {
    $("run").disabled = true;
    status("running…");
    try {
      const response = await fetch(url, options);
      const text = await response.text();
      if (!response.ok) {
        status(`error ${response.status}: ${text}`, true);
        return;
      }
      const type = (response.headers.get("Content-Type") || "").split(";")[0];
      const body = JSON.parse(text);
      if (type === GRAPH) showGraph(body);
      else showResults(body);
    } catch (err) {
      status(`request failed: ${err}`, true);
    } finally {
      $("run").disabled = false;
    }
  }

  function runQuery() {
    const name = $("examples").value;
    const example = examples.get(name);
    const accept = `${RESULTS}, ${GRAPH};q=0.9`;
    if (example && $("query").value === example.sparql && example.params.length) {
      const params = new URLSearchParams();
      for (const input of $("params").querySelectorAll("input")) {
        if (input.value.trim()) params.set(input.dataset.param, input.value.trim());
      }
      const url = `/queries/${encodeURIComponent(name)}?${params}`;
      return fetchAndShow(url, { headers: { Accept: accept } });
    }
    const body = new URLSearchParams({ query: $("query").value });
    return fetchAndShow("/sparql", { method: "POST", body: body, headers: { Accept: accept } });
  }

  function showTrial() {
    const trial = $("trial").value.trim();
    if (!trial) {
      status("type a trial's NCT id first", true);
      return;
    }
    const url = `/graph?trial=${encodeURIComponent(trial)}`;
    return fetchAndShow(url, { headers: { Accept: GRAPH } });
  }

  function chooseExample() {
    const example = examples.get($("examples").value);
    $("params").replaceChildren();
    $("example-doc").textContent = example ? example.description : "";
    if (!example) return;
    $("query").value = example.sparql;
    for (const p of example.params) {
      const label = document.createElement("label");
      label.textContent = `${p.name} (${p.type}${p.optional ? ", optional" : ""})`;
      const input = document.createElement("input");
      input.dataset.param = p.name;
      input.placeholder = p.description;
      input.id = `param-${p.name}`;
      label.htmlFor = input.id;
      $("params").append(label, input);
    }
  }

  async function loadExamples() {
    try {
      const response = await fetch("/queries");
      const list = await response.json();
      examples = new Map(list.map((q) => [q.name, q]));
      for (const q of list) {
        const option = document.createElement("option");
        option.value = q.name;
        option.textContent = q.name;
        option.title = q.description;
        $("examples").appendChild(option);
      }
      document.body.dataset.ready = "true";
    } catch (err) {
      status(`cannot load the named queries: ${err}`, true);
    }
  }

  $("examples").addEventListener("change", chooseExample);
  $("run").addEventListener("click", runQuery);
  $("show-graph").addEventListener("click", showTrial);
  $("trial").addEventListener("keydown", (e) => { if (e.key === "Enter") showTrial(); });
  $("query").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) runQuery();
  });
  loadExamples();
})();
