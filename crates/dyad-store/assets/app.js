// The dyad dashboard: plain browser JavaScript over the /v1 API, charts by ECharts
// (vendored, see dashboard/package.json). Spans in records are UTF-8 byte offsets, so
// the article view slices the text as bytes, never as JavaScript string indices.
"use strict";

const QUAD = [
  { key: "verbal_cooperation", name: "verbal cooperation", color: "#74c476" },
  { key: "material_cooperation", name: "material cooperation", color: "#238b45" },
  { key: "verbal_conflict", name: "verbal conflict", color: "#fc9272" },
  { key: "material_conflict", name: "material conflict", color: "#cb181d" },
];

const $ = (selector) => document.querySelector(selector);

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = body.error ? body.error.message : response.statusText;
    throw new Error(`${response.status}: ${message}`);
  }
  return body;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function tone(goldstein) {
  if (goldstein === null || goldstein === undefined) return "";
  return goldstein < 0 ? "conflict" : goldstein > 0 ? "cooperation" : "";
}

// ---- timeline -------------------------------------------------------------------

const timeline = echarts.init($("#timeline"));

async function showDyad(a, b, interval) {
  $("#dyad-a").value = a;
  $("#dyad-b").value = b;
  const note = $("#dyad-note");
  note.textContent = "";
  try {
    const data = await api(`/v1/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}?interval=${interval}`);
    const dates = data.series.map((p) => p.date);
    note.textContent = `${data.series.reduce((n, p) => n + p.events, 0)} events from ${data.source} to ${data.target}`;
    $("#timeline").dataset.points = String(data.series.length);
    timeline.setOption(
      {
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 50, right: 50, top: 40, bottom: 60 },
        dataZoom: [{ type: "slider", bottom: 10 }],
        xAxis: { type: "category", data: dates },
        yAxis: [
          { type: "value", name: "events", minInterval: 1 },
          { type: "value", name: "Goldstein", min: -10, max: 10 },
        ],
        series: [
          ...QUAD.map((q) => ({
            name: q.name, type: "bar", stack: "quad", color: q.color, data: data.series.map((p) => p[q.key]),
          })),
          {
            name: "mean Goldstein", type: "line", yAxisIndex: 1, color: "#1d2b3a", connectNulls: true,
            data: data.series.map((p) => (p.goldstein === null ? null : Number(p.goldstein.toFixed(2)))),
          },
        ],
      },
      true,
    );
  } catch (error) {
    note.textContent = error.message;
    note.className = "error";
  }
}

$("#dyad-form").addEventListener("submit", (event) => {
  event.preventDefault();
  showDyad($("#dyad-a").value.trim(), $("#dyad-b").value.trim(), $("#dyad-interval").value);
});

// ---- network --------------------------------------------------------------------

const network = echarts.init($("#network"));

async function showNetwork() {
  const { edges } = await api("/v1/network?limit=80");
  const weight = new Map();
  for (const e of edges) {
    weight.set(e.source, (weight.get(e.source) || 0) + e.events);
    weight.set(e.target, (weight.get(e.target) || 0) + e.events);
  }
  const most = Math.max(1, ...edges.map((e) => e.events));
  network.setOption({
    animation: false,
    tooltip: {
      formatter: (p) => p.dataType === "edge"
        ? `${p.data.source} → ${p.data.target}: ${p.data.value} events, mean Goldstein ${p.data.goldstein}`
        : `${p.data.name}: ${p.data.value} events`,
    },
    series: [{
      type: "graph", layout: "force", roam: true, draggable: true,
      force: { repulsion: 220, edgeLength: [60, 160] },
      edgeSymbol: ["none", "arrow"],
      label: { show: true, fontSize: 11 },
      data: [...weight].map(([name, value]) => ({ name, value, symbolSize: 8 + 30 * Math.sqrt(value / (2 * most)) })),
      links: edges.map((e) => ({
        source: e.source, target: e.target, value: e.events,
        goldstein: e.goldstein === null ? "n/a" : e.goldstein.toFixed(2),
        lineStyle: { width: 1 + 7 * (e.events / most), curveness: 0.15, color: (e.goldstein ?? 0) < 0 ? "#cb181d" : "#238b45", opacity: 0.6 },
      })),
    }],
  }, true);
  return edges;
}

