// The Retention Messaging API's configuration endpoints for the loopback test server (server-api.mjs): default
// messages per product and locale, the real-time URL, and the performance test, each environment (production, and
// the sandbox under /sandbox) with state of its own, answering as Apple documents:
//   - Configure Default Message: the locale must be one of Apple's (else 400 INVALID_LOCALE 4000164, compared
//     case-sensitively), the body {messageIdentifier} a lowercase UUID (else 400 4000000); message
//     4030017a-0000-4000-8000-000000000000 is not approved (403 MESSAGE_NOT_APPROVED 4030017) and
//     4040015a-0000-4000-8000-000000000000 does not exist (404 MESSAGE_NOT_FOUND 4040015). Get and Delete answer
//     404 DEFAULT_MESSAGE_NOT_FOUND 4040020 when none is configured.
//   - Configure Realtime URL: {realtimeURL} must be https (else 400 BAD_REQUEST_REALTIME_URL 4000215); production
//     refuses it until a sandbox performance test has passed (403 FORBIDDEN_NO_PASSING_TEST 4030026). Get and Delete
//     answer 404 REALTIME_URL_NOT_FOUND 4040021 when none is configured.
//   - Initiate Performance Test: {originalTransactionId} of digits (else 400 INVALID_PERFORMANCE_TEST_REQUEST
//     4000211), a real-time URL configured in that environment (else 404 4040021); answers {config, requestId}.
//     Its result is PENDING for the first two asks (numPending falling), then PASS, or FAIL for the original
//     transaction 2000000000000666. An unknown requestId is 404 PERFORMANCE_TEST_RUN_NOT_FOUND 4040018, one that is
//     not a UUID 400 INVALID_REQUEST_ID 4000212.
import { randomUUID } from 'node:crypto';

const LOCALES = new Set(['ar-SA', 'ca', 'cs', 'da', 'de-DE', 'el', 'en-AU', 'en-CA', 'en-GB', 'en-US', 'es-ES', 'es-MX', 'fi', 'fr-CA',
  'fr-FR', 'he', 'hi', 'hr', 'hu', 'id', 'it', 'ja', 'ko', 'ms', 'nl-NL', 'no', 'pl', 'pt-BR', 'pt-PT', 'ro', 'ru', 'sk', 'sv', 'th',
  'tr', 'uk', 'vi', 'zh-Hans', 'zh-Hant']);
const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NOT_APPROVED = '4030017a-0000-4000-8000-000000000000';
const NOT_FOUND = '4040015a-0000-4000-8000-000000000000';
const FAILING_TRANSACTION = '2000000000000666';
const CONFIG = { maxConcurrentRequests: 2, totalRequests: 30, totalDuration: 15000, responseTimeThreshold: 700, successRateThreshold: 95 };

const defaultMessages = new Map(); // `${env} ${productId} ${locale}` -> messageIdentifier
const realtimeUrls = new Map(); // env -> URL
const performanceTests = new Map(); // requestId -> { env, originalTransactionId, target, asked }
let sandboxTestPassed = false;

function json(body) {
  try { return JSON.parse(body); } catch { return null; }
}

function performanceResult(test) {
  test.asked += 1;
  const pending = test.asked <= 2;
  const fails = test.originalTransactionId === FAILING_TRANSACTION;
  const result = pending ? 'PENDING' : fails ? 'FAIL' : 'PASS';
  if (result === 'PASS' && test.env === 'Sandbox') sandboxTestPassed = true;
  const numPending = pending ? CONFIG.totalRequests - 10 * test.asked : 0;
  const successRate = fails ? 80 : 100;
  return {
    config: CONFIG, target: test.target, result, successRate, numPending,
    responseTimes: { average: 120, p50: 110, p90: 180, p95: 210, p99: 300 },
    failures: fails ? { TIMED_OUT: 6 } : {},
  };
}

// Answers the request when it is one of these endpoints (true), else leaves it to the other routes (false).
// `path` is below the environment's base (the /sandbox prefix removed), `env` 'Production' or 'Sandbox'.
export function retentionConfig(request, path, env, body, response, { send, appleError }) {
  const ok = () => send(response, 200, undefined);
  let match;
  if ((match = path.match(/^\/inApps\/v1\/messaging\/default\/([^/]+)\/([^/]+)$/))) {
    const productId = decodeURIComponent(match[1]);
    const locale = decodeURIComponent(match[2]);
    const key = `${env} ${productId} ${locale}`;
    if (!LOCALES.has(locale)) return send(response, 400, appleError(4000164, 'Invalid locale.')), true;
    if (request.method === 'PUT') {
      const id = json(body)?.messageIdentifier;
      if (typeof id !== 'string' || !LOWERCASE_UUID.test(id)) return send(response, 400, appleError(4000000, 'Invalid request.')), true;
      if (id === NOT_APPROVED) return send(response, 403, appleError(4030017, 'Message not approved.')), true;
      if (id === NOT_FOUND) return send(response, 404, appleError(4040015, 'Message not found.')), true;
      defaultMessages.set(key, id);
      return ok(), true;
    }
    if (!defaultMessages.has(key)) return send(response, 404, appleError(4040020, 'Default message not found.')), true;
    if (request.method === 'GET') return send(response, 200, { messageIdentifier: defaultMessages.get(key) }), true;
    if (request.method === 'DELETE') return defaultMessages.delete(key), ok(), true;
    return false;
  }
  if (path === '/inApps/v1/messaging/realtime/url') {
    if (request.method === 'PUT') {
      const url = json(body)?.realtimeURL;
      if (typeof url !== 'string' || !url.startsWith('https://')) return send(response, 400, appleError(4000215, 'Invalid realtime URL.')), true;
      if (env === 'Production' && !sandboxTestPassed) return send(response, 403, appleError(4030026, 'A passing performance test is required.')), true;
      realtimeUrls.set(env, url);
      return ok(), true;
    }
    if (!realtimeUrls.has(env)) return send(response, 404, appleError(4040021, 'Realtime URL not found.')), true;
    if (request.method === 'GET') return send(response, 200, { realtimeURL: realtimeUrls.get(env) }), true;
    if (request.method === 'DELETE') return realtimeUrls.delete(env), ok(), true;
    return false;
  }
  if (path === '/inApps/v1/messaging/performanceTest' && request.method === 'POST') {
    const id = json(body)?.originalTransactionId;
    if (typeof id !== 'string' || !/^\d+$/.test(id)) return send(response, 400, appleError(4000211, 'Invalid performance test request.')), true;
    if (!realtimeUrls.has(env)) return send(response, 404, appleError(4040021, 'Realtime URL not found.')), true;
    const requestId = randomUUID();
    performanceTests.set(requestId, { env, originalTransactionId: id, target: realtimeUrls.get(env), asked: 0 });
    return send(response, 200, { config: CONFIG, requestId }), true;
  }
  if ((match = path.match(/^\/inApps\/v1\/messaging\/performanceTest\/result\/([^/]+)$/)) && request.method === 'GET') {
    const requestId = decodeURIComponent(match[1]);
    if (!/^[0-9a-fA-F-]{36}$/.test(requestId)) return send(response, 400, appleError(4000212, 'Invalid request ID.')), true;
    const test = performanceTests.get(requestId);
    if (!test || test.env !== env) return send(response, 404, appleError(4040018, 'Performance test run not found.')), true;
    return send(response, 200, performanceResult(test)), true;
  }
  return false;
}
