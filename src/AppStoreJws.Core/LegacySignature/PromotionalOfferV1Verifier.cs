using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AppStoreJws.Checks;
using AppStoreJws.Errors;
using AppStoreJws.Inspection;
using AppStoreJws.Keys;
using AppStoreJws.Signing;

namespace AppStoreJws.LegacySignature
{
    /// <summary>The values a legacy (v1) signature claims to cover, as the app or a log has them.</summary>
    internal sealed class PromotionalOfferV1Claim
    {
        public string EncodedSignature { get; set; } = string.Empty;

        public string BundleId { get; set; } = string.Empty;

        public string KeyId { get; set; } = string.Empty;

        public string ProductId { get; set; } = string.Empty;

        public string OfferIdentifier { get; set; } = string.Empty;

        public string? AppAccountToken { get; set; }

        public string Nonce { get; set; } = string.Empty;

        public long Timestamp { get; set; }

        /// <summary>Other bundle IDs worth trying when the signature fails (such as the key's default).</summary>
        public IList<string> OtherBundleIds { get; } = new List<string>();

        /// <summary>Other key IDs worth trying when the signature fails (such as the verifying key's own).</summary>
        public IList<string> OtherKeyIds { get; } = new List<string>();
    }

    /// <summary>
    /// Verifies a legacy (v1) promotional offer signature over its seven-field message and, when it fails, finds
    /// the likely cause by verifying the usual mistakes: raw r‖s instead of DER, the nonce or app account token
    /// not lowercased, seconds instead of milliseconds, another key ID or bundle ID.
    /// </summary>
    internal static class PromotionalOfferV1Verifier
    {
        private const long OfferLifetimeMilliseconds = 24 * 60 * 60 * 1000;

        public static PromotionalOfferV1Report Verify(JwsVerificationKey key, PromotionalOfferV1Claim claim, DateTimeOffset now)
        {
            CheckList checks = new CheckList();
            byte[]? signature = ReadSignature(claim.EncodedSignature, checks, out bool isDer);
            CheckNonce(claim.Nonce, checks);
            CheckTimestamp(claim.Timestamp, now, checks);
            CheckAppAccountToken(claim.AppAccountToken, checks);

            string message = Message(claim, claim.BundleId, claim.KeyId, claim.Timestamp);
            string? likelyCause = null;
            if (signature == null)
            {
                checks.Fail("Signature", "The signature was not verified: it could not be read (see SignatureEncoding).");
            }
            else if (Verifies(key, message, signature))
            {
                if (isDer)
                {
                    checks.Pass("Signature", "The signature verifies over the exact message with this key.");
                }
                else
                {
                    likelyCause = "The signature is raw r‖s (64 bytes, the JWS form); the legacy signature must be ASN.1 DER.";
                    checks.Fail("Signature", "The signature verifies only when read as raw r‖s: " + likelyCause);
                }
            }
            else
            {
                likelyCause = FindLikelyCause(key, claim, signature)
                    ?? "No usual mistake explains it: the signature was made with another key, or over other values than these.";
                checks.Fail("Signature", "The signature does not verify over the exact message. Likely cause: " + likelyCause);
            }

            string visible = PromotionalOfferSignatureV1.ShowSeparators(message);
            return new PromotionalOfferV1Report(checks.ToList(), visible, likelyCause);
        }

        private static byte[]? ReadSignature(string encoded, CheckList checks, out bool isDer)
        {
            isDer = false;
            byte[]? bytes = Base64Text.TryDecode(encoded.Trim());
            if (bytes == null)
            {
                checks.Fail("SignatureEncoding", Base64Text.LooksLikeUrl(encoded)
                    ? "The signature is base64url; the legacy signature is standard base64 (+ and /, with = padding)."
                    : "The signature is not base64.");
                return null;
            }

            if (DerSignature.TryToP1363(bytes, out byte[] p1363))
            {
                isDer = true;
                checks.Pass("SignatureEncoding", $"The signature is ASN.1 DER ({bytes.Length} bytes), as the legacy signature requires.");
                return p1363;
            }

            if (bytes.Length == DerSignature.P1363Length)
            {
                checks.Fail("SignatureEncoding", "The signature is 64 bytes of raw r‖s (the JWS form); the legacy signature must be ASN.1 DER (70 to 72 bytes).");
                return bytes;
            }

            checks.Fail("SignatureEncoding", $"The signature is {bytes.Length} bytes and neither ASN.1 DER nor 64-byte r‖s.");
            return null;
        }

