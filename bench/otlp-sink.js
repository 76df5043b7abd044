// A throwaway OTLP/HTTP receiver for bench/run.sh TELEMETRY=on: accepts POST /v1/traces, /v1/metrics, /v1/logs,
// counts the bytes and answers 200 with an empty protobuf body. Prints its counts when stopped.
const http = require('http');
const counts = {};
const server = http.createServer((req, res) => {
  let bytes = 0;
  req.on('data', chunk => { bytes += chunk.length; });
  req.on('end', () => {
    const c = counts[req.url] ??= { requests: 0, bytes: 0 };
    c.requests++; c.bytes += bytes;
    res.writeHead(200, { 'Content-Type': 'application/x-protobuf' });
    res.end();
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1');
process.on('SIGTERM', () => { console.log(JSON.stringify(counts)); process.exit(0); });
