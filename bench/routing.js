// Routing latency: a stub Twilio REST API records each agent dial (participant create) and answers 201 at once; signed
// customer participant-join callbacks (the statusCallback URL /voice gives a routed room: ?queue=..&priority=0) arrive as
// fast as CONCURRENCY allows. Each dialed agent's call then ends (agent join, conference-end), freeing the agent for the
// next waiting caller, so every caller is routed. Latency per caller: dial request received minus the later of its join
// being sent and its agent's previous call end being sent. Prints one RESULT line; exits 1 on any non-2xx or missing dial.
// First WARMUP (env, default 0) callers are routed the same way and not counted: one at a time, then as fast as CONCURRENCY
// allows, then a 1 s pause for their calls' ends to settle, so the figures are the warm service's, not its first JIT and
// connection-pool opening (routing.sh reports the cold run as well).
// RATE (env, callers per second) switches to an open loop: join i is sent at start + i/RATE whatever the answers, and its
// latency counts from that scheduled time (a late send by this script counts against the service, lag_max_ms shows it).
// usage: node routing.js <baseUrl> <authToken> <accountSid> <stubPort> <callers> <concurrency> <queues>
const http = require('http');
const crypto = require('crypto');
const [baseUrl, token, accountSid, stubPortArg, callersArg, concurrencyArg, queuesArg] = process.argv.slice(2);
const callers = Number(callersArg), concurrency = Number(concurrencyArg), queues = Number(queuesArg);
const warmup = Number(process.env.WARMUP || 0);
const rate = Number(process.env.RATE || 0);
const target = new URL(baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: rate > 0 ? 512 : concurrency + 16 });
const hex = () => crypto.randomBytes(16).toString('hex');
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

const rooms = Array.from({ length: callers }, (_, i) => ({ cf: 'CF' + hex(), caller: 'CA' + hex(), queue: 'q' + (i % queues) }));
const warmRooms = Array.from({ length: warmup }, (_, i) => ({ cf: 'CF' + hex(), caller: 'CA' + hex(), queue: 'q' + (i % queues), warm: true }));
const byConference = new Map([...rooms, ...warmRooms].map(r => [r.cf, r]));
const warmEnds = [];
const freedAt = new Map(); // agent endpoint -> when its previous call's end was sent
const latencies = [], fresh = [], freed = [], joinRtt = [], endRtt = []; // fresh: found a free agent; freed: waited for a call's end
let failures = 0, dials = 0, firstSent = Infinity, lastDial = 0, done;
const finished = new Promise(resolve => { done = resolve; });

function post(room, fields) {
  const path = `/conference-events?queue=${room.queue}&priority=0`;
  const params = { AccountSid: accountSid, ConferenceSid: room.cf, FriendlyName: 'room-' + room.caller,
    Timestamp: new Date().toUTCString().replace('GMT', '+0000'), ...fields };
  const data = baseUrl + path + Object.keys(params).sort().map(k => k + params[k]).join('');
  const signature = crypto.createHmac('sha1', token).update(data).digest('base64');
  const body = new URLSearchParams(params).toString();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, path, method: 'POST', agent,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), 'X-Twilio-Signature': signature } },
      res => { res.resume(); res.on('end', () => { if (res.statusCode < 200 || res.statusCode > 299) failures++; resolve(); }); });
    req.on('error', reject);
    req.end(body);
  });
}

const participant = (room, to) => ({ CallSid: room.caller, ParticipantLabel: 'customer', Muted: 'false', Hold: 'false',
  Coaching: 'false', EndConferenceOnExit: 'true', StartConferenceOnEnter: 'true', ...to });

async function endCall(room, agentLeg, endpoint) {
  await post(room, participant(room, { CallSid: agentLeg, ParticipantLabel: 'agent', StatusCallbackEvent: 'participant-join', SequenceNumber: '2' }));
  const endSent = now();
  freedAt.set(endpoint, endSent);
  await post(room, { StatusCallbackEvent: 'conference-end', SequenceNumber: '3', ReasonConferenceEnded: 'participant-with-end-conference-on-exit-left', CallSidEndingConference: agentLeg });
  if (!room.warm) endRtt.push(now() - endSent);
}

