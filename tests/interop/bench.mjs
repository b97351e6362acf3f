#!/usr/bin/env node
// bench.mjs - BENCHMARK-ONLY: how fast Apple's official Node library makes the tokens the module makes.
// Used by tests/Benchmarks (build.ps1 -Task Bench); not part of the tests.
//
// Usage: node bench.mjs [count] [promotionalOffer] [legacySignature]   (default: 100000, both)
// Prints one JSON object: { node, library, count, <figure>: { perSecond, seconds } } for each figure asked
// for: one timed run of `count` calls after a warm-up. The callers repeat runs where they need medians:
// the v1 signer is run between the PowerShell pipeline runs, so that both are timed under the same load.
//   promotionalOffer  PromotionalOfferV2SignatureCreator.createSignature (a JWS; jsonwebtoken parses the PEM
//                     on every call, which is what makes it slow)
//   legacySignature   PromotionalOfferSignatureCreator.createSignature (v1; the key is parsed once), with a
//                     fresh nonce per call and no app account token
// The key is a fresh P-256 key in the same PKCS#8 PEM form as an App Store Connect .p8; the inputs are
// the rows the PowerShell figures use (product, offer, transaction ID per row), so the work matches.

import { createRequire } from 'node:module';
import crypto from 'node:crypto';

const require = createRequire(import.meta.url);
const apple = require('@apple/app-store-server-library');
const { version } = require('@apple/app-store-server-library/package.json');

const count = Number(process.argv[2] ?? 100000);
const asked = process.argv.slice(3);
const figures = asked.length > 0 ? asked : ['promotionalOffer', 'legacySignature'];
const warmUp = Math.min(2000, count);

const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
const keyId = 'BENCH12345';
const issuerId = '57246542-96fe-1a63-e053-0824d011072a';
const bundleId = 'com.example.bench';

const row = (i) => ({
  productId: `com.example.subscription.tier${i % 5}`,
  offerIdentifier: `WINBACK${i % 3}`,
  transactionId: String(2000000000000000 + i),
});

const signers = {
  promotionalOffer() {
    const creator = new apple.PromotionalOfferV2SignatureCreator(pem, keyId, issuerId, bundleId);
    return (i) => {
      const r = row(i);
      return creator.createSignature(r.productId, r.offerIdentifier, r.transactionId);
    };
  },
  legacySignature() {
    const creator = new apple.PromotionalOfferSignatureCreator(pem, keyId, bundleId);
    return (i) => {
      const r = row(i);
      return creator.createSignature(r.productId, r.offerIdentifier, '', crypto.randomUUID(), Date.now());
    };
  },
};

// Times `count` calls of sign(i) after a warm-up pass.
function measure(sign) {
  for (let i = 0; i < warmUp; i++) sign(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sign(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSecond: count / seconds, seconds };
}

const result = { node: process.version, library: version, count };
for (const figure of figures) {
  if (!signers[figure]) throw new Error(`unknown figure '${figure}'; expected ${Object.keys(signers).join(' or ')}`);
  result[figure] = measure(signers[figure]());
}
process.stdout.write(JSON.stringify(result) + '\n');