        private static void CheckNonce(string nonce, CheckList checks)
        {
            if (!AppStoreIdentifiers.IsUuid(nonce))
            {
                checks.Fail("Nonce", $"The nonce '{nonce}' is not a UUID.");
            }
            else if (nonce != nonce.ToLowerInvariant())
            {
                checks.Warn("Nonce", "The nonce has uppercase letters; the legacy signature signs it lowercased, so a signer that keeps the case produces a signature that fails.");
            }
            else
            {
                checks.Pass("Nonce", "The nonce is a lowercase UUID.");
            }
        }

        // Apple refuses the signature outside its validity, so a timestamp outside it fails the report: older than
        // 24 hours, or ahead of this host's clock by more than the linter's default tolerance. Every comparison is
        // made without subtracting from the given value, so long.MinValue and long.MaxValue are reported, not overflowed.
        private static void CheckTimestamp(long timestamp, DateTimeOffset now, CheckList checks)
        {
            if (UnixTimeScale.LooksLikeSeconds(timestamp))
            {
                checks.Fail("Timestamp", $"The timestamp {timestamp} is in seconds; the legacy signature uses Unix milliseconds ({timestamp * 1000}).");
                return;
            }

            long nowMs = now.ToUnixTimeMilliseconds();
            long toleranceMs = (long)ClockTolerance.Default.TotalMilliseconds;
            if (timestamp > nowMs + toleranceMs)
            {
                string unit = timestamp / 1000 > nowMs - OfferLifetimeMilliseconds && timestamp / 1000 <= nowMs + toleranceMs
                    ? $" It looks like microseconds: in milliseconds it is {timestamp / 1000}."
                    : timestamp > PromotionalOfferV1Signer.MaximumMilliseconds ? " It is beyond any date: the legacy signature uses Unix milliseconds (13 digits today)." : string.Empty;
                checks.Fail("Timestamp", $"The timestamp {timestamp} is {Span(timestamp, nowMs)} in the future; Apple refuses a signature made ahead of its clock.{unit}");
            }
            else if (timestamp < nowMs - OfferLifetimeMilliseconds)
            {
                checks.Fail("Timestamp", $"The timestamp {timestamp} is {Span(nowMs, timestamp)} old; Apple accepts the signature for 24 hours only, so make a new one.");
            }
            else
            {
                checks.Pass("Timestamp", $"The timestamp is in milliseconds and {TimeSpan.FromMilliseconds(Math.Max(nowMs - timestamp, 0)).TotalMinutes:0.#} minutes old (valid for 24 hours).");
            }
        }

        // later - earlier in words; the difference of two longs may not fit a long, so it is taken as a decimal.
        private static string Span(long later, long earlier)
        {
            decimal hours = ((decimal)later - earlier) / 3_600_000m;
            return hours < 1m ? $"{hours * 60m:0.#} minutes" : hours < 48m ? $"{hours:0.#} hours" : $"{hours / 24m:0.#} days";
        }

        private static void CheckAppAccountToken(string? token, CheckList checks)
        {
            if (string.IsNullOrEmpty(token))
            {
                checks.Pass("AppAccountToken", "No app account token: the field is signed empty.");
            }
            else if (!AppStoreIdentifiers.IsUuid(token))
            {
                checks.Warn("AppAccountToken", "The app account token is not a UUID; StoreKit's appAccountToken is one.");
            }
            else
            {
                checks.Pass("AppAccountToken", "The app account token is a UUID, signed lowercased.");
            }
        }

