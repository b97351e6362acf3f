// A loopback stand-in for Apple's App Store Server API, for the tests. It checks the bearer token the way
// Apple does (ES256 with the key's public key, aud appstoreconnect-v1, iss, bid, exp at most 60 minutes
// after iat, iat not in the future; otherwise 401 with no body) and answers the documented shapes,
// including Apple's error bodies, a 429 with Retry-After and paging with revision/hasMore.
// Configuration is one JSON line on stdin: {publicKeyPem, issuerId, bundleId, latencyMs, signedTransactions: {id: JWS},
// signer: {privateKeyPem, x5c[]}}. With a signer (the test PKI's leaf key and chain) every signed field it serves is a
// real JWS like Apple's; without one, placeholders. Paths under /sandbox are the sandbox: its data says Sandbox, and
// production's data says Production with appAppleId 1234567890. It prints {"port":N} once listening on 127.0.0.1,
// and stops when stdin closes or after lifetimeSeconds (default 300). GET /__requests lists what it was sent.
//
// Apple's behaviour, as Apple documents it and its libraries read it: Retry-After is a UNIX time in milliseconds;
// with rateLimit: {budget, windowMs} every request (any path) shares fixed windows of windowMs that admit budget
// requests each, the rest answered 429 (4290000) with Retry-After naming the window's end; GET /__stats counts what
// arrived, what was refused and what arrived early (after a 429 named a time, before that time, beyond the loopback
// round trip of earlyGraceMs). GET /__requests records each request's Content-Type and body bytes (base64) too.
// GET /apple-error/<code> answers with that code of Apple's list. Paths under /hostile/
// (server-api-hostile.mjs) answer as a broken or malicious server would: never, with too much, with a redirect.
import http from 'node:http';
import { hostile, hostileIds } from './server-api-hostile.mjs';
import { retentionConfig } from './server-api-retention-config.mjs';
import { retentionContent } from './server-api-retention-content.mjs';
import { createPublicKey, createPrivateKey, randomUUID } from 'node:crypto';
import { decodeProtectedHeader, compactVerify, CompactSign } from 'jose';

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
const notFound = () => appleError(4040010, 'Transaction id not found.');
const signingKey = config.signer ? createPrivateKey(config.signer.privateKeyPem) : null;
const APP_APPLE_ID = 1234567890;
const DAY = 86400000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A JWS as Apple signs it: ES256, the chain in x5c, the payload's JSON.
async function sign(payload, placeholder) {
  if (!signingKey) return placeholder;
  return new CompactSign(Buffer.from(JSON.stringify(payload), 'utf8'))
    .setProtectedHeader({ alg: 'ES256', x5c: config.signer.x5c })
    .sign(signingKey);
}

// Signed data whose signature does not match its payload: the client must refuse it.
// The typed cmdlets refuse a transaction ID that is not digits, as Apple's are; these digit IDs name the
// scenarios the cmdlet tests ask for (the raw-path tests of Invoke-AppStoreServerApi use the names themselves).
const scenarios = {
  '9000000000000429': 'rate-limited-once',
  '9000000000001429': 'rate-limited-history',
  '9000000000001666': 'tampered-history',
  '9000000000001999': 'endless',
  '9100000000000001': 'sandbox-only-1',
  '9100000000000002': 'sandbox-only-2',
  '9100000000000003': 'sandbox-only-history',
  ...hostileIds,
};
const scenario = (id) => scenarios[id] ?? id;

async function tampered(payload) {
  const [header, , signature] = (await sign(payload, 'x.y.z')).split('.');
  return [header, Buffer.from(JSON.stringify({ ...payload, price: 1 })).toString('base64url'), signature].join('.');
}

function app(env) {
  return { bundleId: config.bundleId, environment: env, ...(env === 'Production' ? { appAppleId: APP_APPLE_ID } : {}) };
}

function transaction(env, id, change = {}) {
  const now = Date.now();
  return {
    transactionId: id, originalTransactionId: '2000000000000000', webOrderLineItemId: '2000000000000100', ...app(env),
    productId: 'com.example.premium.monthly', subscriptionGroupIdentifier: '21345678', purchaseDate: now - 5 * DAY,
    originalPurchaseDate: now - 40 * DAY, expiresDate: now + 25 * DAY, quantity: 1, type: 'Auto-Renewable Subscription',
    inAppOwnershipType: 'PURCHASED', signedDate: now - 60000, transactionReason: 'PURCHASE', storefront: 'USA',
    storefrontId: '143441', price: 4990, currency: 'USD', appTransactionId: '704289572311355393', ...change,
  };
}

