// The agent desk: presence, the offered and current call, call control, transfers, wrap-up.
// Live through /console/api/events: every change re-reads /console/api/my-call (no polling loop).
import { $, api, me, onChanges, signOut, showError } from "/console/static/api.js";

let view = null;
let wrapUpCall = null; // the caller CallSid of the call that just ended, until "Done"
let running = null, again = false;

const seconds = since => since ? Math.max(0, Math.round((Date.now() - Date.parse(since)) / 1000)) : null;
const duration = s => s === null ? "–" : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
const text = (id, value) => { $(id).textContent = value ?? "–"; };
const roomPath = () => `/admin/conferences/${encodeURIComponent(view.room)}`;

// One read at a time, and one more after it if changes came meanwhile: answers never arrive out of order.
async function refresh() {
  if (running) { again = true; return running; }
  running = (async () => {
    do { again = false; await read(); } while (again);
  })().finally(() => { running = null; });
  return running;
}

async function read() {
  const previous = view;
  view = await api("GET", "/console/api/my-call");
  if (previous?.state === "on-call" && view.state === "none") wrapUpCall = previous.callerCallSid ?? "call";
  render();
}

function render() {
  const v = view;
  $("#presence-now").textContent = v.presence + (v.reason ? ` (${v.reason})` : "");
  $("#presence-now").dataset.state = v.presence;
  document.body.dataset.state = v.state;
  $("#offer").hidden = v.state !== "ringing";
  $("#call").hidden = v.state !== "on-call";
  $("#wrap-up").hidden = !(wrapUpCall && v.state === "none");
  $("#idle").hidden = v.state !== "none" || !$("#wrap-up").hidden;
  text("#offer-caller", v.caller ?? "unknown"); text("#offer-queue", v.queue);
  text("#call-caller", v.caller ?? "unknown"); text("#call-queue", v.queue ?? "direct");
  text("#call-waited", duration(v.enteredAt && v.answeredAt ? Math.round((Date.parse(v.answeredAt) - Date.parse(v.enteredAt)) / 1000) : null));
  text("#call-caller-state", v.callerHeld ? "on hold" : v.callerMuted ? "muted" : "talking");
  $("#hold").textContent = v.callerHeld ? "Unhold" : "Hold";
  $("#mute").textContent = v.callerMuted ? "Unmute" : "Mute";
  const t = v.transfer;
  $("#transfer-form").hidden = !!t;
  $("#transfer-progress").hidden = !t;
  if (t) text("#transfer-text", `${t.type} transfer to ${t.targetKind} ${t.target}: ${t.state}`);
  $("#transfer-complete").disabled = !(t && t.type === "warm" && t.state === "connected");
  tick();
}

function tick() {
  if (!view) return;
  text("#offer-waited", duration(seconds(view.enteredAt)));
  text("#call-talk", duration(seconds(view.answeredAt)));
}

async function act(action) {
  try { await action(); await refresh(); } catch (error) { if (!error.status) showError(error.message); }
}

function wire() {
  $("#presence-form").addEventListener("submit", event => {
    event.preventDefault();
    const presence = $("#presence").value;
    const reason = presence === "away" ? $("#reason").value.trim() || null : null;
    act(async () => api("PUT", `/admin/agents/${encodeURIComponent((await me()).id)}/presence`, { presence, reason }));
  });
  $("#hold").addEventListener("click", () => act(() => api("POST", `${roomPath()}/participants/${view.callerCallSid}/${view.callerHeld ? "unhold" : "hold"}`)));
  $("#mute").addEventListener("click", () => act(() => api("POST", `${roomPath()}/participants/${view.callerCallSid}/${view.callerMuted ? "unmute" : "mute"}`)));
  $("#hang-up").addEventListener("click", () => act(() => api("DELETE", roomPath())));
  $("#transfer-form").addEventListener("submit", event => {
    event.preventDefault();
    const to = { [$("#transfer-kind").value]: $("#transfer-target").value.trim() };
    act(async () => {
      await api("POST", `${roomPath()}/transfers`, { type: $("#transfer-type").value, to });
      $("#transfer-target").value = ""; // a typed number stays in the page no longer than it takes to dial it
    });
  });
  $("#transfer-complete").addEventListener("click", () => act(() => api("POST", `${roomPath()}/transfers/${view.transfer.id}/complete`)));
  $("#transfer-cancel").addEventListener("click", () => act(() => api("POST", `${roomPath()}/transfers/${view.transfer.id}/cancel`)));
  $("#done").addEventListener("click", () => act(async () => {
    const note = $("#note").value.trim();
    if (note && wrapUpCall?.startsWith("CA")) await api("PUT", `/admin/calls/${encodeURIComponent(wrapUpCall)}/note`, { note });
    wrapUpCall = null;
    $("#note").value = "";
    if (view.presence !== "available") await api("PUT", `/admin/agents/${encodeURIComponent((await me()).id)}/presence`, { presence: "available" });
  }));
  $("#sign-out").addEventListener("click", () => signOut());
}

async function start() {
  wire();
  const who = await me();
  $("#who").textContent = `— ${who.name} (${who.id})`;
  await refresh();
  $("#presence").value = ["available", "away", "offline"].includes(view.presence) ? view.presence : "available";
  onChanges(() => refresh().catch(() => {}));
  setInterval(tick, 1000); // a display clock for the timers, not a poll: nothing is fetched
  document.body.dataset.ready = "true";
}

start().catch(error => showError(error.message));
