// The wallboard's call history: search by day, queue and agent, page back through older calls, open one call's
// timeline and audit trail.
import { $, api } from "/console/static/api.js";
import { act, duration, el, time } from "/console/supervisor/supervisor-ui.js";

let historyBefore = null;

function historyQuery(before) {
  const form = new FormData($('#history-form'));
  const query = new URLSearchParams({ limit: '25' });
  for (const key of ['from', 'to']) if (form.get(key)) query.set(key, `${form.get(key)}T00:00:00Z`);
  if (form.get('to')) query.set('to', new Date(Date.parse(`${form.get('to')}T00:00:00Z`) + 86400000).toISOString());
  for (const key of ['queue', 'agent']) if (form.get(key)) query.set(key, form.get(key));
  if (before) query.set('before', before);
  return query;
}

export async function loadHistory(more = false) {
  const page = await api('GET', `/admin/history?${historyQuery(more ? historyBefore : null)}`);
  const rows = page.calls.map((c) => el('tr', {},
    el('td', {}, time(c.started)), el('td', {}, c.queue), el('td', {}, c.agent ?? '–'), el('td', {}, duration(c.waitedSeconds)),
    el('td', {}, duration(c.talkSeconds)), el('td', {}, c.outcome), el('td', { class: 'note' }, c.note ?? ''),
    el('td', {}, el('button', { type: 'button', onclick: () => act('Open call', () => openCall(c)) }, 'Open'))));
  if (more) $('#history').append(...rows); else $('#history').replaceChildren(...rows);
  historyBefore = page.next;
  $('#history-more').hidden = !page.next;
}

async function openCall(call) {
  const room = encodeURIComponent(call.room);
  const [events, audit] = await Promise.all([
    api('GET', `/admin/conferences/${room}/events`).catch(() => []),
    api('GET', `/admin/audit?room=${room}`),
  ]);
  const detail = $('#detail');
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

export function wireHistory() {
  $('#history-form').addEventListener('submit', (event) => { event.preventDefault(); act('Search', () => loadHistory()); });
  $('#history-more').addEventListener('click', () => act('Older calls', () => loadHistory(true)));
}