function renewalInfo(env, change = {}) {
  const now = Date.now();
  return {
    originalTransactionId: '2000000000000000', autoRenewProductId: 'com.example.premium.monthly', productId: 'com.example.premium.monthly',
    autoRenewStatus: 1, signedDate: now - 60000, environment: env, recentSubscriptionStartDate: now - 40 * DAY, renewalDate: now + 25 * DAY,
    appTransactionId: '704289572311355393', ...change,
  };
}

async function notification(env, type, change = {}) {
  const data = { ...app(env), appAppleId: APP_APPLE_ID, bundleVersion: '42', status: 1 };
  if (type !== 'TEST') {
    data.signedTransactionInfo = await sign(transaction(env, '2000000000000001'), 'signed-transaction');
    data.signedRenewalInfo = await sign(renewalInfo(env), 'signed-renewal');
  }
  return { notificationType: type, notificationUUID: randomUUID(), data, version: '2.0', signedDate: Date.now() - 60000, ...change };
}

// Three pages of two transactions; the revision names the next page. 'tampered-history' has one bad transaction on page 2.
async function historyPage(env, id, url) {
  const page = Number(url.searchParams.get('revision')?.replace('rev-', '') ?? '0');
  const productId = url.searchParams.get('productId') ?? 'com.example.premium.monthly';
  const items = await Promise.all([0, 1].map((i) => {
    const payload = transaction(env, `${id}-${page * 2 + i}`, { productId });
    return scenario(id) === 'tampered-history' && page === 1 && i === 0 ? tampered(payload) : sign(payload, `signed-${id}-${page * 2 + i}`);
  }));
  return { revision: `rev-${page + 1}`, hasMore: page < 2, bundleId: config.bundleId, appAppleId: APP_APPLE_ID, environment: env, signedTransactions: items };
}

const testNotifications = new Map(); // token -> how many times its status was asked

