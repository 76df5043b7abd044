// The supervisor wallboard: each panel is fetched once, then again only when /console/api/events says its kind changed.
const $ = (id) => document.getElementById(id);
let me = null;
let historyBefore = null;

async function api(path, options = {}) {
  const headers = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.method && options.method !== 'GET' && me) headers['X-CSRF-TOKEN'] = me.csrfToken;
  const response = await fetch(path, {
    method: options.method ?? 'GET', headers, credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 401) { location.assign('/console/login?returnUrl=/console/supervisor'); throw new Error('signed out'); }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(data?.detail ?? data?.title ?? `${response.status}`);
  return data;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith('aria-')) { node.setAttribute(key, String(value)); continue; }
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const duration = (seconds) => {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
};
const time = (iso) => (iso ? new Date(iso).toLocaleString() : '–');
const percent = (value) => (value === null || value === undefined ? '–' : `${Math.round(value * 100)}%`);

function showError(error) {
  $('error').textContent = error.message;
  $('error').hidden = false;
}

async function act(label, work) {
  try {
    $('error').hidden = true;
    await work();
  } catch (error) {
    showError(new Error(`${label}: ${error.message}`));
  }
}

async function loadQueues() {
  const queues = await api('/admin/queues');
  $('queues').replaceChildren(...queues.map((q) => el('article', { class: 'card', 'data-queue': q.id },
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
  const agents = await api('/admin/agents');
  $('agents').replaceChildren(...agents.map((a) => el('tr', {},
    el('th', { scope: 'row' }, a.id),
    el('td', {}, el('span', { class: `presence ${a.presence}` }, a.presence), a.reason ? ` (${a.reason})` : ''),
    el('td', { class: 'since', 'data-since': a.since }, duration((Date.now() - Date.parse(a.since)) / 1000)))));
}

function supervisorMode(p) {
  return p.muted ? 'monitor' : p.coaching ? 'coach' : 'barge';
}

function participantRow(room, p) {
  const mine = p.role === 'supervisor' && p.label === `supervisor-${me.id}`;
  const path = `/admin/conferences/${encodeURIComponent(room)}`;
  const actions = [];
  if (mine) {
    for (const mode of ['monitor', 'coach', 'barge']) {
      actions.push(el('button', { type: 'button', 'aria-pressed': supervisorMode(p) === mode, onclick: () => act(`Switch to ${mode}`,
        () => api(`${path}/supervisors/${p.callSid}`, { method: 'PUT', body: { mode } })) }, mode));
    }
  }
  if (p.role !== 'supervisor') {
    actions.push(el('button', { type: 'button', onclick: () => act(p.hold ? 'Unhold' : 'Hold',
      () => api(`${path}/participants/${p.callSid}/${p.hold ? 'unhold' : 'hold'}`, { method: 'POST' })) }, p.hold ? 'Unhold' : 'Hold'));
  }
  actions.push(el('button', { type: 'button', class: 'danger', onclick: () => act('Remove',
    () => api(`${path}/participants/${p.callSid}`, { method: 'DELETE' })) }, 'Remove'));
  const flags = [p.hold && 'on hold', p.muted && 'muted', p.coaching && 'coaching'].filter(Boolean).join(', ');
  return el('li', { class: 'participant', 'data-role': p.role },
    el('span', {}, el('strong', {}, p.label ?? p.role), ` (${p.role})`, flags ? ` — ${flags}` : ''),
    el('span', { class: 'actions' }, actions));
}

async function loadRooms() {
  const page = await api('/admin/conferences?status=active');
  if (page.items.length === 0) {
    $('rooms').replaceChildren(el('p', {}, 'No live rooms.'));
    return;
  }
  $('rooms').replaceChildren(...page.items.map((room) => {
    const name = room.friendlyName ?? room.conferenceSid;
    const present = room.participants.filter((p) => p.inRoom);
    const joined = present.some((p) => p.label === `supervisor-${me.id}`);
    const join = (mode) => el('button', { type: 'button', disabled: joined, onclick: () => act(mode,
      () => api(`/admin/conferences/${encodeURIComponent(name)}/supervisors`, { method: 'POST', body: { supervisor: me.id, mode } })) }, mode[0].toUpperCase() + mode.slice(1));
    return el('article', { class: 'room', 'data-room': name },
      el('h3', {}, name, el('small', {}, ` since ${time(room.startedAt)}`)),
      el('ul', {}, present.map((p) => participantRow(name, p))),
      el('p', { class: 'actions' }, join('monitor'), join('coach'), join('barge'),
        el('button', { type: 'button', class: 'danger', onclick: () => act('End room',
          () => api(`/admin/conferences/${encodeURIComponent(name)}`, { method: 'DELETE' })) }, 'End room')));
  }));
}

function historyQuery(before) {
  const form = new FormData($('history-form'));
  const query = new URLSearchParams({ limit: '25' });
  for (const key of ['from', 'to']) if (form.get(key)) query.set(key, `${form.get(key)}T00:00:00Z`);
  if (form.get('to')) query.set('to', new Date(Date.parse(`${form.get('to')}T00:00:00Z`) + 86400000).toISOString());
  for (const key of ['queue', 'agent']) if (form.get(key)) query.set(key, form.get(key));
  if (before) query.set('before', before);
  return query;
}

async function loadHistory(more = false) {
  const page = await api(`/admin/history?${historyQuery(more ? historyBefore : null)}`);
  const rows = page.calls.map((c) => el('tr', {},
    el('td', {}, time(c.started)), el('td', {}, c.queue), el('td', {}, c.agent ?? '–'), el('td', {}, duration(c.waitedSeconds)),
    el('td', {}, duration(c.talkSeconds)), el('td', {}, c.outcome), el('td', { class: 'note' }, c.note ?? ''),
    el('td', {}, el('button', { type: 'button', onclick: () => act('Open call', () => openCall(c)) }, 'Open'))));
  if (more) $('history').append(...rows); else $('history').replaceChildren(...rows);
  historyBefore = page.next;
  $('history-more').hidden = !page.next;
}

async function openCall(call) {
  const room = encodeURIComponent(call.room);
  const [events, audit] = await Promise.all([
    api(`/admin/conferences/${room}/events`).catch(() => []),
    api(`/admin/audit?room=${room}`),
  ]);
  const detail = $('detail');
  detail.replaceChildren(
    el('h3', {}, `Call ${call.callerCallSid}`),
    el('p', {}, `${call.queue}, ${call.agent ?? 'no agent'}, ${call.outcome}${call.endReason ? ` (${call.endReason})` : ''}`),
    call.note ? el('p', {}, 'Note: ', call.note) : null,
    el('h4', {}, 'Timeline'),
    el('ol', {}, events.map((e) => el('li', {}, `${time(e.timestamp ?? e.receivedAt)} ${e.eventType}${e.fields?.ParticipantLabel ? ` ${e.fields.ParticipantLabel}` : ''}`))),
    el('h4', {}, 'Audit'),
    el('ol', {}, audit.map((a) => el('li', {}, `${time(a.at)} ${a.actor} ${a.action} ${a.outcome}${a.detail ? ` — ${a.detail}` : ''}`))),
    el('button', { type: 'button', onclick: () => { detail.hidden = true; } }, 'Close'));
  detail.hidden = false;
  detail.focus();
}

const panels = { queue: [loadQueues], agent: [loadAgents, loadQueues], room: [loadRooms], transfer: [loadRooms] };
const pending = new Set();
let flush = null;

function refresh(kind) {
  for (const load of panels[kind] ?? []) pending.add(load);
  flush ??= setTimeout(() => {
    flush = null;
    const loads = [...pending];
    pending.clear();
    for (const load of loads) load().catch(showError);
  }, 100);
}

function listen() {
  const source = new EventSource('/console/api/events');
  source.addEventListener('open', () => { $('live').textContent = 'live'; $('live').className = 'live on'; });
  source.addEventListener('error', () => { $('live').textContent = 'reconnecting'; $('live').className = 'live'; });
  for (const kind of Object.keys(panels)) source.addEventListener(kind, () => refresh(kind));
}

async function start() {
  me = await api('/console/api/me');
  $('me').textContent = `${me.name} (${me.role})`;
  $('logout-token').value = me.csrfToken;
  $('history-form').addEventListener('submit', (event) => { event.preventDefault(); act('Search', () => loadHistory()); });
  $('history-more').addEventListener('click', () => act('Older calls', () => loadHistory(true)));
  // The "for" column ages on the page's own clock; nothing is fetched for it.
  setInterval(() => {
    for (const cell of document.querySelectorAll('[data-since]')) cell.textContent = duration((Date.now() - Date.parse(cell.dataset.since)) / 1000);
  }, 1000);
  listen();
  await Promise.all([loadQueues(), loadAgents(), loadRooms(), loadHistory()]);
}

start().catch(showError);
