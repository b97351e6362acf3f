#!/usr/bin/env node
// server-api-client.mjs - TEST-ONLY. Drives Apple's AppStoreServerAPIClient (@apple/app-store-server-library)
// against the loopback test server (server-api.mjs), so the tests can compare the requests Apple's client sends
// with the module's, and the benchmark can time Apple's client doing the same lookups.
//
// Usage: node server-api-client.mjs < request.json > result.json
//   { baseUri, privateKeyPem, keyId, issuerId, bundleId, calls: [{ method, args: [...] }] }
//       -> { results: [{ method, ok, status?, errorCode? }] }   (each call is a method of the client, in turn)
//   { baseUri, privateKeyPem, keyId, issuerId, bundleId, lookups: [transactionId...] }
//       -> { count, failures, seconds }                           (getTransactionInfo one after another)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const apple = require('@apple/app-store-server-library');

// Apple's client with its one network call pointed at the test server: everything above it (paths, query,
// JSON bodies, headers, the bearer token) is Apple's own code.
class TestServerClient extends apple.AppStoreServerAPIClient {
  constructor(request) {
    super(request.privateKeyPem, request.keyId, request.issuerId, request.bundleId, apple.Environment.PRODUCTION);
    this.testServer = request.baseUri.replace(/\/$/, '');
  }

  async makeFetchRequest(path, parsedQueryParameters, method, requestBody, headers) {
    const query = parsedQueryParameters.toString();
    return await fetch(this.testServer + path + (query ? '?' + query : ''), { method, body: requestBody, headers });
  }
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  let text = Buffer.concat(chunks).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM from PowerShell
  return JSON.parse(text);
}

const request = await readStdin();
const client = new TestServerClient(request);
let result;
if (request.lookups) {
  let failures = 0;
  const started = process.hrtime.bigint();
  for (const id of request.lookups) {
    try { await client.getTransactionInfo(id); } catch { failures++; }
  }
  result = { count: request.lookups.length, failures, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
} else {
  const results = [];
  for (const call of request.calls) {
    try {
      await client[call.method](...(call.args ?? []));
      results.push({ method: call.method, ok: true });
    } catch (e) {
      // An APIException is an answer (the request was sent); anything else is the harness's own failure.
      if (!(e instanceof apple.APIException)) throw e;
      results.push({ method: call.method, ok: false, status: e.httpStatusCode, errorCode: e.apiError ?? null });
    }
  }
  result = { results };
}
process.stdout.write(JSON.stringify(result) + '\n');