async function route(request, url, body, response, raw) {
  if (await hostile(request, url, body, response, { send, sign, transaction, renewalInfo, appleError, env: url.pathname.startsWith('/sandbox/') ? 'Sandbox' : 'Production' })) return;
  let path = url.pathname;
  let env = 'Production';
  if (path.startsWith('/sandbox/')) { env = 'Sandbox'; path = path.slice('/sandbox'.length); }
  const key = `${env} ${path}`;
  const count = (seen.get(key) ?? 0) + 1;
  seen.set(key, count);
  let match;
  if (await retentionContent(request, path, raw, response, { send, appleError, env, limits: config.retention })) return;
  if (retentionConfig(request, path, env, body, response, { send, appleError })) return;
  const sandboxOnly = (id) => scenario(id).startsWith('sandbox-only') && env === 'Production';
  if ((match = path.match(/^\/inApps\/v1\/transactions\/([^/]+)$/)) && request.method === 'GET') {
    const id = decodeURIComponent(match[1]);
    if (scenario(id) === '4040010' || sandboxOnly(id)) return send(response, 404, notFound());
    if (scenario(id) === 'bad-id') return send(response, 400, appleError(4000006, 'Invalid transaction id.'));
    if (scenario(id) === 'rate-limited-once' && count === 1) return send(response, 429, appleError(4290000, 'Rate limit exceeded.'), { 'Retry-After': String(Date.now() + 1000) });
    if (scenario(id) === 'always-retryable') return send(response, 500, appleError(5000001, 'An unknown error occurred. Please try again.'));
    if (scenario(id) === 'no-code') return send(response, 503, undefined);
    if (config.signedTransactions?.[id]) return send(response, 200, { signedTransactionInfo: config.signedTransactions[id] });
    if (scenario(id) === 'slow') await sleep(3000);
    if (scenario(id) === 'tampered') return send(response, 200, { signedTransactionInfo: await tampered(transaction(env, id)) });
    return send(response, 200, { signedTransactionInfo: await sign(transaction(env, id), `signed-${id}`) });
  }
  if ((match = path.match(/^\/inApps\/v2\/history\/([^/]+)$/)) && request.method === 'GET') {
    const id = decodeURIComponent(match[1]);
    if (scenario(id) === '4040010' || sandboxOnly(id)) return send(response, 404, notFound());
    if (scenario(id) === 'rate-limited-history' && url.searchParams.get('revision') === 'rev-1' && count <= 2) {
      return send(response, 429, appleError(4290000, 'Rate limit exceeded.'), { 'Retry-After': '1' });
    }
    if (scenario(id) === 'endless') return send(response, 200, { revision: 'same', hasMore: true, signedTransactions: [] });
    return send(response, 200, await historyPage(env, id, url));
  }
  if ((match = path.match(/^\/inApps\/v2\/refund\/lookup\/([^/]+)$/)) && request.method === 'GET') {
    const id = decodeURIComponent(match[1]);
    if (scenario(id) === '4040010' || sandboxOnly(id)) return send(response, 404, notFound());
    // Two pages of one refunded transaction each.
    const page = url.searchParams.get('revision') === 'refund-2' ? 1 : 0;
    const refunded = transaction(env, `${id}-refund-${page}`, { revocationDate: Date.now() - DAY, revocationReason: 1 });
    return send(response, 200, { signedTransactions: [await sign(refunded, `signed-refund-${page}`)], revision: page === 0 ? 'refund-2' : 'refund-end', hasMore: page === 0 });
  }
  if ((match = path.match(/^\/inApps\/v1\/subscriptions\/([^/]+)$/)) && request.method === 'GET') {
    const id = decodeURIComponent(match[1]);
    if (scenario(id) === '4040010' || sandboxOnly(id)) return send(response, 404, notFound());
    const wanted = url.searchParams.getAll('status').map(Number);
    const groups = [{ group: '21345678', status: 1, product: 'com.example.premium.monthly' }, { group: '21345679', status: 2, product: 'com.example.extra.yearly' }]
      .filter((g) => wanted.length === 0 || wanted.includes(g.status));
    const data = await Promise.all(groups.map(async (g) => ({
      subscriptionGroupIdentifier: g.group,
      lastTransactions: [{
        originalTransactionId: `${id}-${g.group}`, status: g.status,
        signedTransactionInfo: await sign(transaction(env, `${id}-${g.group}`, { productId: g.product, subscriptionGroupIdentifier: g.group, originalTransactionId: `${id}-${g.group}`,
          ...(g.status === 2 ? { purchaseDate: Date.now() - 400 * DAY, expiresDate: Date.now() - 35 * DAY } : {}) }), 'signed-transaction'),
        signedRenewalInfo: await sign(renewalInfo(env, { productId: g.product, autoRenewProductId: g.product }), 'signed-renewal'),
      }],
    })));
    return send(response, 200, { environment: env, bundleId: config.bundleId, appAppleId: APP_APPLE_ID, data });
  }
  if ((match = path.match(/^\/inApps\/v1\/lookup\/([^/]+)$/)) && request.method === 'GET') {
    const id = decodeURIComponent(match[1]);
    if (scenario(id) === 'invalid-order') return send(response, 200, { status: 1, signedTransactions: [] });
    const items = await Promise.all([0, 1].map((i) => sign(transaction(env, `${id}-${i}`, { productId: `com.example.item${i}`, type: 'Consumable' }), `signed-${id}-${i}`)));
    return send(response, 200, { status: 0, signedTransactions: items });
  }
  if ((match = path.match(/^\/inApps\/v1\/transactions\/appTransactions\/([^/]+)$/)) && request.method === 'GET') {
    const id = decodeURIComponent(match[1]);
    if (scenario(id) === '4040010' || sandboxOnly(id)) return send(response, 404, notFound());
    const now = Date.now();
    const appTransaction = {
      receiptType: env, appAppleId: APP_APPLE_ID, bundleId: config.bundleId, applicationVersion: '42', versionExternalIdentifier: 0,
      receiptCreationDate: now - DAY, requestDate: now, originalApplicationVersion: '1.0', originalPurchaseDate: now - 400 * DAY,
      deviceVerification: 'dGVzdA==', deviceVerificationNonce: randomUUID(), appTransactionId: id, originalPlatform: 'iOS',
      signedDate: now - 60000, environment: env,
    };
    return send(response, 200, { signedAppTransactionInfo: await sign(appTransaction, `signed-app-${id}`) });
  }
  if (path === '/inApps/v1/notifications/history' && request.method === 'POST') {
    const filters = JSON.parse(body);
    if (!Number.isInteger(filters.startDate) || !Number.isInteger(filters.endDate)) return send(response, 400, appleError(4000015, 'Invalid start date.'));
    if (filters.startDate > filters.endDate) return send(response, 400, appleError(4000013, 'Start date after end date.'));
    // Three pages of two notifications; the paginationToken names the next page.
    const token = url.searchParams.get('paginationToken');
    const page = token === 'page-2' ? 1 : token === 'page-3' ? 2 : 0;
    const result = filters.onlyFailures ? 'NO_RESPONSE' : 'SUCCESS';
    const notificationHistory = await Promise.all([0, 1].map(async (i) => ({
      signedPayload: await sign(await notification(env, filters.notificationType ?? 'DID_RENEW'), `signed-notification-${page * 2 + i}`),
      sendAttempts: [{ attemptDate: filters.startDate + (page * 2 + i) * 60000, sendAttemptResult: result }],
    })));
    return send(response, 200, { notificationHistory, hasMore: page < 2, ...(page < 2 ? { paginationToken: `page-${page + 2}` } : {}) });
  }
  if ((match = path.match(/^\/inApps\/v1\/notifications\/test\/([^/]+)$/)) && request.method === 'GET') {
    // Apple has no status for a test notification at first (TestNotificationNotFound), then the notification and its attempt.
    const token = decodeURIComponent(match[1]);
    if (!testNotifications.has(token)) return send(response, 404, appleError(4040008, 'Test notification not found.'));
    const asked = testNotifications.get(token) + 1;
    testNotifications.set(token, asked);
    if (asked === 1) return send(response, 404, appleError(4040008, 'Test notification not found.'));
    return send(response, 200, {
      signedPayload: await sign(await notification(env, 'TEST'), 'signed-test-notification'),
      sendAttempts: [{ attemptDate: Date.now() - 1000, sendAttemptResult: 'SUCCESS' }],
    });
  }
  if ((match = path.match(/^\/inApps\/v2\/transactions\/consumption\/([^/]+)$/)) && request.method === 'PUT') {
    const id = decodeURIComponent(match[1]);
    if (scenario(id) === '4040010') return send(response, 404, notFound());
    const parsed = JSON.parse(body);
    if (parsed.customerConsented !== true) return send(response, 400, appleError(4000035, 'Invalid customer consented.'));
    response.writeHead(202);
    return response.end();
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
    // A fixed token without a signer (the older tests read it), a fresh one whose status can be followed with one.
    const token = signingKey ? `${randomUUID()}_${Date.now()}` : 'ce3af791-365e-4c60-841b-1674b43c1609_1698148900000';
    testNotifications.set(token, 0);
    return send(response, 200, { testNotificationToken: token });
  }
  return send(response, 404, appleError(4040000, 'Not found.'));
}

