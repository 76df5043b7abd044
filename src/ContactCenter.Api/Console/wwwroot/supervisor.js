// The supervisor wallboard: each panel is fetched once, then again only when /console/api/events says its kind changed.
// Requests, the antiforgery header, the live feed and problem details come from the console's shared api.js.
import { $, api, me, onChanges, showError } from "/console/static/api.js";
import { act, duration, el, percent, time } from "/console/supervisor/supervisor-ui.js";
import { loadHistory, wireHistory } from "/console/supervisor/supervisor-history.js";

let who = null;

async function loadQueues() {
  const queues = await api('GET', '/admin/queues');
  $('#queues').replaceChildren(...queues.map((q) => el('article', { class: 'card', 'data-queue': q.id },
    el('h3', {}, q.name ?? q.id),
    el('p', { class: 'big' }, el('span', { class: 'waiting-count', id: `waiting-${q.id}` }, String(q.waiting.length)), ' waiting'),
    el('p', {}, 'Longest wait: ', duration(q.longestWaitSeconds)),
    el('ul', { class: 'waiting' }, q.waiting.map((w) => el('li', {}, `#${w.position} `, el('span', { class: 'caller' }, w.caller ?? 'unknown caller'),
      ` ${w.state}, ${duration(w.waitSeconds)}`, w.offeredAgent ? ` → ${w.offeredAgent}` : ''))),
    el('p', {}, Object.entries(q.agentsByPresence).map(([presence, ids]) => `${presence}: ${ids.length}`).join(' · ') || 'no agents'),
    el('dl', { class: 'today' },
      el('dt', {}, 'Offered'), el('dd', {}, String(q.today.offered)),
      el('dt', {}, 'Answered'), el('dd', {}, String(q.today.answered)),
      el('dt', {}, 'Abandoned'), el('dd', {}, String(q.today.abandoned)),
      el('dt', {}, 'ASA'), el('dd', {}, duration(q.today.averageSpeedOfAnswerSeconds)),
      el('dt', {}, 'Service level'), el('dd', {}, percent(q.today.serviceLevel))))));
}

async function loadAgents() {
  const agents = await api('GET', '/admin/agents');
  $('#agents').replaceChildren(...agents.map((a) => el('tr', {},
    el('th', { scope: 'row' }, a.id),
    el('td', {}, el('span', { class: `presence ${a.presence}` }, a.presence), a.reason ? ` (${a.reason})` : ''),
    el('td', { class: 'since', 'data-since': a.since }, duration((Date.now() - Date.parse(a.since)) / 1000)))));
}

function supervisorMode(p) {
  return p.muted ? 'monitor' : p.coaching ? 'coach' : 'barge';
}

function participantRow(room, p) {
  const mine = p.role === 'supervisor' && p.label === `supervisor-${who.id}`;
  const path = `/admin/conferences/${encodeURIComponent(room)}`;
  const actions = [];
  if (mine) {
    for (const mode of ['monitor', 'coach', 'barge']) {
      actions.push(el('button', { type: 'button', 'aria-pressed': supervisorMode(p) === mode, onclick: () => act(`Switch to ${mode}`,
        () => api('PUT', `${path}/supervisors/${p.callSid}`, { mode })) }, mode));
    }
  }
  if (p.role !== 'supervisor') {
    actions.push(el('button', { type: 'button', onclick: () => act(p.hold ? 'Unhold' : 'Hold',
      () => api('POST', `${path}/participants/${p.callSid}/${p.hold ? 'unhold' : 'hold'}`)) }, p.hold ? 'Unhold' : 'Hold'));
  }
  actions.push(el('button', { type: 'button', class: 'danger', onclick: () => act('Remove',
    () => api('DELETE', `${path}/participants/${p.callSid}`)) }, 'Remove'));
  const flags = [p.hold && 'on hold', p.muted && 'muted', p.coaching && 'coaching'].filter(Boolean).join(', ');
  return el('li', { class: 'participant', 'data-role': p.role },
    el('span', {}, el('strong', {}, p.label ?? p.role), ` (${p.role})`, flags ? ` — ${flags}` : ''),
    el('span', { class: 'actions' }, actions));
}

async function loadRooms() {
  const page = await api('GET', '/admin/conferences?status=active');
  if (page.items.length === 0) {
    $('#rooms').replaceChildren(el('p', {}, 'No live rooms.'));
    return;
  }
  $('#rooms').replaceChildren(...page.items.map((room) => {
    const name = room.friendlyName ?? room.conferenceSid;
    const present = room.participants.filter((p) => p.inRoom);
    const joined = present.some((p) => p.label === `supervisor-${who.id}`);
    const join = (mode) => el('button', { type: 'button', disabled: joined, onclick: () => act(mode,
      () => api('POST', `/admin/conferences/${encodeURIComponent(name)}/supervisors`, { supervisor: who.id, mode })) }, mode[0].toUpperCase() + mode.slice(1));
    return el('article', { class: 'room', 'data-room': name },
      el('h3', {}, name, el('small', {}, ` since ${time(room.startedAt)}`)),
      el('ul', {}, present.map((p) => participantRow(name, p))),
      el('p', { class: 'actions' }, join('monitor'), join('coach'), join('barge'),
        el('button', { type: 'button', class: 'danger', onclick: () => act('End room',
          () => api('DELETE', `/admin/conferences/${encodeURIComponent(name)}`)) }, 'End room')));
  }));
}

const panels = { queue: [loadQueues], agent: [loadAgents, loadQueues], room: [loadRooms], transfer: [loadRooms] };
const pending = new Set();
let flush = null;

// Changes come in bursts (one call moves a queue, an agent and a room): one re-read per panel per burst.
function refresh(kind) {
  for (const load of panels[kind] ?? []) pending.add(load);
  flush ??= setTimeout(() => {
    flush = null;
    const loads = [...pending];
    pending.clear();
    for (const load of loads) load().catch((error) => showError(error.message));
  }, 100);
}

function listen() {
  const source = onChanges((change) => refresh(change.kind));
  source.addEventListener('open', () => { $('#live').textContent = 'live'; $('#live').className = 'live on'; });
  source.addEventListener('error', () => { $('#live').textContent = 'reconnecting'; $('#live').className = 'live'; });
}

async function start() {
  who = await me();
  $('#me').textContent = `${who.name} (${who.role})`;
  $('#logout-token').value = who.csrfToken;
  wireHistory();
  // The "for" column ages on the page's own clock; nothing is fetched for it.
  setInterval(() => {
    for (const cell of document.querySelectorAll('[data-since]')) cell.textContent = duration((Date.now() - Date.parse(cell.dataset.since)) / 1000);
  }, 1000);
  listen();
  await Promise.all([loadQueues(), loadAgents(), loadRooms(), loadHistory()]);
  document.body.dataset.ready = 'true';
}

start().catch((error) => showError(error.message));
