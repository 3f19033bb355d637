// PredictiveMigration dashboard: a small single-page app over the HTTP API. Charts are SVG rendered by the server
// (/api/charts/...) and inlined, so they are part of the DOM. No framework, no build step.
(() => {
  "use strict";
  const params = new URLSearchParams(location.search);
  // ?refresh=N sets the auto-refresh period in seconds (2-3600; default 10).
  const REFRESH_MS = Math.min(3600, Math.max(2, Number(params.get("refresh")) || 10)) * 1000;
  if (params.get("key")) {
    sessionStorage.setItem("pm-key", params.get("key"));
    params.delete("key");
    history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : "") + location.hash);
  }
  const key = () => sessionStorage.getItem("pm-key") || "";
  const view = document.getElementById("view");
  const status = document.getElementById("status");
  let timer = null;
  let renderSeq = 0;

  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const api = async (path, options = {}) => {
    const headers = Object.assign({ "x-functions-key": key() }, options.headers || {});
    const res = await fetch("/api/" + path, Object.assign({}, options, { headers }));
    if (!res.ok) {
      let detail = res.statusText;
      try { const p = await res.json(); detail = p.detail || p.title || detail; } catch { /* not JSON */ }
      const error = new Error(`${res.status} ${detail}`);
      error.status = res.status;
      throw error;
    }
    const type = res.headers.get("content-type") || "";
    return type.includes("json") ? res.json() : res.text();
  };
  const svg = (path) => api(path).catch((e) => `<p class="muted">chart unavailable: ${esc(e.message)}</p>`);
  const when = (t) => (t ? new Date(t).toISOString().replace("T", " ").slice(0, 19) : "—");
  const riskClass = (s) => (s >= 70 ? "high" : s >= 40 ? "medium" : "low");
  const risk = (s) => (s == null ? '<span class="muted">—</span>' : `<span class="risk ${riskClass(s)}" data-risk="${s}">${s}</span>`);
  const pill = (s) => `<span class="pill ${esc(String(s).toLowerCase())}">${esc(s)}</span>`;
  const clock = (d) => [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
  const gib = (b) => (b ? (b / 1073741824).toFixed(1) + " GiB" : "—");

  const routes = [
    [/^#\/servers\/([^/]+)$/, (m) => serverView(decodeURIComponent(m[1]))],
    [/^#\/migrations\/([^/]+)$/, (m) => migrationView(decodeURIComponent(m[1]))],
    [/^#\/migrations$/, () => migrationsView()],
    [/^#\/connectors$/, () => connectorsView()],
    [/^#\/alerts$/, () => alertsView()],
    [/^#\/models$/, () => modelsView()],
    [/^.*$/, () => fleetView()],
  ];

  async function render() {
    const seq = ++renderSeq;
    const hash = location.hash || "#/fleet";
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", hash.startsWith(a.getAttribute("href"))));
    for (const [pattern, handler] of routes) {
      const m = hash.match(pattern);
      if (!m) continue;
      try {
        const html = await handler(m);
        if (seq !== renderSeq) return;
        view.innerHTML = html;
        view.dataset.view = hash.split("/")[1] || "fleet";
        const now = new Date();
        view.dataset.loadedAt = now.toISOString();
        status.textContent = "updated " + clock(now);
        status.dataset.updatedAt = now.toISOString();
        status.dataset.refreshes = String(Number(status.dataset.refreshes || 0) + 1);
        status.classList.remove("error");
        bindActions();
      } catch (e) {
        if (seq !== renderSeq) return;
        status.textContent = e.status === 401 ? "API key needed: open the dashboard with ?key=…" : "error: " + e.message;
        status.classList.add("error");
        if (!view.dataset.loadedAt) view.innerHTML = `<p class="empty">${esc(status.textContent)}</p>`;
      }
      return;
    }
  }

  async function fleetView() {
    const [list, fleetChart] = await Promise.all([api("servers?sort=risk&pageSize=200"), svg("charts/fleet-risk.svg")]);
    const servers = list.servers || [];
    const atRisk = servers.filter((s) => s.risk && s.risk.score >= 70).length;
    const migrating = servers.filter((s) => s.migration).length;
    const rows = servers.map((s) => `<tr data-server="${esc(s.serverId)}">
        <td><a href="#/servers/${encodeURIComponent(s.serverId)}">${esc(s.serverId)}</a></td>
        <td>${risk(s.risk && s.risk.score)}</td>
        <td>${esc(s.risk && s.risk.topReason) || '<span class="muted">—</span>'}</td>
        <td>${esc(s.cluster ?? "—")}</td>
        <td>${s.migration ? `<a href="#/migrations/${encodeURIComponent(s.migration.migrationId)}">${pill(s.migration.status)}</a>` : ""}</td>
        <td>${when(s.lastSeen)}</td></tr>`).join("");
    return `<h2>Fleet</h2>
      <div class="cards">
        <div class="card"><div class="value" data-card="servers">${list.total ?? servers.length}</div><div class="label">servers</div></div>
        <div class="card"><div class="value" data-card="at-risk">${atRisk}</div><div class="label">at risk (score ≥ 70)</div></div>
        <div class="card"><div class="value" data-card="migrating">${migrating}</div><div class="label">migrating</div></div>
      </div>
      <div class="grid"><div class="panel">${fleetChart}</div><div class="panel">${await svg("charts/clusters.svg")}</div></div>
      <h2>Servers by risk</h2>
      ${servers.length ? `<table id="servers"><thead><tr><th>Server</th><th>Risk</th><th>Main reason</th><th>Cluster</th><th>Migration</th><th>Last seen</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="empty">No servers yet: point an agent at /api/metrics or the event hub.</p>'}`;
  }

  async function serverView(id) {
    const enc = encodeURIComponent(id);
    const [detail, riskDoc] = await Promise.all([api(`servers/${enc}`), api(`servers/${enc}/risk`).catch(() => null)]);
    const charts = await Promise.all(["cpu", "memory", "diskio", "network"].map((r) => svg(`charts/servers/${enc}/${r}.svg`)));
    const reasons = riskDoc && riskDoc.reasons ? riskDoc.reasons.map((r) => `<li data-reason="${esc(r.code)}">${esc(r.text)}</li>`).join("") : "";
    return `<h2>Server ${esc(id)} ${risk(riskDoc && riskDoc.score)}</h2>
      <div class="cards">
        <div class="card"><div class="value">${esc(detail.cpuCores ?? "—")}</div><div class="label">vCPUs</div></div>
        <div class="card"><div class="value">${gib(detail.memoryTotalBytes)}</div><div class="label">memory</div></div>
        <div class="card"><div class="value">${when(detail.lastSeen)}</div><div class="label">last seen</div></div>
        <div class="card"><div class="value">${esc(riskDoc ? riskDoc.modelVersion : "—")}</div><div class="label">model</div></div>
      </div>
      <div class="panel"><strong>Why this score</strong>${reasons ? `<ul class="reasons" id="reasons">${reasons}</ul>` : '<p class="muted">No assessment yet.</p>'}</div>
      <div class="grid" id="server-charts">${charts.map((c) => `<div class="panel">${c}</div>`).join("")}</div>
      <p><button class="primary" data-action="migrate" data-server="${esc(id)}">Request migration</button></p>`;
  }

  async function migrationsView() {
    const list = await api("migrations?status=all");
    const rows = (list.migrations || []).map((m) => `<tr data-migration="${esc(m.migrationId)}">
        <td><a href="#/migrations/${encodeURIComponent(m.migrationId)}">${esc(m.migrationId)}</a></td>
        <td><a href="#/servers/${encodeURIComponent(m.serverId)}">${esc(m.serverId)}</a></td>
        <td>${esc(m.strategy)}</td><td>${pill(m.status)}</td><td>${esc(m.step)}</td><td>${esc(m.progress)} %</td>
        <td>${esc(m.outcome || "")}</td><td>${when(m.updatedAt)}</td></tr>`).join("");
    return `<h2>Migrations</h2>${rows ? `<table id="migrations"><thead><tr><th>Migration</th><th>Server</th><th>Strategy</th><th>Status</th><th>Step</th><th>Progress</th><th>Outcome</th><th>Updated</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="empty">No migrations yet.</p>'}`;
  }

  async function migrationView(id) {
    const enc = encodeURIComponent(id);
    const [m, timeline] = await Promise.all([api(`migrations/${enc}`), svg(`charts/migrations/${enc}/timeline.svg`)]);
    const steps = (m.timeline || []).map((s) => `<tr><td>${esc(s.step)}</td><td>${pill(s.state)}</td><td>${when(s.at)}</td><td>${esc(s.detail)}</td></tr>`).join("");
    const actions = m.status === "AwaitingApproval"
      ? `<button class="primary" data-action="approve" data-migration="${esc(id)}">Approve</button> <button data-action="reject" data-migration="${esc(id)}">Reject</button> `
      : "";
    const cancel = ["Scheduled", "AwaitingApproval", "Running"].includes(m.status) ? `<button data-action="cancel" data-migration="${esc(id)}">Cancel</button>` : "";
    return `<h2>Migration ${esc(id)} ${pill(m.status)}</h2>
      <p>Server <a href="#/servers/${encodeURIComponent(m.serverId)}">${esc(m.serverId)}</a> · ${esc(m.strategy)} · ${esc(m.reason)}</p>
      ${m.outcome ? `<p data-outcome><strong>Outcome:</strong> ${esc(m.outcome)}</p>` : ""}
      <p>${actions}${cancel}</p>
      <div class="panel">${timeline}</div>
      <h2>Steps</h2><table id="steps"><thead><tr><th>Step</th><th>State</th><th>At</th><th>Detail</th></tr></thead><tbody>${steps}</tbody></table>`;
  }

  async function connectorsView() {
    const [list, chart] = await Promise.all([api("connectors"), svg("charts/connectors.svg")]);
    const connectors = list.connectors || [];
    const regions = list.regions || [];
    const count = (state) => connectors.filter((c) => c.state === state).length;
    const rows = connectors.map((c) => `<tr data-connector="${esc(c.id)}" data-state="${esc(c.state)}">
        <td>${esc(c.id)}</td><td>${esc(c.region)}</td><td>${esc(c.size)}</td><td>${pill(c.state)}</td>
        <td data-tasks>${(c.assignedTasks || []).length} / ${esc(c.maxTasks ?? 0)}</td>
        <td>${esc(c.capacityMBps ?? 0)}</td><td>${esc(c.freeMBps ?? 0)}</td>
        <td>${(c.assignedTasks || []).map((t) => `<a href="#/migrations/${encodeURIComponent(t)}">${esc(t)}</a>`).join(", ") || '<span class="muted">—</span>'}</td>
        <td>${when(c.stateSince)}</td></tr>`).join("");
    const regionRows = regions.map((r) => `<tr data-region="${esc(r.region)}"><td>${esc(r.region)}</td><td>${esc(r.active)}</td><td>${esc(r.warm)}</td><td>${esc(r.draining)}</td><td>${esc(r.freeTasks)}</td><td>${esc(r.capacityMBps)}</td><td>${esc(r.freeMBps)}</td></tr>`).join("");
    return `<h2>Connectors</h2>
      <div class="cards">
        <div class="card"><div class="value" data-card="connectors">${connectors.length}</div><div class="label">connectors</div></div>
        <div class="card"><div class="value" data-card="active">${count("active")}</div><div class="label">active</div></div>
        <div class="card"><div class="value" data-card="warm">${count("warm")}</div><div class="label">warm</div></div>
        <div class="card"><div class="value" data-card="draining">${count("draining")}</div><div class="label">draining</div></div>
      </div>
      <div class="panel">${chart}</div>
      ${rows ? `<h2>By region</h2><table id="regions"><thead><tr><th>Region</th><th>Active</th><th>Warm</th><th>Draining</th><th>Free tasks</th><th>MB/s (active)</th><th>Free MB/s</th></tr></thead><tbody>${regionRows}</tbody></table>
      <h2>Connectors</h2><table id="connectors"><thead><tr><th>Connector</th><th>Region</th><th>Size</th><th>State</th><th>Tasks</th><th>MB/s</th><th>Free MB/s</th><th>Carrying</th><th>Since</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="empty">No connectors provisioned.</p>'}`;
  }

  async function alertsView() {
    const list = await api("alerts");
    const alerts = list.alerts || [];
    const count = (severity) => alerts.filter((a) => a.severity === severity).length;
    const subject = (a) => [
      a.serverId ? `<a href="#/servers/${encodeURIComponent(a.serverId)}">${esc(a.serverId)}</a>` : "",
      a.migrationId ? `<a href="#/migrations/${encodeURIComponent(a.migrationId)}">${esc(a.migrationId)}</a>` : "",
    ].filter(Boolean).join(" · ");
    const facts = (a) => (a.facts || []).length
      ? `<details><summary>${(a.facts || []).length} facts</summary><dl class="facts">${a.facts.map((f) => `<dt>${esc(f.name)}</dt><dd>${esc(f.value)}</dd>`).join("")}</dl></details>`
      : "";
    const deliveries = (a) => (a.deliveries || []).length
      ? a.deliveries.map((d) => `<span class="pill ${esc(d.state.toLowerCase())}" data-delivery="${esc(d.subscription)}" data-state="${esc(d.state)}" title="${esc(d.lastError || "")}">${esc(d.subscription)}: ${esc(d.state)}${d.attempts > 1 ? ` (${esc(d.attempts)} attempts)` : ""}</span>`).join(" ")
      : '<span class="muted">no subscription</span>';
    const rows = alerts.map((a) => `<tr data-alert="${esc(a.id)}" data-kind="${esc(a.kind)}" data-severity="${esc(a.severity)}">
        <td>${when(a.occurredAt)}</td><td>${pill(a.kind)}</td><td><span class="severity ${esc(String(a.severity).toLowerCase())}">${esc(a.severity)}</span></td>
        <td><strong class="title">${esc(a.title)}</strong><div class="text">${esc(a.text || "")}</div>${facts(a)}</td>
        <td>${subject(a)}</td><td>${deliveries(a)}</td></tr>`).join("");
    return `<h2>Alerts</h2>
      <div class="cards">
        <div class="card"><div class="value" data-card="alerts">${alerts.length}</div><div class="label">recent alerts</div></div>
        <div class="card"><div class="value" data-card="critical">${count("Critical")}</div><div class="label">critical</div></div>
        <div class="card"><div class="value" data-card="warning">${count("Warning")}</div><div class="label">warning</div></div>
        <div class="card"><div class="value" data-card="info">${count("Info")}</div><div class="label">info</div></div>
      </div>
      ${rows ? `<table id="alerts"><thead><tr><th>At</th><th>Kind</th><th>Severity</th><th>Alert</th><th>About</th><th>Delivery</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="empty">No alerts.</p>'}`;
  }

  async function modelsView() {
    const m = await api("models");
    const versions = (m.versions || []).map((v) => `<tr><td>${esc(v.version)}</td><td>${when(v.createdAt)}</td><td>${v.promoted ? "promoted" : "kept back"}</td><td>${esc(v.reason || "")}</td></tr>`).join("");
    return `<h2>Models</h2><p>Current: <strong data-model>${esc(m.current && m.current.version || "none")}</strong></p>
      ${versions ? `<table><thead><tr><th>Version</th><th>Trained</th><th>Decision</th><th>Why</th></tr></thead><tbody>${versions}</tbody></table>` : ""}`;
  }

  function bindActions() {
    view.querySelectorAll("button[data-action]").forEach((b) => b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        const action = b.dataset.action;
        if (action === "migrate") {
          const res = await api("migrations", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ serverId: b.dataset.server, reason: "requested from the dashboard" }) });
          location.hash = "#/migrations/" + encodeURIComponent(res.migrationId);
        } else {
          await api(`migrations/${encodeURIComponent(b.dataset.migration)}/${action}`, { method: "POST" });
          await render();
        }
      } catch (e) {
        status.textContent = "error: " + e.message;
        status.classList.add("error");
      } finally {
        b.disabled = false;
      }
    }));
  }

  window.addEventListener("hashchange", () => { delete view.dataset.loadedAt; render(); });
  document.getElementById("refresh-seconds").textContent = String(REFRESH_MS / 1000);
  render();
  timer = setInterval(render, REFRESH_MS);
  window.pmDashboard = { refresh: render, stop: () => clearInterval(timer) };
})();
