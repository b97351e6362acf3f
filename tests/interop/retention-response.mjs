#!/usr/bin/env node
// retention-response.mjs - TEST-ONLY. For each case, builds Apple's RealtimeResponseBody (the interfaces of
// @apple/app-store-server-library: RealtimeResponseBody, Message, AlternateProduct, PromotionalOffer,
// PromotionalOfferSignatureV1, AdvancedCommerceInfo, with the library's BillingPlanType enumeration) from the same
// inputs the module was given, serializes it as Apple's Node code would send it (JSON.stringify), and reports
// whether the module's JSON is the same text. A V2 signature is verified with jose against the key's public key
// (claims, audience, and transactionId the request's originalTransactionId) and set beside the claims Apple's own
// PromotionalOfferV2SignatureCreator signs for the same inputs; a V1 signature is verified with node:crypto over
// Apple's U+2063-joined message.
//
// Usage: node retention-response.mjs < cases.json
//   { publicKeyPem, privateKeyPem, keyId, issuerId, bundleId, cases: [{ name, inputs: {...}, ours: "<json>" }] }
//   -> { results: [{ name, apple, same, v2?: { verified, claims, appleClaims }, v1?: { verified } }] }
import { createRequire } from 'node:module';
import { createPublicKey, createVerify } from 'node:crypto';
import { compactVerify, decodeJwt } from 'jose';

const require = createRequire(import.meta.url);
const apple = require('@apple/app-store-server-library');

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  let text = Buffer.concat(chunks).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return JSON.parse(text);
}

// Apple's model for the inputs, member by member in the order the library's interfaces declare them.
function appleBody(inputs, ours) {
  const kind = inputs.kind;
  if (kind === 'message') {
    /** @type {import('@apple/app-store-server-library').RealtimeResponseBody} */
    return { message: { messageIdentifier: inputs.messageIdentifier } };
  }
  if (kind === 'alternateProduct') {
    const billingPlanType = inputs.billingPlanType === undefined ? undefined : apple.BillingPlanType[inputs.billingPlanType];
    if (inputs.billingPlanType !== undefined && billingPlanType === undefined) throw new Error(`Apple has no BillingPlanType ${inputs.billingPlanType}`);
    return { alternateProduct: { messageIdentifier: inputs.messageIdentifier, productId: inputs.productId, billingPlanType } };
  }
  if (kind === 'promotionalOfferV2') {
    // The signature is random (ECDSA, nonce, iat): Apple's body carries the module's, checked on its own below.
    const signature = JSON.parse(ours).promotionalOffer.promotionalOfferSignatureV2;
    return { promotionalOffer: { messageIdentifier: inputs.messageIdentifier, promotionalOfferSignatureV2: signature } };
  }
  if (kind === 'promotionalOfferV1') {
    const v1 = JSON.parse(ours).promotionalOffer.promotionalOfferSignatureV1;
    /** @type {import('@apple/app-store-server-library').PromotionalOfferSignatureV1} */
    const signature = {
      encodedSignature: v1.encodedSignature, productId: inputs.productId, nonce: v1.nonce, timestamp: v1.timestamp,
      keyId: inputs.keyId, offerIdentifier: inputs.offerIdentifier, appAccountToken: inputs.appAccountToken,
    };
    return { promotionalOffer: { messageIdentifier: inputs.messageIdentifier, promotionalOfferSignatureV1: signature } };
  }
  if (kind === 'advancedCommerceInfo') {
    return { advancedCommerceInfo: { messageIdentifier: inputs.messageIdentifier, advancedCommerceData: inputs.advancedCommerceData } };
  }
  throw new Error(`Unknown kind ${kind}`);
}

const request = await readStdin();
const publicKey = createPublicKey(request.publicKeyPem);
const results = [];
for (const test of request.cases) {
  const body = appleBody(test.inputs, test.ours);
  const result = { name: test.name, apple: JSON.stringify(body), same: JSON.stringify(body) === test.ours };
  if (test.inputs.kind === 'promotionalOfferV2') {
    const token = body.promotionalOffer.promotionalOfferSignatureV2;
    let verified = false;
    try {
      await compactVerify(token, publicKey, { algorithms: ['ES256'] });
      verified = true;
    } catch { verified = false; }
    const creator = new apple.PromotionalOfferV2SignatureCreator(request.privateKeyPem, request.keyId, request.issuerId, request.bundleId);
    const appleToken = creator.createSignature(test.inputs.productId, test.inputs.offerIdentifier, test.inputs.originalTransactionId);
    result.v2 = { verified, claims: decodeJwt(token), appleClaims: decodeJwt(appleToken) };
  }
  if (test.inputs.kind === 'promotionalOfferV1') {
    const v1 = body.promotionalOffer.promotionalOfferSignatureV1;
    const message = [request.bundleId, v1.keyId, v1.productId, v1.offerIdentifier, (v1.appAccountToken ?? '').toLowerCase(), v1.nonce.toLowerCase(), String(v1.timestamp)].join('\u2063');
    const verifier = createVerify('SHA256');
    verifier.update(message, 'utf8');
    result.v1 = { verified: verifier.verify(publicKey, Buffer.from(v1.encodedSignature, 'base64')) };
  }
  results.push(result);
}
process.stdout.write(JSON.stringify({ results }) + '\n');
