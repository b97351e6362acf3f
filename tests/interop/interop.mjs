#!/usr/bin/env node
// interop.mjs - TEST-ONLY interop harness for the AppStoreJws Pester tests. Not shipped.
//
// It checks the module's output with verifiers the module did not write (jose, node:crypto)
// and produces reference tokens with Apple's own @apple/app-store-server-library, so that
// the tests never grade the module's crypto against the module itself.
//
// Usage: node interop.mjs <subcommand> < request.json > result.json
//   verify-jws     { publicKeyPem, tokens[] }              -> { results: [{ valid, error, header, payload }] }
//   verify-der     { publicKeyPem, items[{ message, signatureBase64 }] } -> { results: [bool] }
//   apple-tokens   { privateKeyPem, keyId, issuerId, bundleId, promotionalOffer?, introEligibility?,
//                    advancedCommerce? }                    -> { promotionalOffer?, introEligibility?, advancedCommerce? }
//   apple-v1       { privateKeyPem, keyId, bundleId, items[{ productId, offerIdentifier,
//                    appAccountToken, nonce, timestamp }] } -> { results: [base64 DER signature] }
//   jose-sign      { privateKeyPem, items[{ header | headerText, payload | payloadText, derSignature }] }
//                                                           -> { tokens: [compact jws] }
//   apple-server-api-token { privateKeyPem, keyId, issuerId, bundleId } -> { token }  (the bearer token
//                                                              AppStoreServerAPIClient sends)
//   apple-verify   { rootsBase64[], environment, bundleId, appAppleId?, online?, items[{ method, data }] }
//                  -> { results: [{ status, payload, cause }] }  (Apple's SignedDataVerifier: status is OK or the
//                     VerificationStatus name; method is Notification, Transaction, RenewalInfo, AppTransaction
//                     or RealtimeRequest, i.e. verifyAndDecode<method>)
// One JSON request on stdin, one JSON result on stdout. Exit 0 whenever the harness ran (a failed
// verification is a result, not an error); exit 1 with a message on stderr when the harness crashes.

import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import { compactVerify, importSPKI, importPKCS8, CompactSign } from 'jose';

const require = createRequire(import.meta.url);
const apple = require('@apple/app-store-server-library');

const b64url = (buf) => Buffer.from(buf).toString('base64url');

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  let text = Buffer.concat(chunks).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // tolerate a BOM from PowerShell
  return JSON.parse(text);
}

function need(obj, name) {
  if (obj == null || obj[name] === undefined || obj[name] === null) {
    throw new Error(`missing required input field '${name}'`);
  }
  return obj[name];
}

// ---- verify-jws -------------------------------------------------------------------------------
async function verifyJws(req) {
  const key = await importSPKI(need(req, 'publicKeyPem'), 'ES256');
  const results = [];
  for (const token of need(req, 'tokens')) {
    try {
      const { payload, protectedHeader } = await compactVerify(String(token), key, { algorithms: ['ES256'] });
      results.push({
        valid: true,
        error: null,
        header: protectedHeader,
        payload: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)),
      });
    } catch (e) {
      results.push({ valid: false, error: `${e.code ? e.code + ': ' : ''}${e.message}`, header: null, payload: null });
    }
  }
  return { results };
}

// ---- verify-der -------------------------------------------------------------------------------
function verifyDer(req) {
  const pem = need(req, 'publicKeyPem');
  const results = need(req, 'items').map((item) => {
    try {
      return crypto.verify(
        'sha256',
        Buffer.from(String(item.message), 'utf8'),
        { key: pem, dsaEncoding: 'der' },
        Buffer.from(String(item.signatureBase64), 'base64'),
      );
    } catch {
      return false; // malformed signature bytes
    }
  });
  return { results };
}

// ---- apple-tokens -----------------------------------------------------------------------------
function appleTokens(req) {
  const pem = need(req, 'privateKeyPem');
  const keyId = need(req, 'keyId');
  const issuerId = need(req, 'issuerId');
  const bundleId = need(req, 'bundleId');
  const out = {};
  if (req.promotionalOffer != null) {
    const p = req.promotionalOffer;
    const c = new apple.PromotionalOfferV2SignatureCreator(pem, keyId, issuerId, bundleId);
    // transactionId optional: undefined -> library omits the claim
    out.promotionalOffer = c.createSignature(p.productId, p.offerIdentifier, p.transactionId ?? undefined);
  }
  if (req.introEligibility != null) {
    const p = req.introEligibility;
    const c = new apple.IntroductoryOfferEligibilitySignatureCreator(pem, keyId, issuerId, bundleId);
    out.introEligibility = c.createSignature(p.productId, p.allowIntroductoryOffer, p.transactionId);
  }
  if (req.advancedCommerce != null) {
    // In the Node library the request types (AdvancedCommerceOneTimeChargeCreateRequest, ...) are
    // TypeScript interfaces, i.e. plain objects: the parsed JSON is passed as is (member order kept).
    const c = new apple.AdvancedCommerceInAppSignatureCreator(pem, keyId, issuerId, bundleId);
    out.advancedCommerce = c.createSignature(req.advancedCommerce);
  }
  return out;
}