network.on("click", (p) => {
  if (p.dataType === "edge") {
    showDyad(p.data.source, p.data.target, $("#dyad-interval").value);
    const form = $("#event-filters");
    form.source.value = p.data.source;
    form.target.value = p.data.target;
    loadEvents(0);
  }
});

// ---- events table ---------------------------------------------------------------

const PAGE = 25;
let offset = 0;

async function loadEvents(start) {
  offset = Math.max(0, start);
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($("#event-filters"))) {
    if (String(value).trim() !== "") params.set(key, String(value).trim());
  }
  params.set("limit", PAGE);
  params.set("offset", offset);
  const body = $("#events tbody");
  try {
    const page = await api(`/v1/events?${params}`);
    body.replaceChildren(...page.events.map(eventRow));
    const last = Math.min(page.total, offset + page.events.length);
    $("#page").textContent = page.total ? `${offset + 1}–${last} of ${page.total}` : "no events";
    $("#prev").disabled = offset === 0;
    $("#next").disabled = last >= page.total;
  } catch (error) {
    body.replaceChildren(element("tr", {}, element("td", { colspan: 6, class: "error" }, error.message)));
  }
}

function actorLabel(code, text) {
  return code ? element("span", { title: text || "" }, element("span", { class: "code" }, code)) : element("span", { class: "muted" }, "—");
}

function eventRow(e) {
  return element("tr", { onclick: () => openDocument(e.id, e.event_index) },
    element("td", {}, e.date || "undated"),
    element("td", {}, actorLabel(e.source_code, e.source_text)),
    element("td", {}, element("span", { class: "code" }, e.cameo), " ", e.cameo_name || ""),
    element("td", {}, actorLabel(e.target_code, e.target_text)),
    element("td", { class: `num ${tone(e.goldstein)}` }, e.goldstein === null ? "" : String(e.goldstein)),
    element("td", {}, e.sentence_text || ""));
}

$("#event-filters").addEventListener("submit", (event) => {
  event.preventDefault();
  loadEvents(0);
});
$("#prev").addEventListener("click", () => loadEvents(offset - PAGE));
$("#next").addEventListener("click", () => loadEvents(offset + PAGE));

// ---- article view ---------------------------------------------------------------

async function openDocument(id, eventIndex) {
  try {
    showArticle(await api(`/v1/documents/${encodeURIComponent(id)}`), eventIndex);
  } catch (error) {
    $("#code-note").textContent = error.message;
  }
}

// The spans to highlight: [start, end, class, label], byte offsets.
function spansOf(record) {
  const spans = [];
  (record.mentions || []).forEach((m) => spans.push([m.start, m.end, "actor", `${m.code || ""} (${m.kind || ""})`]));
  (record.events || []).forEach((e, i) => {
    if (e.trigger) spans.push([e.trigger.start, e.trigger.end, "trigger", `event ${i + 1}: ${e.cameo} ${e.cameo_name || ""}`]);
  });
  (record.quotes || []).forEach((q) => spans.push([q.start, q.end, "quote", `quote (${q.kind || ""})${q.cue ? ", cue: " + q.cue : ""}`]));
  (record.times || []).forEach((t) => spans.push([t.start, t.end, "time", `${t.type || "time"}: ${t.value || ""}`]));
  (record.places || []).forEach((p) => spans.push([p.start, p.end, "place", `${p.name || ""} ${p.country || ""}`]));
  return spans.filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && e > s);
}

