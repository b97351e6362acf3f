// A loopback stand-in for Apple's App Store Server API, for the tests. It checks the bearer token the way
// Apple does (ES256 with the key's public key, aud appstoreconnect-v1, iss, bid, exp at most 60 minutes
// after iat, iat not in the future; otherwise 401 with no body) and answers the documented shapes,
// including Apple's error bodies, a 429 with Retry-After and paging with revision/hasMore.
// Configuration is one JSON line on stdin: {publicKeyPem, issuerId, bundleId, latencyMs, signedTransactions: {id: JWS}}. It prints
// {"port":N} once listening on 127.0.0.1, and stops when stdin closes or after lifetimeSeconds (default 300).
import http from 'node:http';
import { createPublicKey } from 'node:crypto';
import { decodeProtectedHeader, compactVerify } from 'jose';

const config = await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  const onData = (chunk) => {
    text += chunk;
    const end = text.indexOf('\n');
    if (end >= 0) { process.stdin.off('data', onData); resolve(JSON.parse(text.slice(0, end))); }
  };
  process.stdin.on('data', onData);
});
const publicKey = createPublicKey(config.publicKeyPem);
const requests = [];
const seen = new Map(); // how many times a path was asked, for the retry scenarios

async function tokenIsValid(authorization) {
  if (!authorization || !authorization.startsWith('Bearer ')) return false;
  const token = authorization.slice(7);
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'ES256' || header.typ !== 'JWT' || !header.kid) return false;
    const { payload } = await compactVerify(token, publicKey, { algorithms: ['ES256'] });
    const claims = JSON.parse(Buffer.from(payload).toString('utf8'));
    const now = Math.floor(Date.now() / 1000);
    return claims.aud === 'appstoreconnect-v1' && claims.iss === config.issuerId && claims.bid === config.bundleId
      && Number.isInteger(claims.iat) && Number.isInteger(claims.exp)
      && claims.iat <= now && claims.exp > now && claims.exp - claims.iat <= 3600;
  } catch {
    return false;
  }
}

function send(response, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(text);
}

const appleError = (code, message) => ({ errorCode: code, errorMessage: message });

function historyPage(id, url) {
  // Three pages of two transactions; the revision names the next page.
  const page = Number(url.searchParams.get('revision') ?? '0');
  const items = [0, 1].map((i) => `signed-${id}-${page * 2 + i}`);
  return { revision: String(page + 1), hasMore: page < 2, bundleId: config.bundleId, appAppleId: 1234567890, environment: 'Sandbox', signedTransactions: items };
}

async function route(request, url, body, response) {
  const path = url.pathname;
  const count = (seen.get(path) ?? 0) + 1;
  seen.set(path, count);
  let match;
  if ((match = path.match(/^\/inApps\/v1\/transactions\/([^/]+)$/)) && request.method === 'GET') {
    const id = decodeURIComponent(match[1]);
    if (id === '4040010') return send(response, 404, appleError(4040010, 'Transaction id not found.'));
    if (id === 'bad-id') return send(response, 400, appleError(4000006, 'Invalid transaction id.'));
    if (id === 'rate-limited-once' && count === 1) return send(response, 429, appleError(4290000, 'Rate limit exceeded.'), { 'Retry-After': '1' });
    if (id === 'always-retryable') return send(response, 500, appleError(5000001, 'An unknown error occurred. Please try again.'));
    if (id === 'no-code') return send(response, 503, undefined);
    if (config.signedTransactions?.[id]) return send(response, 200, { signedTransactionInfo: config.signedTransactions[id] });
    if (id === 'slow') await new Promise((resolve) => setTimeout(resolve, 3000));
    return send(response, 200, { signedTransactionInfo: `signed-${id}` });
  }
  if ((match = path.match(/^\/inApps\/v2\/history\/([^/]+)$/)) && request.method === 'GET') {
    return send(response, 200, historyPage(decodeURIComponent(match[1]), url));
  }
  if (path.match(/^\/inApps\/v1\/transactions\/[^/]+\/appAccountToken$/) && request.method === 'PUT') {
    if (path.includes('/4040005/')) return send(response, 404, appleError(4040005, 'Original transaction id not found.'));
    return send(response, 200, undefined);
  }
  if (path === '/inApps/v1/subscriptions/extend/mass' && request.method === 'POST') {
    return send(response, 200, { requestIdentifier: JSON.parse(body).requestIdentifier });
  }
  if ((match = path.match(/^\/inApps\/v1\/subscriptions\/extend\/mass\/([^/]+)\/([^/]+)$/)) && request.method === 'GET') {
    return send(response, 200, { requestIdentifier: match[2], complete: true, completeDate: 1698148900000, succeededCount: 30, failedCount: 2 });
  }
  if (path.match(/^\/inApps\/v1\/subscriptions\/extend\/[^/]+$/) && request.method === 'PUT') {
    if (path.endsWith('/rate-limited')) return send(response, 429, appleError(4290000, 'Rate limit exceeded.'), { 'Retry-After': '0' });
    if (path.endsWith('/server-error')) return send(response, 500, appleError(5000000, 'An unknown error occurred.'));
    const parsed = JSON.parse(body);
    return send(response, 200, { originalTransactionId: path.split('/').pop(), webOrderLineItemId: '10000', success: true, effectiveDate: 1700000000000 + parsed.extendByDays * 86400000 });
  }
  if (path === '/inApps/v1/notifications/test' && request.method === 'POST') {
    return send(response, 200, { testNotificationToken: 'ce3af791-365e-4c60-841b-1674b43c1609_1698148900000' });
  }
  return send(response, 404, appleError(4040000, 'Not found.'));
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', async () => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const body = Buffer.concat(chunks).toString('utf8');
    if (url.pathname === '/__requests') return send(response, 200, requests);
    if (config.latencyMs) await new Promise((resolve) => setTimeout(resolve, config.latencyMs));
    if (!(await tokenIsValid(request.headers.authorization))) { response.writeHead(401); return response.end(); }
    requests.push({ method: request.method, path: url.pathname, query: [...url.searchParams.entries()], body: body === '' ? null : JSON.parse(body),
      accept: request.headers.accept ?? null });
    try { await route(request, url, body, response); } catch (e) { send(response, 500, { error: String(e) }); }
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
const stop = () => { server.close(); server.closeAllConnections?.(); process.exit(0); };
process.stdin.on('end', stop);
process.stdin.resume();
setTimeout(stop, (config.lifetimeSeconds ?? 300) * 1000).unref();