// The rate-limit window all requests share, and what the client did with the times it was given.
const stats = { received: 0, refused: 0, early: 0, proxied: 0 };
let announcedAt = 0;
let announcedUntil = 0;
// A request is early when it arrives after a 429 named a time (beyond the loopback allowance for one already on its
// way) and before that time; judged on arrival, before any added latency.
function noteArrival(arrived) {
  if (arrived < announcedUntil && arrived - announcedAt > (config.earlyGraceMs ?? 25)) stats.early += 1;
}
function rateLimited(response) {
  const limit = config.rateLimit;
  if (!limit) return false;
  const now = Date.now();
  // The windows start with the first request, so a run's ideal time does not depend on when the server started.
  started ??= now;
  const window = Math.floor((now - started) / limit.windowMs);
  if (window !== currentWindow) { currentWindow = window; usedInWindow = 0; }
  usedInWindow += 1;
  if (usedInWindow <= limit.budget) return false;
  const until = started + (window + 1) * limit.windowMs;
  if (until > announcedUntil) { announcedUntil = until; announcedAt = now; }
  stats.refused += 1;
  send(response, 429, appleError(4290000, 'Rate limit exceeded.'), { 'Retry-After': String(until) });
  return true;
}
let started;
let currentWindow = -1;
let usedInWindow = 0;

// A body that is not JSON (an image) is recorded as bytes only.
const jsonOrNull = (text) => { try { return text === '' ? null : JSON.parse(text); } catch { return null; } };
const server = http.createServer((request, response) => {
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => { size += chunk.length; if (size <= 1048576) chunks.push(chunk); });
  request.on('end', async () => {
    const record = config.recordRequests !== false;
    const url = new URL(request.url, 'http://127.0.0.1');
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    if (url.pathname === '/__requests') return send(response, 200, requests);
    if (url.pathname === '/__stats') return send(response, 200, stats);
    stats.received += 1;
    noteArrival(Date.now());
    // A request line with an absolute URL is what a client sends to a proxy.
    if (/^https?:/i.test(request.url)) stats.proxied += 1;
    if (config.latencyMs) await sleep(config.latencyMs);
    if (!(await tokenIsValid(request.headers.authorization))) { response.writeHead(401); return response.end(); }
    if (rateLimited(response)) return;
    const apple = url.pathname.match(/^\/apple-error\/(\d+)$/);
    if (apple) {
      const code = Number(apple[1]);
      return send(response, Math.floor(code / 10000), appleError(code, `Error ${code}.`));
    }
    if (record) requests.push({ method: request.method, path: url.pathname, query: [...url.searchParams.entries()], body: jsonOrNull(body),
      accept: request.headers.accept ?? null, tokenSignature: request.headers.authorization?.split('.')[2] ?? null,
      contentType: request.headers['content-type'] ?? null, bodyBase64: raw.length ? raw.toString('base64') : null });
    try { await route(request, url, body, response, raw); } catch (e) { send(response, 500, { error: String(e) }); }
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
const stop = () => { server.close(); server.closeAllConnections?.(); process.exit(0); };
process.stdin.on('end', stop);
process.stdin.resume();
setTimeout(stop, (config.lifetimeSeconds ?? 300) * 1000).unref();