// ---- apple-v1 ---------------------------------------------------------------------------------
function appleV1(req) {
  const c = new apple.PromotionalOfferSignatureCreator(need(req, 'privateKeyPem'), need(req, 'keyId'), need(req, 'bundleId'));
  const results = need(req, 'items').map((i) =>
    c.createSignature(i.productId, i.offerIdentifier, i.appAccountToken ?? '', i.nonce, i.timestamp));
  return { results };
}

// ---- apple-server-api-token -------------------------------------------------------------------
// The App Store Server API bearer token exactly as the client makes it for every request (createBearerToken is
// private in the TypeScript source only); making it sends nothing.
function appleServerApiToken(req) {
  const client = new apple.AppStoreServerAPIClient(
    need(req, 'privateKeyPem'), need(req, 'keyId'), need(req, 'issuerId'), need(req, 'bundleId'), apple.Environment.SANDBOX);
  return { token: client.createBearerToken() };
}

// ---- jose-sign --------------------------------------------------------------------------------
// Minimal DER encoder for SEQUENCE { INTEGER r, INTEGER s } from a raw r||s signature.
function derLength(n) {
  if (n < 0x80) return Buffer.from([n]);
  const bytes = [];
  while (n > 0) { bytes.unshift(n & 0xff); n >>= 8; }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
function derInteger(bytes) {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++; // minimal encoding
  let v = bytes.subarray(i);
  if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]); // keep it positive
  return Buffer.concat([Buffer.from([0x02]), derLength(v.length), v]);
}
function rawToDer(raw) {
  if (raw.length % 2 !== 0) throw new Error(`raw signature has odd length ${raw.length}`);
  const half = raw.length / 2;
  const body = Buffer.concat([derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

async function joseSign(req) {
  const pem = need(req, 'privateKeyPem');
  const joseKey = await importPKCS8(pem, 'ES256');
  const nodeKey = crypto.createPrivateKey(pem);
  const tokens = [];
  for (const item of need(req, 'items')) {
    const payloadText = item.payloadText !== undefined ? String(item.payloadText) : JSON.stringify(item.payload);
    const payloadBytes = Buffer.from(payloadText, 'utf8');
    let token;
    if (item.headerText === undefined && item.header && item.header.alg === 'ES256') {
      token = await new CompactSign(payloadBytes).setProtectedHeader(item.header).sign(joseKey);
    } else {
      // Defective headers (raw text, alg missing or not ES256) are refused by jose's signer:
      // sign the same signing input directly with node:crypto, still ES256 r||s.
      const headerText = item.headerText !== undefined ? String(item.headerText) : JSON.stringify(item.header ?? {});
      const input = `${b64url(Buffer.from(headerText, 'utf8'))}.${b64url(payloadBytes)}`;
      const sig = crypto.sign('sha256', Buffer.from(input, 'ascii'), { key: nodeKey, dsaEncoding: 'ieee-p1363' });
      token = `${input}.${b64url(sig)}`;
    }
    if (item.derSignature === true) {
      const parts = token.split('.');
      parts[2] = b64url(rawToDer(Buffer.from(parts[2], 'base64url')));
      token = parts.join('.');
    }
    tokens.push(token);
  }
  return { tokens };
}

// ---- apple-verify ------------------------------------------------------------------------------
async function appleVerify(req) {
  const roots = need(req, 'rootsBase64').map((b64) => Buffer.from(String(b64), 'base64'));
  const environment = need(req, 'environment');
  const verifier = new apple.SignedDataVerifier(roots, req.online === true, environment, need(req, 'bundleId'),
    req.appAppleId === undefined || req.appAppleId === null ? undefined : Number(req.appAppleId));
  const results = [];
  for (const item of need(req, 'items')) {
    const method = `verifyAndDecode${need(item, 'method')}`;
    try {
      const payload = await verifier[method](String(item.data));
      results.push({ status: 'OK', payload, cause: null });
    } catch (e) {
      const status = e instanceof apple.VerificationException ? apple.VerificationStatus[e.status] : `ERROR: ${e && e.message}`;
      results.push({ status, payload: null, cause: e && e.cause ? String(e.cause.stack || e.cause) : (e && e.stack ? String(e.stack) : null) });
    }
  }
  return { results };
}

// ---- main -------------------------------------------------------------------------------------
const commands = {
  'verify-jws': verifyJws,
  'verify-der': verifyDer,
  'apple-tokens': appleTokens,
  'apple-v1': appleV1,
  'jose-sign': joseSign,
  'apple-server-api-token': appleServerApiToken,
  'apple-verify': appleVerify,
};

try {
  const name = process.argv[2];
  const handler = commands[name];
  if (!handler) throw new Error(`unknown subcommand '${name ?? ''}'; expected one of: ${Object.keys(commands).join(', ')}`);
  const result = await handler(await readStdin());
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exitCode = 0;
} catch (e) {
  process.stderr.write(`interop.mjs: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 1;
}