// The text cut at every span boundary; each piece carries the classes covering it.
function highlighted(text, spans, focus) {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const cuts = new Set([0, bytes.length]);
  for (const [s, e] of spans) {
    if (e <= bytes.length) { cuts.add(s); cuts.add(e); }
  }
  const points = [...cuts].sort((x, y) => x - y);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = decoder.decode(bytes.subarray(from, to));
    const covering = spans.filter(([s, e]) => s <= from && to <= e);
    if (covering.length === 0) { nodes.push(piece); continue; }
    const classes = new Set(covering.map((c) => c[2]));
    if (focus.some(([s, e]) => s <= from && to <= e)) classes.add("focus");
    nodes.push(element("span", { class: `hl ${[...classes].join(" ")}`, title: covering.map((c) => c[3]).join("; ") }, piece));
  }
  return nodes;
}

function sentenceOf(record, event) {
  const s = (record.sentences || [])[event.sentence];
  if (!s) return "";
  return new TextDecoder().decode(new TextEncoder().encode(record.text).subarray(s.start, s.end));
}

function showArticle(record, focusIndex) {
  const section = $("#article-section");
  section.hidden = false;
  $("#article-title").textContent = `${record.title || record.id} ${record.date ? "· " + record.date : ""}`;
  const spans = spansOf(record);
  const render = (index) => {
    const e = (record.events || [])[index];
    const focus = e ? [e.source, e.target, e.trigger].filter(Boolean).map((p) => [p.start, p.end]) : [];
    $("#article-text").replaceChildren(...highlighted(record.text || "", spans, focus));
  };
  render(focusIndex);
  $("#article-events").replaceChildren(...(record.events || []).map((e, i) =>
    element("li", { onmouseenter: () => render(i), onclick: () => render(i), class: "article-event" },
      element("div", {},
        actorLabel(e.source && e.source.code, e.source && e.source.text), " → ",
        element("span", { class: "code" }, e.cameo), ` ${e.cameo_name || ""} `,
        element("span", { class: tone(e.goldstein) }, e.goldstein === null ? "" : `(Goldstein ${e.goldstein}, QuadClass ${e.quad_class})`),
        " → ", actorLabel(e.target && e.target.code, e.target && e.target.text),
        e.plover && e.plover.type ? ` · PLOVER ${e.plover.type}` : "",
        e.negated ? " · negated" : "", e.modality && e.modality !== "asserted" ? ` · ${e.modality}` : "",
        e.date ? ` · ${e.date}` : ""),
      element("div", { class: "rule" }, `rule: ${e.rule}`),
      element("div", { class: "muted" }, sentenceOf(record, e)))));
  section.scrollIntoView({ behavior: "instant", block: "start" });
}

// ---- paste box ------------------------------------------------------------------

$("#code-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const note = $("#code-note");
  note.className = "muted";
  note.textContent = "coding…";
  const body = { text: $("#code-text").value, id: "pasted" };
  if ($("#code-date").value) body.date = $("#code-date").value;
  try {
    const record = await api("/v1/code", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    note.textContent = `${record.events.length} events, ${record.mentions.length} actor mentions`;
    showArticle(record, 0);
    // The stored history of the article's first dyad, for context.
    const first = record.events.find((e) => e.source && e.target && e.source.country && e.target.country);
    if (first) await showDyad(first.source.country, first.target.country, $("#dyad-interval").value);
  } catch (error) {
    note.className = "error";
    note.textContent = error.message;
  }
});

// ---- start ----------------------------------------------------------------------

async function start() {
  try {
    const health = await api("/v1/health");
    $("#health").textContent = `${health.documents} articles in the store`;
    const edges = await showNetwork();
    const first = edges.find((e) => e.source !== e.target) || edges[0];
    if (first) await showDyad(first.source, first.target, "day");
    await loadEvents(0);
  } catch (error) {
    $("#health").textContent = error.message;
  }
}

window.addEventListener("resize", () => { timeline.resize(); network.resize(); });
start();
