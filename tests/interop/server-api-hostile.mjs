// The hostile half of the test server (server-api.mjs): answers a broken proxy, a compromised network or a malicious
// server could give, for the client's refusals. Loopback only and bounded like the rest: an answer that never ends
// stops when the client goes away or at 2 GiB, one that never comes ends with the server's lifetime.
import { gzipSync } from 'node:zlib';

const MiB = 1024 * 1024;
// 64 MiB of zeros in about 64 KiB: more than the client's 16 MiB once inflated.
let bomb;
const gzipBomb = () => (bomb ??= gzipSync(Buffer.alloc(64 * MiB, 0x30)));

// Transaction IDs (digits, as the typed cmdlets require) that name a hostile answer.
export const hostileIds = {
  '9000000000003001': 'never-answers',
  '9000000000003002': 'alternating-cursor',
  '9000000000003003': 'new-cursor-every-page',
  '9000000000003004': 'wrong-shape-history',
  '9000000000003005': 'other-transaction',
  '9000000000003006': 'status-contradiction',
  '9000000000003007': 'html-200',
  '9000000000003008': 'bad-attempt-date',
};

function streamFor(response, total, chunk) {
  let sent = 0;
  const more = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!response.write(chunk)) return response.once('drain', more);
    }
    response.end();
  };
  response.on('close', () => { sent = total; });
  more();
}

// Returns true when it answered (or chose never to).
export async function hostile(request, url, body, response, { send, sign, transaction, appleError, env }) {
  const path = url.pathname.replace(/^\/sandbox/, '');
  // A base URL ending in /html-200: every endpoint below it answers an HTML page with HTTP 200, as a captive portal would.
  if (url.pathname.startsWith('/html-200/')) { response.writeHead(200, { 'Content-Type': 'text/html' }); response.end('<html>Sign in to the network</html>'); return true; }
  const html = (status) => { response.writeHead(status, { 'Content-Type': 'text/html' }); response.end('<html><body><h1>Bad Gateway</h1>\u001b[2J</body></html>'); return true; };
  switch (path) {
    case '/hostile/never': return true;
    case '/hostile/huge': {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      streamFor(response, 40 * MiB, Buffer.alloc(MiB, 0x20));
      return true;
    }
    case '/hostile/huge-declared': {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(40 * MiB) });
      streamFor(response, 40 * MiB, Buffer.alloc(MiB, 0x20));
      return true;
    }
    case '/hostile/gzip-bomb': {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      response.end(gzipBomb());
      return true;
    }
    case '/hostile/endless': {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      streamFor(response, 2048 * MiB, Buffer.alloc(64 * 1024, 0x20));
      return true;
    }
    case '/hostile/redirect': {
      response.writeHead(302, { Location: 'http://evil.example/collect' });
      response.end();
      return true;
    }
    case '/hostile/retry-later': return send(response, 429, appleError(4290000, 'Rate limit exceeded.'), { 'Retry-After': String(Date.now() + 600000) }) ?? true;
    case '/hostile/html-502': return html(502);
    case '/hostile/html-200': return html(200);
    case '/hostile/empty-name': return send(response, 200, { '': 1, a: 2 }) ?? true;
    case '/hostile/bad-date': return send(response, 200, { expiresDate: 99999999999999999, ok: true }) ?? true;
    case '/hostile/many-values': return send(response, 200, { items: Array.from({ length: 100001 }, (_, i) => i) }) ?? true;
    case '/hostile/echo-auth': {
      response.writeHead(400, { 'Content-Type': 'text/plain' });
      response.end(`you sent Authorization: ${request.headers.authorization}`);
      return true;
    }
    case '/hostile/echo-auth-json': return send(response, 400, appleError(4000000, `you sent ${request.headers.authorization}`)) ?? true;
    case '/hostile/control': return send(response, 400, appleError(4000006, 'bad \u001b[2J id\nVERBOSE: a fake line')) ?? true;
    default: break;
  }

  let match;
  const id = (match = path.match(/\/(\d{16})(?:\/|$)/)) ? hostileIds[match[1]] : undefined;
  if (!id && !(path.startsWith('/inApps/v1/subscriptions/extend/mass') || path === '/inApps/v1/notifications/history')) return false;
  if (id === 'never-answers') return true;
  if (path.startsWith('/inApps/v2/history/')) {
    const revision = url.searchParams.get('revision');
    if (id === 'alternating-cursor') return send(response, 200, { revision: revision === 'a' ? 'b' : 'a', hasMore: true, signedTransactions: [] }) ?? true;
    if (id === 'new-cursor-every-page') {
      const next = `r${Number((revision ?? 'r0').slice(1)) + 1}`;
      return send(response, 200, { revision: next, hasMore: true, signedTransactions: [await sign(transaction(env, `${match[1]}-${next}`), 'signed')] }) ?? true;
    }
    if (id === 'wrong-shape-history') return send(response, 200, {}) ?? true;
  }
  if (path.startsWith('/inApps/v1/transactions/') && id === 'other-transaction') {
    // A genuine, correctly signed transaction: only not the one asked for.
    return send(response, 200, { signedTransactionInfo: await sign(transaction(env, '2000000000000001'), 'signed') }) ?? true;
  }
  if (path.startsWith('/inApps/v1/subscriptions/') && id === 'status-contradiction') {
    const expired = transaction(env, match[1], { expiresDate: Date.now() - 10 * 86400000, purchaseDate: Date.now() - 40 * 86400000 });
    return send(response, 200, {
      environment: env, bundleId: expired.bundleId, appAppleId: 1234567890,
      data: [{ subscriptionGroupIdentifier: '21345678', lastTransactions: [{ originalTransactionId: expired.originalTransactionId, status: 1, signedTransactionInfo: await sign(expired, 'signed') }] }],
    }) ?? true;
  }
  if (path.startsWith('/inApps/v1/subscriptions/extend/mass/fractional-date/') && request.method === 'GET') {
    // Xcode writes fractional milliseconds; a plain answer's *Date reads as the same time signed data's does.
    return send(response, 200, { requestIdentifier: path.split('/').pop(), complete: true, completeDate: 1698148900000.5, succeededCount: 1, failedCount: 0 }) ?? true;
  }
  if (path.startsWith('/inApps/v1/subscriptions/extend/') && (id === 'html-200' || path.includes('html-answer'))) return html(200);
  if (path.startsWith('/inApps/v1/subscriptions/extend/mass') && request.method === 'POST' && JSON.parse(body).productId === 'html-answer') return html(200);
  if (path === '/inApps/v1/notifications/history' && JSON.parse(body).transactionId === '9000000000003008') {
    const items = await Promise.all([0, 1].map(async (i) => ({
      signedPayload: await sign({ notificationType: 'TEST', notificationUUID: `00000000-0000-4000-8000-00000000000${i}`, version: '2.0', signedDate: Date.now() - 1000, data: { bundleId: transaction(env, '1').bundleId, environment: env, appAppleId: 1234567890 } }, 'signed'),
      sendAttempts: [{ attemptDate: i === 0 ? 99999999999999999 : Date.now() - 1000, sendAttemptResult: 'SUCCESS' }],
    })));
    return send(response, 200, { notificationHistory: items, hasMore: false }) ?? true;
  }
  return false;
}
