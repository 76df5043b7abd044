// Regenerates node-validate-request.json with Twilio's Node helper library, the validator most webhook servers run:
//   npm install twilio@5.13.1 && node node-validate-request.js > node-validate-request.json
// Each vector: a request as Express hands it to validateRequest (repeated names become arrays), the raw body it came
// from, a signature made one of several ways, and what validateRequest answered.
const { validateRequest, getExpectedTwilioSignature } = require("twilio/lib/webhooks/webhooks");
const querystring = require("querystring");
const crypto = require("crypto");

const token = "0123456789abcdef0123456789abcdef";
const urls = [
  "https://cc.example.com/voice",
  "https://cc.example.com:443/voice",
  "http://cc.example.com:80/voice?x=1",
  "https://cc.example.com:8443/twilio/voice?room=room-CA0123&a=%20b",
  "https://user:pass@cc.example.com/voice",
  "https://user:pass@cc.example.com:8443/voice",
  "https://u%40x:p%3Ass@cc.example.com/voice?y=%C3%A9",
  "https://cc.example.com/%7Efoo/voice",
  "http://[::1]:5000/voice",
];
const forms = [
  [],
  [["CallSid", "CA0123"], ["From", "+14155550100"]],
  [["E", "x"], ["E", "x"]],
  [["E", "y"], ["E", "x"], ["E", "y"]],
  [["Foo", "1"], ["foo", "2"], ["FOO", ""]],
  [["名前", "值 & <v>"], ["emoji😀", "😀"], ["Empty", ""], ["a b", "c+d"]],
];
const hmac = (data) => crypto.createHmac("sha1", token).update(Buffer.from(data, "utf-8")).digest("base64");
const toParams = (pairs) => {
  const params = {};
  for (const [k, v] of pairs) params[k] = k in params ? [].concat(params[k], v) : v;
  return params;
};
const parts = (u) => u.match(/^(\w+:\/\/)([^/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(:\d+)?(.*)$/);
const withPort = (u) => { const m = parts(u); return m[1] + (m[2] || "") + m[3] + (m[4] || (m[1] === "https://" ? ":443" : ":80")) + m[5]; };
const withoutPort = (u) => { const m = parts(u); return m[1] + (m[2] || "") + m[3] + m[5]; };
const vectors = [];
for (const url of urls) {
  for (const pairs of forms) {
    const params = toParams(pairs);
    const sorted = [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    const signatures = {
      "library, URL as requested": getExpectedTwilioSignature(token, url, params),
      "library, URL with port": getExpectedTwilioSignature(token, withPort(url), params),
      "library, URL without port": getExpectedTwilioSignature(token, withoutPort(url), params),
      "every pair, duplicates too": hmac(sorted.reduce((acc, [k, v]) => acc + k + v, url)),
      "comma-joined values": hmac(Object.keys(params).sort().reduce((acc, k) => acc + k + [].concat(params[k]).join(","), url)),
      "tampered": getExpectedTwilioSignature(token, url + "x", params),
    };
    for (const [how, signature] of Object.entries(signatures)) {
      vectors.push({ url, body: pairs.map(([k, v]) => querystring.escape(k) + "=" + querystring.escape(v)).join("&"), pairs, how, signature,
        nodeAccepts: validateRequest(token, signature, url, params) });
    }
  }
}
console.log(JSON.stringify({ library: "twilio@" + require("twilio/package.json").version, authToken: token, vectors }, null, 1));
