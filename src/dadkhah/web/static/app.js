// Dadkhah web application: small page behaviours. No inline scripts anywhere (the CSP forbids
// them); every value from the server is inserted as text, never as HTML.
"use strict";

// Runs once every deferred script (the page's libraries come after this one) has run.
document.addEventListener("DOMContentLoaded", function () {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const rtl = document.documentElement.dir === "rtl";

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  async function api(method, url, body, headers) {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: Object.assign({ "X-CSRF-Token": csrf(), Accept: "application/json" },
        body && !(body instanceof Blob) ? { "Content-Type": "application/json" } : {}, headers || {}),
      body: body ? (body instanceof Blob ? body : JSON.stringify(body)) : undefined,
    });
    const data = response.status === 204 ? {} : await response.json();
    if (!response.ok) throw new Error(data.detail || data.title || response.statusText);
    return data;
  }

  // -- bars of the dashboard's matrix summaries ------------------------------------------------
  document.querySelectorAll(".ms-bar .seg").forEach((seg) => {
    seg.style.width = (100 * Number(seg.dataset.w) / Math.max(1, Number(seg.dataset.total))) + "%";
  });

  // -- evidence upload with progress and the computed hash -------------------------------------
  const form = document.getElementById("upload-form");
  if (form) {
    const input = document.getElementById("upload-file");
    const label = form.querySelector(".file span");
    input.addEventListener("change", () => { if (input.files[0]) label.textContent = input.files[0].name; });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const file = input.files[0];
      if (!file) return;
      const bar = document.getElementById("upload-progress");
      const result = document.getElementById("upload-result");
      const error = document.getElementById("upload-error");
      result.hidden = true; error.hidden = true; bar.hidden = false; bar.value = 0;
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/v1/evidence");
      xhr.setRequestHeader("X-CSRF-Token", csrf());
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.setRequestHeader("X-Filename", encodeURIComponent(file.name));
      const title = document.getElementById("upload-title").value.trim();
      if (title) xhr.setRequestHeader("X-Title", encodeURIComponent(title).slice(0, 1500));
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = 100 * e.loaded / e.total; };
      xhr.onload = () => {
        bar.hidden = true;
        let data = {};
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = { detail: xhr.statusText }; }
        if (xhr.status !== 201) { error.textContent = data.detail || data.title; error.hidden = false; return; }
        document.getElementById("upload-sha256").textContent = data.sha256;
        document.getElementById("upload-size").textContent = data.size.toLocaleString();
        document.getElementById("upload-type").textContent = data.media_type;
        const link = document.getElementById("upload-link");
        link.textContent = data.id; link.href = "/evidence/" + data.id;
        result.hidden = false;
      };
      xhr.onerror = () => { bar.hidden = true; error.textContent = "upload failed"; error.hidden = false; };
      xhr.send(file);
    });
  }

  // -- graphic media: blurred and muted until the viewer chooses ---------------------------------
  document.querySelectorAll(".graphic").forEach((box) => {
    const kind = box.dataset.kind;
    const media = el(kind === "image" ? "img" : kind);
    media.className = "graphic-media blurred";
    if (kind !== "image") { media.controls = true; media.muted = true; media.preload = "metadata"; }
    else media.alt = "";
    media.src = box.dataset.src;
    box.prepend(media);
    box.querySelector(".graphic-show").addEventListener("click", (event) => {
      media.classList.remove("blurred");
      if (kind !== "image") media.muted = false;
      box.querySelector(".graphic-note").remove();
      event.target.remove();
    });
  });

  // -- verify an evidence item -------------------------------------------------------------------
  const verify = document.getElementById("verify");
  if (verify) {
    verify.addEventListener("click", async () => {
      const out = document.getElementById("verify-result");
      out.hidden = false; out.className = "verify-result"; out.textContent = "…";
      try {
        const r = await api("POST", "/api/v1/evidence/" + verify.dataset.item + "/verify");
        const proven = r.events.filter((e) => e.proven === true).length;
        out.className = "verify-result " + (r.ok ? "ok" : "bad");
        out.textContent = (r.ok ? "✓ " : "✗ ") + "bytes " + r.bytes + " (sha256 " + r.computed_sha256.slice(0, 16) +
          "…) · custody events proven in checkpoint: " + proven + "/" + r.events.length;
      } catch (e) { out.className = "verify-result bad"; out.textContent = e.message; }
    });
  }

  // -- the map -------------------------------------------------------------------------------------
  // Places close together would pile their names on top of each other, so names are placed like a
  // map does: the busiest places first, and a name that would overlap one already shown is hidden
  // (it shows when the pointer is on its marker). The list beside the map names every place.
  const mapBox = document.getElementById("map");
  if (mapBox && window.L) {
    const map = L.map(mapBox, { zoomSnap: 0.25, attributionControl: !!mapBox.dataset.tiles });
    if (mapBox.dataset.tiles) L.tileLayer(mapBox.dataset.tiles, { attribution: mapBox.dataset.attribution }).addTo(map);
    else mapBox.classList.add("plain");
    const lang = mapBox.dataset.lang || "en";
    const fmt = (n) => Number(n).toLocaleString(lang);
    api("GET", "/api/v1/geo?lang=" + encodeURIComponent(lang)).then((geo) => {
      const busiest = (a, b) => b.properties.events.length - a.properties.events.length ||
        String(a.properties.name).localeCompare(String(b.properties.name), lang);
      const features = geo.features.slice().sort(busiest);
      const markers = new Map();
      const labelled = [];  // markers whose name may stay on the map, busiest first
      const layer = L.geoJSON({ type: "FeatureCollection", features }, {
        pointToLayer: (feature, latlng) => L.circleMarker(latlng, {
          radius: 5 + Math.min(9, 1.5 * feature.properties.events.length),
          color: "#0f5e63", weight: 1.5, fillColor: "#1c8c8c", fillOpacity: 0.55,
        }),
        onEachFeature: (feature, marker) => {
          const box = el("div", "popup");
          const a = el("a", "", feature.properties.name); a.href = "/entities/" + feature.id;
          box.append(a);
          if (feature.properties.kind) box.append(el("div", "muted small", feature.properties.kind));
          const list = el("ul", "small");
          feature.properties.events.slice(0, 8).forEach((ev) => {
            const li = el("li"); const link = el("a", "", ev.title); link.href = "/entities/" + ev.id;
            li.append(link, document.createTextNode(ev.date ? " · " + ev.date : "")); list.append(li);
          });
          box.append(list);
          marker.bindPopup(box);
          const busy = feature.properties.events.length > 0;
          marker.bindTooltip(el("span", "", feature.properties.name),
            { permanent: busy, direction: rtl ? "left" : "right", className: busy ? "place-label" : "" });
          if (busy) labelled.push(marker);
          markers.set(feature.id, marker);
          marker.on("mouseover", () => {
            const node = marker.getTooltip() && marker.getTooltip().getElement();
            if (node) node.classList.add("label-hover");
          });
          marker.on("mouseout", () => {
            const node = marker.getTooltip() && marker.getTooltip().getElement();
            if (node) node.classList.remove("label-hover");
          });
        },
      }).addTo(map);

      function declutter() {
        const nodes = labelled.map((m) => m.getTooltip() && m.getTooltip().getElement());
        nodes.forEach((node) => node && node.classList.remove("label-hidden"));
        const boxes = nodes.map((node) => node && node.getBoundingClientRect());  // one layout pass
        const kept = [];
        boxes.forEach((r, i) => {
          if (!r) return;
          const hits = kept.some((k) => r.left < k.right + 3 && r.right > k.left - 3 &&
            r.top < k.bottom + 1 && r.bottom > k.top - 1);
          if (hits) nodes[i].classList.add("label-hidden"); else kept.push(r);
        });
      }
      map.on("zoomend moveend", declutter);

      const places = document.getElementById("map-places");
      features.forEach((feature) => {
        const li = el("li");
        const go = el("button", "link", feature.properties.name);
        go.type = "button";
        go.addEventListener("click", () => {
          const marker = markers.get(feature.id);
          map.setView(marker.getLatLng(), Math.max(map.getZoom(), 11));
          marker.openPopup();
        });
        go.addEventListener("mouseenter", () => markers.get(feature.id).setStyle({ weight: 4, color: "#c2703d" }));
        go.addEventListener("mouseleave", () => markers.get(feature.id).setStyle({ weight: 1.5, color: "#0f5e63" }));
        const n = feature.properties.events.length;
        const meta = [feature.properties.kind, n ? fmt(n) + " " + places.dataset.events : ""].filter(Boolean);
        li.append(go, el("span", "muted small", meta.join(" · ")));
        places.append(li);
      });
      const count = document.getElementById("map-count");
      count.textContent = fmt(features.length) + " " + count.dataset.unit;
      if (features.length) map.fitBounds(layer.getBounds().pad(0.15)); else map.setView([32, 53], 5);
      declutter();
    });
  }

  // -- the timeline ----------------------------------------------------------------------------------
  const timelineBox = document.getElementById("timeline");
  if (timelineBox && window.vis) {
    api("GET", "/api/v1/timeline").then((data) => {
      const items = data.items.map((it) => {
        const content = el("a", "", it.content); content.href = "/entities/" + it.id; content.title = it.date;
        return { id: it.id, content, start: new Date(it.start), end: it.end ? new Date(it.end) : undefined,
          type: it.end ? "range" : "point", group: it.group || undefined, title: it.date };
      });
      const times = items.flatMap((i) => [i.start.getTime(), (i.end || i.start).getTime()]);
      const low = Math.min(...times), high = Math.max(...times), pad = Math.max((high - low) * 0.06, 864e5 * 20);
      const options = { rtl, stack: true, zoomable: true, height: "620px", margin: { item: 6 }, orientation: "top",
        start: new Date(low - pad), end: new Date(high + pad), showCurrentTime: false };
      const groups = data.groups.length ? data.groups.map((g) => ({ id: g.id, content: el("span", "", g.content) })) : null;
      if (groups) {
        groups.push({ id: "__none", content: el("span", "", "—") });
        items.forEach((i) => { if (!i.group) i.group = "__none"; });
        new vis.Timeline(timelineBox, items, groups, options);
      } else new vis.Timeline(timelineBox, items, options);
      document.getElementById("timeline-count").textContent = data.items.length + " events";
    });
  }

  // -- the command graph ---------------------------------------------------------------------------------
  const graphBox = document.getElementById("graph");
  if (graphBox && window.cytoscape) {
    api("GET", "/api/v1/graph").then((data) => {
      const linked = new Set(data.edges.flatMap((e) => [e.source, e.target]));
      const cy = cytoscape({
        container: graphBox,
        elements: [
          ...data.nodes.filter((n) => linked.has(n.id)).map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind } })),
          ...data.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, kind: e.kind, label: e.label || "" } })),
        ],
        style: [
          { selector: "node", style: { label: "data(label)", "font-size": 10, "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 1, "font-family": "Vazirmatn, sans-serif", "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": 140, color: "#1d2433" } },
          { selector: 'node[kind = "organization"]', style: { shape: "round-rectangle", width: 34, height: 24, "background-color": "#0f5e63" } },
          { selector: 'node[kind = "person"]', style: { shape: "ellipse", width: 20, height: 20, "background-color": "#c2703d" } },
          { selector: "edge", style: { width: 1.5, "line-color": "#9aa5b5", "target-arrow-color": "#9aa5b5", "target-arrow-shape": "triangle", "curve-style": "bezier" } },
          { selector: 'edge[kind = "position"]', style: { "line-style": "dashed", "line-color": "#d9b59b", "target-arrow-color": "#d9b59b" } },
          { selector: "edge.hover", style: { label: "data(label)", "font-size": 10, color: "#1d2433", "text-background-color": "#fff", "text-background-opacity": 0.95, "text-background-padding": 2, width: 2.5 } },
          { selector: "node.hover", style: { "border-width": 3, "border-color": "#5fd0c8" } },
        ],
        layout: { name: "breadthfirst", directed: true, spacingFactor: 1.25, padding: 24, avoidOverlap: true },
        wheelSensitivity: 0.3,
      });
      cy.on("tap", "node", (event) => { window.location.href = "/entities/" + event.target.id(); });
      cy.on("mouseover", "node", (event) => { event.target.addClass("hover"); event.target.connectedEdges().addClass("hover"); });
      cy.on("mouseout", "node", (event) => { event.target.removeClass("hover"); event.target.connectedEdges().removeClass("hover"); });
      document.getElementById("graph-count").textContent = data.nodes.length + " nodes";
    });
  }

  // -- estimates -------------------------------------------------------------------------------------------
  if (window.Chart) {
    Chart.defaults.font.family = "Vazirmatn, system-ui, sans-serif";
    document.querySelectorAll("canvas.chart-lists").forEach((canvas) => {
      const observed = JSON.parse(canvas.dataset.observed || "{}");
      const est = JSON.parse(canvas.dataset.estimate || "{}");
      const labels = [...Object.keys(observed), "all lists", "estimate"];
      const values = [...Object.values(observed), est.observed, est.estimate];
      // Lists are named by their sources' titles: shortened on the axis, whole in the tooltip.
      const short = (label) => (label.length > 26 ? label.slice(0, 25) + "…" : label);
      new Chart(canvas, {
        type: "bar",
        data: { labels: labels.map(short), datasets: [
          { label: "people", data: values, backgroundColor: labels.map((l, i) => i === labels.length - 1 ? "#c2703d" : i === labels.length - 2 ? "#0f5e63" : "#8fb8b8") },
          { label: "interval", data: labels.map((l, i) => i === labels.length - 1 && est.lower != null ? [est.lower, est.upper] : null), backgroundColor: "rgba(194,112,61,0.25)", grouped: false },
        ] },
        options: {
          indexAxis: "y", maintainAspectRatio: false,
          plugins: { legend: { display: false }, tooltip: { callbacks: { title: (items) => labels[items[0].dataIndex] } } },
          scales: { x: { beginAtZero: true } },
        },
      });
    });
    document.querySelectorAll("canvas.chart-posterior").forEach((canvas) => {
      const curve = JSON.parse(canvas.dataset.curve);
      new Chart(canvas, {
        type: "line",
        data: { labels: curve.x, datasets: [{ label: curve.kind, data: curve.y, fill: true, borderColor: "#0f5e63", backgroundColor: "rgba(15,94,99,0.15)", pointRadius: 0, tension: 0.3 }] },
        options: { maintainAspectRatio: false, plugins: { legend: { display: true } }, scales: { y: { beginAtZero: true } } },
      });
    });
  }
  const estimateForm = document.getElementById("estimate-form");
  if (estimateForm) {
    estimateForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const f = new FormData(estimateForm);
      try {
        const body = { method: f.get("method") };
        if (f.get("source") === "table") body.table = f.get("table");
        await api("POST", "/api/v1/estimates", body);
        setTimeout(() => window.location.reload(), 1500);
      } catch (e) { const out = document.getElementById("estimate-error"); out.textContent = e.message; out.hidden = false; }
    });
  }
  if (document.querySelector('.estimate[data-status="running"]')) setTimeout(() => window.location.reload(), 3000);

  // -- the linkage review queue: keyboard shortcuts ------------------------------------------------
  const review = document.getElementById("review");
  if (review) {
    document.addEventListener("keydown", (event) => {
      if (event.target.matches("input, textarea, select")) return;
      const button = review.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
      if (!button) return;
      event.preventDefault();
      button.click();  // chooses the first pair's answer; the reason is typed next
      button.closest("form").querySelector('input[name="reason"]').focus();
    });
  }
});
