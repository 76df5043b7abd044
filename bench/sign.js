// Prints a Twilio-style signed form body: line 1 the signature, line 2 the url-encoded body.
// usage: node sign.js <authToken> <url> <json object of params>
const crypto = require('crypto');
const [token, url, json] = process.argv.slice(2);
const params = JSON.parse(json);
const data = url + Object.keys(params).sort().map(k => k + params[k]).join('');
console.log(crypto.createHmac('sha1', token).update(data).digest('base64'));
console.log(new URLSearchParams(params).toString());