        // Each variant is one mistake made alone; the first that verifies names the cause.
        private static string? FindLikelyCause(JwsVerificationKey key, PromotionalOfferV1Claim claim, byte[] signature)
        {
            Func<string, string> keep = value => value;
            Func<string, string> lower = value => value.ToLowerInvariant();
            Func<string, string> upper = value => value.ToUpperInvariant();
            long timestamp = claim.Timestamp;
            IEnumerable<(string Cause, Func<string> Build)> variants = new (string, Func<string>)[]
            {
                ("the nonce was signed without lowercasing it.", () => Message(claim, claim.BundleId, claim.KeyId, timestamp, nonceCase: keep)),
                ("the nonce was signed in uppercase.", () => Message(claim, claim.BundleId, claim.KeyId, timestamp, nonceCase: upper)),
                ("the app account token was signed without lowercasing it.", () => Message(claim, claim.BundleId, claim.KeyId, timestamp, tokenCase: keep)),
                ("the app account token was signed in uppercase.", () => Message(claim, claim.BundleId, claim.KeyId, timestamp, tokenCase: upper)),
                ("the nonce and the app account token were signed without lowercasing them.", () => Message(claim, claim.BundleId, claim.KeyId, timestamp, nonceCase: keep, tokenCase: keep)),
                ($"the timestamp was signed in seconds ({timestamp / 1000}) instead of milliseconds.", () => Message(claim, claim.BundleId, claim.KeyId, timestamp / 1000)),
                ($"the timestamp was signed in milliseconds but given here in seconds; the signed value was {timestamp * 1000}.", () => Message(claim, claim.BundleId, claim.KeyId, timestamp * 1000)),
                ("the app account token was not part of the signed message (signed with an empty field).", () => Message(claim, claim.BundleId, claim.KeyId, timestamp, tokenCase: _ => string.Empty)),
            }
            .Concat(claim.OtherKeyIds.Where(id => id != claim.KeyId).Select(id =>
                ($"the signature was made with key ID {id}, not {claim.KeyId}.", (Func<string>)(() => Message(claim, claim.BundleId, id, timestamp)))))
            .Concat(claim.OtherBundleIds.Where(id => id != claim.BundleId).Select(id =>
                ($"the signature was made for bundle ID {id}, not {claim.BundleId}.", (Func<string>)(() => Message(claim, id, claim.KeyId, timestamp)))));

            foreach ((string cause, Func<string> build) in variants)
            {
                string message;
                try
                {
                    message = build();
                }
                catch (AppStoreJwsException)
                {
                    continue;
                }

                if (Verifies(key, message, signature))
                {
                    return char.ToUpperInvariant(cause[0]) + cause.Substring(1);
                }
            }

            return null;
        }

        /// <summary>The message for these values; by default the nonce and app account token are lowercased, as Apple requires (docs/WireFormat.md).</summary>
        private static string Message(PromotionalOfferV1Claim claim, string bundleId, string keyId, long timestamp,
            Func<string, string>? nonceCase = null, Func<string, string>? tokenCase = null)
        {
            string nonce = (nonceCase ?? (value => value.ToLowerInvariant()))(claim.Nonce);
            string? token = string.IsNullOrEmpty(claim.AppAccountToken) ? null : (tokenCase ?? (value => value.ToLowerInvariant()))(claim.AppAccountToken!);
            return PromotionalOfferV1Signer.Message(bundleId, keyId, claim.ProductId, claim.OfferIdentifier, token, nonce, timestamp);
        }

        private static bool Verifies(JwsVerificationKey key, string message, byte[] p1363) =>
            key.VerifyP1363(Encoding.UTF8.GetBytes(message), p1363);
    }

    /// <summary>What <see cref="PromotionalOfferV1Verifier"/> found: the checks, the exact message, and the likely cause of a failure.</summary>
    public sealed class PromotionalOfferV1Report
    {
        internal PromotionalOfferV1Report(IReadOnlyList<JwsCheck> checks, string signedMessage, string? likelyCause)
        {
            Checks = checks;
            SignedMessage = signedMessage;
            LikelyCause = likelyCause;
            IsValid = checks.All(check => check.Outcome != CheckResult.Fail);
        }

        /// <summary>True when the signature verifies as DER over the exact message and no check failed.</summary>
        public bool IsValid { get; }

        /// <summary>Why the signature fails, when one of the usual mistakes explains it.</summary>
        public string? LikelyCause { get; }

        /// <summary>The message the signature must cover, with each U+2063 shown as &lt;U+2063&gt;.</summary>
        public string SignedMessage { get; }

        public IReadOnlyList<JwsCheck> Checks { get; }

        public override string ToString() => IsValid ? "Valid" : "Invalid: " + (LikelyCause ?? string.Join(", ", Checks.Where(c => c.Outcome == CheckResult.Fail).Select(c => c.Name)));
    }
}
