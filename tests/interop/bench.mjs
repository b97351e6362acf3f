#!/usr/bin/env node
// bench.mjs - BENCHMARK-ONLY: how fast Apple's official Node library makes the tokens the module makes.
// Used by tests/Benchmarks (build.ps1 -Task Bench); not part of the tests.
//
// Usage: node bench.mjs [count] [promotionalOffer] [legacySignature] [verifyTransaction <file>]
//        (default: 100000, the first two)
// Prints one JSON object: { node, library, count, <figure>: { perSecond, seconds } } for each figure asked
// for: one timed run of `count` calls after a warm-up. The callers repeat runs where they need medians:
// the v1 signer is run between the PowerShell pipeline runs, so that both are timed under the same load.
//   promotionalOffer  PromotionalOfferV2SignatureCreator.createSignature (a JWS; jsonwebtoken parses the PEM
//                     on every call, which is what makes it slow)
//   legacySignature   PromotionalOfferSignatureCreator.createSignature (v1; the key is parsed once), with a
//                     fresh nonce per call and no app account token
//   verifyTransaction SignedDataVerifier.verifyAndDecodeTransaction, offline, on one signed transaction read from
//                     <file> ({ jws, rootBase64, bundleId, environment }) `count` times, awaited one by one
//                     (offline, Apple's verifier checks the whole chain for every call: it caches only online)
// The key is a fresh P-256 key in the same PKCS#8 PEM form as an App Store Connect .p8; the inputs are
// the rows the PowerShell figures use (product, offer, transaction ID per row), so the work matches.

import { createRequire } from 'node:module';
import crypto from 'node:crypto';

const require = createRequire(import.meta.url);
const apple = require('@apple/app-store-server-library');
const { version } = require('@apple/app-store-server-library/package.json');

const count = Number(process.argv[2] ?? 100000);
const asked = process.argv.slice(3);
const signedFile = asked.includes('verifyTransaction') ? asked[asked.indexOf('verifyTransaction') + 1] : undefined;
const figures = asked.length > 0 ? asked.filter((name) => name !== signedFile) : ['promotionalOffer', 'legacySignature'];
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

const verifiers = {
  async verifyTransaction() {
    const { readFileSync } = await import('node:fs');
    const signed = JSON.parse(readFileSync(signedFile, 'utf8'));
    const verifier = new apple.SignedDataVerifier([Buffer.from(signed.rootBase64, 'base64')], false, signed.environment, signed.bundleId);
    return () => verifier.verifyAndDecodeTransaction(signed.jws);
  },
};

// Times `count` awaited calls of verify() after a warm-up pass.
async function measureAsync(verify) {
  for (let i = 0; i < Math.min(200, count); i++) await verify();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await verify();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSecond: count / seconds, seconds };
}

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
  if (verifiers[figure]) {
    result[figure] = await measureAsync(await verifiers[figure]());
    continue;
  }
  if (!signers[figure]) throw new Error(`unknown figure '${figure}'; expected ${[...Object.keys(signers), ...Object.keys(verifiers)].join(', ')}`);
  result[figure] = measure(signers[figure]());
}
process.stdout.write(JSON.stringify(result) + '\n');
