// Conference-callback ingestion load: many concurrent rooms, each posting a realistic, signed sequence of
// Twilio conference status callbacks in order. Prints one RESULT line; exits 1 on any non-2xx answer.
// usage: node ingest.js <baseUrl> <authToken> <accountSid> <rooms> <concurrentRooms>
const http = require('http');
const crypto = require('crypto');
const [baseUrl, token, accountSid, roomsArg, concurrencyArg] = process.argv.slice(2);
const rooms = Number(roomsArg), concurrency = Number(concurrencyArg);
const url = baseUrl + '/conference-events';
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const hex = n => crypto.randomBytes(16).toString('hex').slice(0, n);

function sequence(room) {
  const cf = 'CF' + hex(32), customer = 'CA' + hex(32), agentLeg = 'CA' + hex(32), coach = 'CA' + hex(32);
  const name = 'room-' + customer;
  const p = (event, callSid, label, extra = {}) => ({
    AccountSid: accountSid, ConferenceSid: cf, FriendlyName: name, StatusCallbackEvent: event,
    CallSid: callSid, ParticipantLabel: label, Muted: 'false', Hold: 'false', Coaching: 'false',
    EndConferenceOnExit: 'false', StartConferenceOnEnter: 'true', ...extra });
  const events = [
    p('participant-join', customer, 'customer'),
    { AccountSid: accountSid, ConferenceSid: cf, FriendlyName: name, StatusCallbackEvent: 'conference-start' },
    p('participant-join', agentLeg, 'agent'),
    p('participant-hold', customer, 'customer', { Hold: 'true' }),
    p('participant-unhold', customer, 'customer'),
    p('participant-join', coach, 'supervisor', { Muted: 'false', Coaching: 'true', CallSidToCoach: agentLeg, StartConferenceOnEnter: 'false' }),
    p('participant-leave', coach, 'supervisor', { ReasonParticipantLeft: 'participant_hung_up' }),
    p('participant-leave', agentLeg, 'agent', { ReasonParticipantLeft: 'participant_hung_up' }),
    p('participant-leave', customer, 'customer', { ReasonParticipantLeft: 'participant_hung_up' }),
    { AccountSid: accountSid, ConferenceSid: cf, FriendlyName: name, StatusCallbackEvent: 'conference-end',
      ReasonConferenceEnded: 'last-participant-left', CallSidEndingConference: customer },
  ];
  return events.map((e, i) => ({ ...e, SequenceNumber: String(i + 1), Timestamp: new Date(Date.now() + i * 1000).toUTCString().replace('GMT', '+0000') }));
}

function post(params) {
  const data = url + Object.keys(params).sort().map(k => k + params[k]).join('');
  const signature = crypto.createHmac('sha1', token).update(data).digest('base64');
  const body = new URLSearchParams(params).toString();
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), 'X-Twilio-Signature': signature } },
      res => { res.resume(); res.on('end', () => resolve({ status: res.statusCode, us: Number(process.hrtime.bigint() - started) / 1000 })); });
    req.on('error', reject);
    req.end(body);
  });
}

(async () => {
  const plans = Array.from({ length: rooms }, (_, i) => sequence(i));
  const latencies = [];
  let failures = 0, next = 0;
  const started = process.hrtime.bigint();
  async function worker() {
    while (next < plans.length) {
      for (const event of plans[next++]) {
        const { status, us } = await post(event);
        latencies.push(us);
        if (status < 200 || status > 299) failures++;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = q => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  console.log(`RESULT events=${latencies.length} seconds=${seconds.toFixed(2)} events_per_s=${(latencies.length / seconds).toFixed(0)} p50_us=${pct(0.5).toFixed(0)} p99_us=${pct(0.99).toFixed(0)} non2xx=${failures}`);
  agent.destroy();
  process.exit(failures ? 1 : 0);
})().catch(e => { console.error(e); process.exit(1); });
