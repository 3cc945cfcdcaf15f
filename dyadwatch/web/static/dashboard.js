/* dyadwatch dashboard: draws charts from the JSON API and keeps lists in step.
 * Untrusted text is only ever set with textContent (never innerHTML), and this file is
 * loaded from the server itself, so the page runs under a strict Content-Security-Policy. */
"use strict";

(function () {
  const QUAD = {
    1: ["Verbal cooperation", "#8fd18b"],
    2: ["Material cooperation", "#1b7837"],
    3: ["Verbal conflict", "#f4a582"],
    4: ["Material conflict", "#b2182b"],
  };
  const enc = encodeURIComponent;

  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    });
    (children || []).forEach((child) => node.appendChild(child));
    return node;
  }

  function query(params) {
    const out = new URLSearchParams();
    Object.entries(params).forEach(([key, value]) => {
      if (value !== undefined && value !== null && value !== "") out.set(key, value);
    });
    return out.toString();
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  function showError(box, error) {
    box.replaceChildren(el("p", { className: "error", role: "alert", text: String(error) }));
    box.dataset.rendered = "error";
  }

  /* ---------- dyad page: timeline, brushing, summary and events of the period ---------- */

  const PERIOD = { day: 86400000, week: 604800000, month: "M1" };

  function timelineTraces(data) {
    const traces = [];
    const period = { xperiod: PERIOD[data.by], xperiodalignment: "middle" };
    const keys = Object.keys(data.directions);
    keys.forEach((key, row) => {
      const points = data.directions[key];
      const x = points.map((p) => p.period);
      const yaxis = row === 0 ? "y" : "y2";
      [1, 2, 3, 4].forEach((quad) => {
        traces.push({
          type: "bar", name: QUAD[quad][0], legendgroup: `q${quad}`, showlegend: row === 0,
          x, y: points.map((p) => p[`quad${quad}`]), xaxis: "x", yaxis,
          marker: { color: QUAD[quad][1] }, ...period,
          hovertemplate: `${key} %{x}<br>${QUAD[quad][0]}: %{y}<extra></extra>`,
        });
      });
      traces.push({
        type: "scatter", mode: "lines+markers", name: `Goldstein mean ${key.replace("->", " → ")}`,
        x, y: points.map((p) => p.goldstein_mean), xaxis: "x", yaxis: row === 0 ? "y3" : "y4",
        line: { color: row === 0 ? "#2c3e91" : "#8e44ad", width: 2 }, ...period,
        hovertemplate: `${key} %{x}<br>Goldstein mean: %{y:.2f}<extra></extra>`,
      });
    });
    return { traces, keys };
  }

  const GOLD_TICKS = { tickmode: "array", tickvals: [-10, -5, 0, 5, 10] };

  function timelineLayout(keys, since, until) {
    const label = (k) => k.replace("->", " → ");
    const layout = {
      barmode: "stack", dragmode: "zoom", margin: { t: 30, r: 50, b: 40, l: 50 },
      legend: { orientation: "h", y: -0.12 }, height: 460,
      xaxis: { type: "date", anchor: "y2" },
      yaxis: { domain: [0.56, 1], title: { text: label(keys[0]) }, fixedrange: true },
      yaxis2: { domain: [0, 0.44], title: { text: label(keys[1]) }, fixedrange: true },
      yaxis3: { overlaying: "y", side: "right", range: [-10, 10], fixedrange: true, ...GOLD_TICKS,
                zeroline: true, showgrid: false, title: { text: "Goldstein" } },
      yaxis4: { overlaying: "y2", side: "right", range: [-10, 10], fixedrange: true, ...GOLD_TICKS,
                zeroline: true, showgrid: false, title: { text: "Goldstein" } },
    };
    if (since || until) layout.xaxis.range = [since || undefined, until || undefined];
    return layout;
  }

  function fillList(id, items, render) {
    const list = document.getElementById(id);
    if (!list) return;
    list.replaceChildren(...(items.length ? items.map(render)
      : [el("li", { className: "muted", text: "none" })]));
  }

  function renderSummary(summary) {
    const item = (label, count, cls) => el("li", { className: cls || "" },
      [el("span", { text: label }), document.createTextNode(" "), el("b", { text: String(count) })]);
    fillList("summary-quads", summary.quad_classes,
      (q) => item(q.name, q.count, `q${q.quad_class}`));
    fillList("summary-types", summary.cameo_roots, (r) => item(`${r.code} ${r.name}`, r.count));
    fillList("summary-actors", summary.actors, (r) => item(r.code, r.count));
    let note = `${summary.total} events`;
    if (summary.is_sample) note += `; types and actors from a sample of ${summary.sampled}`;
    if (summary.goldstein_mean !== null) note += `; Goldstein mean ${summary.goldstein_mean}`;
    document.getElementById("summary-note").textContent = note;
  }

  function actorCell(actor) {
    if (!actor) return el("td", {}, [el("span", { className: "muted", text: "none" })]);
    return el("td", {}, [el("a", { className: "actor", href: `/actor/${enc(actor.code.slice(0, 3))}`,
      title: actor.name || "", text: actor.code })]);
  }

  function eventRow(e) {
    const what = el("td", {}, [el("a", { className: "event-link", href: `/event/${enc(e.id)}`,
      text: e.cameo })]);
    if (e.negated) what.append(" ", el("span", { className: "tag neg", text: "negated" }));
    if (e.modality !== "asserted") what.append(" ", el("span", { className: "tag", text: e.modality }));
    const sentence = e.sentence.length > 160 ? `${e.sentence.slice(0, 157)}...` : e.sentence;
    return el("tr", { className: `q${e.quad_class}` }, [
      el("td", { className: "date", text: e.date || "" }), actorCell(e.source), actorCell(e.target),
      what, el("td", { text: (e.plover && e.plover.type) || "" }),
      el("td", { className: "num", text: e.goldstein.toFixed(1) }),
      el("td", { text: QUAD[e.quad_class] ? QUAD[e.quad_class][0] : String(e.quad_class) }),
      el("td", { className: "sentence", text: sentence }),
    ]);
  }

  function renderEvents(page) {
    const body = document.querySelector("#events-table tbody");
    body.replaceChildren(...(page.events.length ? page.events.map(eventRow)
      : [el("tr", { className: "empty" }, [el("td", { colspan: "8", text: "No events match." })])]));
  }

  async function showPeriod(box, since, until) {
    const { a, b, by } = box.dataset;
    const period = query({ since, until });
    const filters = { dyad: `${a}-${b}`, either_direction: "true", since, until };
    history.replaceState(null, "", `?${query({ by, since, until })}`);
    document.getElementById("period-label").textContent =
      since || until ? `${since || "…"} to ${until || "…"}` : "all dates";
    document.getElementById("explore-link").setAttribute("href", `/events?${query(filters)}`);
    const [summary, page] = await Promise.all([
      getJSON(`/api/dyads/${enc(a)}/${enc(b)}/summary?${period}`),
      getJSON(`/api/events?${query({ ...filters, limit: 50 })}`),
    ]);
    renderSummary(summary);
    renderEvents(page);
    box.dataset.period = `${since || ""}..${until || ""}`;
  }

  async function dyadPage() {
    const box = document.getElementById("timeline");
    const { a, b, by, since, until } = box.dataset;
    let data;
    try {
      data = await getJSON(`/api/dyads/${enc(a)}/${enc(b)}/timeline?${query({ by })}`);
    } catch (error) { showError(box, error); return; }
    const { traces, keys } = timelineTraces(data);
    await Plotly.newPlot(box, traces, timelineLayout(keys, since, until),
      { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["toImage", "select2d", "lasso2d"] });
    box.dataset.points = String(keys.reduce((n, k) => n + data.directions[k].length, 0));
    box.dataset.rendered = "true";
    let timer = null;
    box.on("plotly_relayout", (change) => {
      let from = change["xaxis.range[0]"], to = change["xaxis.range[1]"];
      if (Array.isArray(change["xaxis.range"])) [from, to] = change["xaxis.range"];
      if (change["xaxis.autorange"]) { from = ""; to = ""; }
      if (from === undefined && to === undefined) return;
      clearTimeout(timer);
      timer = setTimeout(() => showPeriod(box, String(from).slice(0, 10),
        String(to).slice(0, 10)).catch((error) => console.error(error)), 150);
    });
  }

  /* ---------- actor page: world map of Goldstein balance per partner country ---------- */

  async function actorPage() {
    const box = document.getElementById("map");
    const { actor, since, until } = box.dataset;
    let data, world;
    try {
      [data, world] = await Promise.all([
        getJSON(`/api/actors/${enc(actor)}?${query({ since, until })}`),
        getJSON("/static/world-110m.geojson"),
      ]);
    } catch (error) { showError(box, error); return; }
    const ids = world.features.map((f) => f.id);
    const bound = Math.max(1, ...data.countries.map((c) => Math.abs(c.goldstein_mean)));
    const traces = [
      { type: "choropleth", geojson: world, featureidkey: "id", locations: ids,
        z: ids.map(() => 0), colorscale: [[0, "#e4e4e4"], [1, "#e4e4e4"]], showscale: false,
        hoverinfo: "skip", marker: { line: { color: "#ffffff", width: 0.5 } } },
      { type: "choropleth", geojson: world, featureidkey: "id",
        locations: data.countries.map((c) => c.country),
        z: data.countries.map((c) => c.goldstein_mean),
        text: data.countries.map((c) => `${c.country}: ${c.count} events`),
        zmin: -bound, zmax: bound, colorscale: [[0, "#b2182b"], [0.5, "#f7f7f7"], [1, "#1b7837"]],
        colorbar: { title: { text: "Goldstein" } },
        hovertemplate: "%{text}<br>Goldstein mean %{z:.2f}<extra></extra>",
        marker: { line: { color: "#ffffff", width: 0.5 } } },
    ];
    const layout = {
      margin: { t: 10, r: 10, b: 10, l: 10 }, height: 420,
      geo: { projection: { type: "natural earth" }, showframe: false, showcoastlines: false,
             showland: false, showcountries: false, showocean: false, showlakes: false,
             showrivers: false, showsubunits: false, bgcolor: "rgba(0,0,0,0)" },
    };
    // Plotly fetches its base-map topology from a CDN even when a trace brings its own
    // GeoJSON; every base layer is hidden here, so an empty topology stands in for it.
    const assets = window.PlotlyGeoAssets || (window.PlotlyGeoAssets = { topojson: {} });
    assets.topojson.world_110m = { type: "Topology", objects: {}, arcs: [] };
    await Plotly.newPlot(box, traces, layout, { responsive: true, displaylogo: false });
    box.dataset.countries = String(data.countries.length);
    box.dataset.rendered = "true";
    box.on("plotly_click", (event) => {
      const point = event.points && event.points[0];
      if (point && point.curveNumber === 1) window.location.assign(`/dyad/${enc(actor)}/${enc(point.location)}`);
    });
  }

  const pages = { dyad: dyadPage, actor: actorPage };
  document.addEventListener("DOMContentLoaded", () => {
    const start = pages[document.body.dataset.page];
    if (start) start().catch((error) => console.error(error));
  });
})();
