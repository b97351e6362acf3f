#!/usr/bin/env node
// receipts.mjs - TEST-ONLY: Apple's ReceiptUtility (@apple/app-store-server-library) on receipts, as the reference
// for the module's ConvertFrom-AppStoreReceipt. Not shipped.
//
// Usage:
//   node receipts.mjs transaction-ids < { items: [{ kind: 'App' | 'Transaction', receipt }] }
//        -> { library, jsrsasign, results: [{ transactionId, error }] }
//        extractTransactionIdFromAppReceipt or extractTransactionIdFromTransactionReceipt per item; a throw is the
//        item's error (its message), not the harness's.
//   node receipts.mjs bench <count> <file>   (<file>: { receipts: [base64 app receipts] })
//        -> { node, library, jsrsasign, count, perSecond, seconds }: `count` calls of
//        extractTransactionIdFromAppReceipt over the receipts in turn, after a warm-up, timed inside Node.
// Apple's utility reads BER's indefinite lengths by patching jsrsasign; it needs jsrsasign 11.1.1 (the version
// Apple's own lockfile pins, forced by package.json's overrides): 11.1.5 throws "too short ASN.1 value" on Xcode's.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const apple = require('@apple/app-store-server-library');
const library = require('@apple/app-store-server-library/package.json').version;
const jsrsasign = createRequire(require.resolve('@apple/app-store-server-library'))('jsrsasign/package.json').version;
const utility = new apple.ReceiptUtility();

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  let text = Buffer.concat(chunks).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return JSON.parse(text);
}

function extract(item) {
  try {
    const transactionId = item.kind === 'Transaction'
      ? utility.extractTransactionIdFromTransactionReceipt(item.receipt)
      : utility.extractTransactionIdFromAppReceipt(item.receipt);
    return { transactionId, error: null };
  } catch (e) {
    return { transactionId: null, error: String(e?.message ?? e) };
  }
}

function bench(count, file) {
  const receipts = JSON.parse(readFileSync(file, 'utf8')).receipts;
  for (let i = 0; i < Math.min(2000, count); i++) utility.extractTransactionIdFromAppReceipt(receipts[i % receipts.length]);
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) utility.extractTransactionIdFromAppReceipt(receipts[i % receipts.length]);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { node: process.version, library, jsrsasign, count, perSecond: count / seconds, seconds };
}

try {
  const [command, ...rest] = process.argv.slice(2);
  let result;
  if (command === 'transaction-ids') {
    const request = await readStdin();
    result = { library, jsrsasign, results: request.items.map(extract) };
  } else if (command === 'bench') {
    result = bench(Number(rest[0] ?? 10000), rest[1]);
  } else {
    throw new Error(`unknown command '${command}'; expected transaction-ids or bench`);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
} catch (e) {
  process.stderr.write(`receipts.mjs: ${e?.stack ?? e}\n`);
  process.exit(1);
}
