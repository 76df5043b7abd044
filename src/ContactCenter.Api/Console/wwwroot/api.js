// Shared by every console page (agent desk, supervisor board). Plain ES module, no build step.
//
//   import { me, api, onChanges, showError, $ } from "/console/static/api.js";
//   const who = await me();                  // {id, name, role, csrfToken}; cached; redirects to sign-in on 401
//   const room = await api("GET", "/admin/conferences/" + name);         // JSON (or null for 204)
//   await api("PUT", `/admin/agents/${who.id}/presence`, { presence: "away", reason: "lunch" });
//       unsafe methods carry X-CSRF-TOKEN; a failure throws ApiError(status, problem) after showing
//       its problem details in the page's [data-errors] element (role="alert")
//   onChanges(change => refresh(change));     // EventSource on /console/api/events: change = {id, kind, subject,
//       room, agent, at}; kind is room|agent|queue|transfer. Reconnects (and replays) by itself; no polling.
//   await signOut();                          // POST /console/logout, then the sign-in page
//   $("#id") is document.querySelector.

export const $ = (selector, root = document) => root.querySelector(selector);

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let mePromise;

export function me() {
  mePromise ??= fetch("/console/api/me", { credentials: "same-origin" }).then(async response => {
    if (response.status === 401) {
      location.assign("/console/login?returnUrl=" + encodeURIComponent(location.pathname));
      throw new ApiError(401, null);
    }
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    return response.json();
  });
  return mePromise;
}

export async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET" && method !== "HEAD") headers["X-CSRF-TOKEN"] = (await me()).csrfToken;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = new ApiError(response.status, await problemOf(response));
    showError(`${method} ${path}: ${error.message}`);
    throw error;
  }
  clearError();
  return response.status === 204 ? null : (response.headers.get("Content-Type") || "").includes("json") ? response.json() : null;
}

export function onChanges(handler) {
  const source = new EventSource("/console/api/events");
  for (const kind of ["room", "agent", "queue", "transfer"]) {
    source.addEventListener(kind, event => handler(JSON.parse(event.data)));
  }
  source.addEventListener("open", () => document.body.dataset.live = "on");
  source.addEventListener("error", () => document.body.dataset.live = "off");
  return source;
}

export async function signOut() {
  const token = (await me()).csrfToken;
  await fetch("/console/logout", { method: "POST", headers: { "X-CSRF-TOKEN": token }, credentials: "same-origin", redirect: "manual" });
  location.assign("/console/login");
}

export function showError(message) {
  const box = $("[data-errors]");
  if (box) { box.textContent = message; box.hidden = false; }
}

function clearError() {
  const box = $("[data-errors]");
  if (box) { box.textContent = ""; box.hidden = true; }
}

async function problemOf(response) {
  try { return await response.json(); } catch { return null; }
}
