#!/usr/bin/env node
// apple-client-requests.mjs - TEST-ONLY. Records the HTTP requests Apple's AppStoreServerAPIClient
// (@apple/app-store-server-library) sends for a list of calls, so the tests can compare them, byte for byte, with the
// requests the module sends for the same operations.
//
// Contract (one JSON document on stdin, one on stdout; the caller adds rows, the script does not change):
//   in:  { "calls": [ { "method": "<a method of AppStoreServerAPIClient>", "args": [ <JSON values> ] }, ... ] }
//        An argument { "$bytes": "<base64>" } is passed as a Buffer (the PNG of uploadImage); every other argument is
//        passed as the JSON value it is (objects as Apple's request models, null for an absent argument).
//   out: { "requests": [ { "call": <index of the call>, "method": "PUT", "path": "/inApps/v1/...",
//                          "query": [ ["name", "value"], ... ], "contentType": "image/png" | null,
//                          "body": "<base64 of the bytes>" | null } ... ],
//          "results":  [ { "method": "...", "ok": true } | { "method": "...", "ok": false, "error": "..." } ] }
//   The requests come in the order sent; a call whose answer Apple's client refuses still has its request recorded.
//
// Apple's client runs unchanged (its makeRequest and its own fetch), with a throwaway key, pointed at a recording
// server on 127.0.0.1 that answers each path with 200 and a body Apple's validators accept. The server stops when the
// calls are done, and the script ends by itself after 60 seconds whatever happens.
import http from 'node:http';
import { createRequire } from 'node:module';
import { generateKeyPairSync } from 'node:crypto';

const require = createRequire(import.meta.url);
const apple = require('@apple/app-store-server-library');

const config = { maxConcurrentRequests: 10, totalRequests: 100, totalDuration: 60000, responseTimeThreshold: 700, successRateThreshold: 90 };
// Plausible answers, by path, for the calls whose answer Apple's client validates; everything else gets {}.
const answers = [
  [/\/messaging\/image\/list$/, { imageIdentifiers: [] }],
  [/\/messaging\/message\/list$/, { messageIdentifiers: [] }],
  [/\/messaging\/default\//, { messageIdentifier: 'a1b2c3d4-0000-4000-8000-000000000001' }],
  [/\/messaging\/realtime\/url$/, { realtimeURL: 'https://example.com/retention' }],
  [/\/messaging\/performanceTest$/, { config, requestId: 'b2c3d4e5-0000-4000-8000-000000000002' }],
  [/\/messaging\/performanceTest\/result\//, {
    config, target: 'https://example.com/retention', result: 'PASS', successRate: 100, numPending: 0,
    responseTimes: { average: 100, p50: 90, p90: 150, p95: 170, p99: 200 }, failures: {},
  }],
];

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  let text = Buffer.concat(chunks).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM from PowerShell
  return JSON.parse(text);
}

const argument = (value) => (value && typeof value === 'object' && typeof value.$bytes === 'string' ? Buffer.from(value.$bytes, 'base64') : value);

const input = await readStdin();
setTimeout(() => { process.stderr.write('apple-client-requests.mjs: gave up after 60 s\n'); process.exit(2); }, 60000).unref();

const requests = [];
let current = -1;
const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const body = Buffer.concat(chunks);
    requests.push({
      call: current, method: request.method, path: url.pathname, query: [...url.searchParams.entries()],
      contentType: request.headers['content-type'] ?? null, body: body.length === 0 ? null : body.toString('base64'),
    });
    const answer = answers.find(([pattern]) => pattern.test(url.pathname))?.[1] ?? {};
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(answer));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const client = new apple.AppStoreServerAPIClient(privateKey.export({ type: 'pkcs8', format: 'pem' }), 'KEYID12345',
  'issuer-0000-0000-0000-000000000000', 'com.example.app', apple.Environment.PRODUCTION);
// Only the base URL changes: the path, query, headers and body are built and sent by Apple's own code.
client.urlBase = `http://127.0.0.1:${server.address().port}`;

const results = [];
for (const [index, call] of input.calls.entries()) {
  current = index;
  if (typeof client[call.method] !== 'function') throw new Error(`AppStoreServerAPIClient has no method ${call.method}`);
  try {
    await client[call.method](...(call.args ?? []).map(argument));
    results.push({ method: call.method, ok: true });
  } catch (e) {
    results.push({ method: call.method, ok: false, error: String(e?.message ?? e) });
  }
}
server.close();
server.closeAllConnections?.();
process.stdout.write(JSON.stringify({ requests, results }) + '\n');