const stub = http.createServer((req, res) => {
  let body = '';
  req.on('data', c => { body += c; });
  req.on('end', () => {
    const match = /\/Conferences\/(CF[0-9a-f]+)\/Participants\.json$/.exec(req.url);
    const room = match && req.method === 'POST' ? byConference.get(match[1]) : undefined;
    if (!room) { res.writeHead(404, { 'Content-Type': 'application/json' }); res.end('{"code":20404,"message":"not found","status":404}'); return; }
    const at = now();
    const endpoint = new URLSearchParams(body).get('To');
    if (room.warm) {
      room.dialedAt ??= at;
    } else if (room.dialedAt === undefined) {
      room.dialedAt = at;
      const from = freedAt.get(endpoint) ?? 0;
      latencies.push(at - Math.max(room.sentAt, from));
      (from > room.sentAt ? freed : fresh).push(at - Math.max(room.sentAt, from));
      lastDial = Math.max(lastDial, at);
      if (++dials === callers) done();
    }
    const leg = 'CA' + hex();
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ call_sid: leg, conference_sid: room.cf, label: 'agent', status: 'queued', muted: false, hold: false,
      coaching: false, call_sid_to_coach: null, start_conference_on_enter: true, end_conference_on_exit: true }));
    const ended = new Promise(resolve => setImmediate(() => endCall(room, leg, endpoint).catch(() => { failures++; }).then(resolve)));
    if (room.warm) warmEnds.push(ended);
  });
});

(async () => {
  await new Promise(resolve => stub.listen(Number(stubPortArg), '127.0.0.1', resolve));
  for (const room of warmRooms.slice(0, warmup / 2)) await post(room, participant(room, { StatusCallbackEvent: 'participant-join', SequenceNumber: '1' }));
  let warmNext = Math.floor(warmup / 2);
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (warmNext < warmRooms.length) { const room = warmRooms[warmNext++]; await post(room, participant(room, { StatusCallbackEvent: 'participant-join', SequenceNumber: '1' })); }
  }));
  for (let i = 0; i < 200 && warmRooms.some(r => r.dialedAt === undefined); i++) await new Promise(r => setTimeout(r, 50));
  await Promise.all(warmEnds);
  await new Promise(r => setTimeout(r, 1000));
  let next = 0;
  async function worker() {
    while (next < rooms.length) {
      const room = rooms[next++];
      room.sentAt = now();
      firstSent = Math.min(firstSent, room.sentAt);
      await post(room, participant(room, { StatusCallbackEvent: 'participant-join', SequenceNumber: '1' }));
      joinRtt.push(now() - room.sentAt);
    }
  }
  let lag = 0;
  async function openLoop() {
    const start = now(), sends = [];
    firstSent = start;
    for (let i = 0; i < rooms.length; i++) {
      const room = rooms[i];
      room.sentAt = start + i * 1000 / rate;
      const wait = room.sentAt - now();
      if (wait >= 1) await new Promise(r => setTimeout(r, wait));
      lag = Math.max(lag, now() - room.sentAt);
      const sent = now();
      sends.push(post(room, participant(room, { StatusCallbackEvent: 'participant-join', SequenceNumber: '1' })).then(() => joinRtt.push(now() - sent)));
    }
    await Promise.all(sends);
  }
  await (rate > 0 ? openLoop() : Promise.all(Array.from({ length: concurrency }, worker)));
  const timeout = new Promise(resolve => setTimeout(resolve, 120000));
  await Promise.race([finished, timeout]);
  for (const list of [latencies, fresh, freed, joinRtt, endRtt]) list.sort((a, b) => a - b);
  const of = (list, q) => list.length ? list[Math.min(list.length - 1, Math.floor(q * list.length))] : NaN;
  const pct = q => of(latencies, q);
  const stage = (name, list) => `${name}_n=${list.length} ${name}_p50_ms=${of(list, 0.5).toFixed(1)} ${name}_p99_ms=${of(list, 0.99).toFixed(1)}`;
  console.error(`STAGES ${stage('fresh', fresh)} ${stage('freed', freed)} ${stage('join_rtt', joinRtt)} ${stage('end_rtt', endRtt)}`);
  const seconds = (lastDial - firstSent) / 1000;
  console.log(`RESULT callers=${callers} routed=${dials} seconds=${seconds.toFixed(2)} routed_per_s=${(dials / seconds).toFixed(0)} p50_ms=${pct(0.5).toFixed(2)} p99_ms=${pct(0.99).toFixed(2)} max_ms=${pct(1).toFixed(2)} non2xx=${failures} lag_max_ms=${lag.toFixed(1)}`);
  agent.destroy();
  process.exit(failures || dials < callers ? 1 : 0);
})().catch(e => { console.error(e); process.exit(1); });
