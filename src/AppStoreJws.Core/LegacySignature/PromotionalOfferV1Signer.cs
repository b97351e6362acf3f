using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using AppStoreJws.Errors;
using AppStoreJws.Json;
using AppStoreJws.Keys;
using AppStoreJws.Signing;
using AppStoreJws.StoreKit;

namespace AppStoreJws.LegacySignature
{
    /// <summary>
    /// The legacy (v1) promotional offer signature, described in docs/WireFormat.md: seven fields joined by U+2063, signed ECDSA
    /// P-256/SHA-256 with the key's own signer, encoded as ASN.1 DER (not the JWS r‖s form), then standard base64.
    /// </summary>
    internal static class PromotionalOfferV1Signer
    {
        public const char Separator = '\u2063';

        internal static readonly long MaximumMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

        /// <summary>
        /// Signs one offer. <paramref name="issuance"/> supplies the bundle ID (else the key's) and a fixed nonce
        /// (else a fresh one); <paramref name="timestamp"/> is Unix milliseconds (else now). Advice that does not stop
        /// the signature, such as an app account token that is not a UUID, is added to <paramref name="warnings"/>.
        /// </summary>
        public static PromotionalOfferSignatureV1 Create(AppStoreKey key, TokenIssuance issuance, string productId, string offerIdentifier,
            string? appAccountToken, long? timestamp, ICollection<string> warnings)
        {
            AppStoreIdentifiers.RequireIdentifier("productId", productId);
            AppStoreIdentifiers.RequireIdentifier("offerIdentifier", offerIdentifier);
            issuance.Validate();
            string bundleId = issuance.ResolveBundleId(key);
            string nonce = issuance.ResolveNonce();
            long milliseconds = ResolveTimestamp(timestamp);
            if (timestamp != null)
            {
                WarnOutsideValidity(milliseconds, warnings);
            }

            string? token = string.IsNullOrEmpty(appAccountToken) ? null : appAccountToken!.ToLowerInvariant();
            if (token != null && !AppStoreIdentifiers.IsUuid(token))
            {
                warnings.Add($"The app account token '{appAccountToken}' is not a UUID. The legacy signature accepts any string and signs it lowercased, " +
                    "but StoreKit's appAccountToken is a UUID, and a different value in the app makes the signature fail there.");
            }

            string message = Message(bundleId, key.KeyId, productId, offerIdentifier, token, nonce, milliseconds);
            byte[] utf8 = Encoding.UTF8.GetBytes(message);
            byte[] der = DerSignature.FromP1363(key.SignP1363(utf8, 0, utf8.Length));
            string visible = PromotionalOfferSignatureV1.ShowSeparators(message);
            return new PromotionalOfferSignatureV1(Convert.ToBase64String(der), productId, nonce, milliseconds, key.KeyId, offerIdentifier, token, bundleId, visible);
        }

        /// <summary>
        /// The seven fields joined by U+2063, exactly as given: callers lowercase the app account token and the
        /// nonce first (the verifier also builds the not-lowercased variants to diagnose a failure).
        /// </summary>
        internal static string Message(string bundleId, string keyId, string productId, string offerIdentifier, string? appAccountToken, string nonce, long milliseconds)
        {
            string[] fields =
            {
                bundleId, keyId, productId, offerIdentifier, appAccountToken ?? string.Empty, nonce, milliseconds.ToString(CultureInfo.InvariantCulture),
            };
            RequireNoSeparator(fields);
            foreach (string field in fields)
            {
                SignedText.RequireWellFormed("signed message field", field);
            }

            return string.Join(Separator.ToString(), fields);
        }

        internal static long ResolveTimestamp(long? timestamp)
        {
            if (timestamp == null)
            {
                return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            }

            long value = timestamp.Value;
            if (UnixTimeScale.LooksLikeSeconds(value))
            {
                throw new AppStoreJwsException(ErrorIds.TimestampInSeconds, ErrorKind.InvalidArgument,
                    $"The timestamp {value} looks like Unix time in seconds ({DateTimeOffset.FromUnixTimeSeconds(value):u} as seconds, " +
                    $"{DateTimeOffset.FromUnixTimeMilliseconds(value):u} as milliseconds). The legacy signature needs Unix time in milliseconds, " +
                    $"such as {value * 1000}: multiply by 1000, or pass a DateTimeOffset.");
            }

            if (value <= 0 || value > MaximumMilliseconds)
            {
                throw new AppStoreJwsException(ErrorIds.InvalidTimestamp, ErrorKind.InvalidArgument,
                    $"The timestamp {value} is not a Unix time in milliseconds between 1973 and 9999" +
                    (value > MaximumMilliseconds ? " (it may be in microseconds or nanoseconds)" : string.Empty) +
                    $"; expected a value such as {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}.");
            }

            return value;
        }

        /// <summary>Apple accepts a legacy signature for 24 hours after its timestamp, and not before it.</summary>
        public static readonly TimeSpan Validity = TimeSpan.FromHours(24);

        private static void WarnOutsideValidity(long milliseconds, ICollection<string> warnings)
        {
            DateTimeOffset signedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            TimeSpan age = DateTimeOffset.UtcNow - signedAt;
            if (age > Validity)
            {
                warnings.Add($"The timestamp {milliseconds} ({signedAt:u}) is {age.TotalHours:N0} hours old: Apple accepts the signature only within " +
                    "24 hours of its timestamp, so StoreKit will refuse this offer. Leave -Timestamp out to sign with the current time.");
            }
            else if (age < -TimeSpan.FromMinutes(1))
            {
                warnings.Add($"The timestamp {milliseconds} ({signedAt:u}) is in the future: Apple refuses a signature before its timestamp. " +
                    "Leave -Timestamp out to sign with the current time.");
            }
        }

        // A separator inside a field would let one signature stand for a different split of the same message.
        private static void RequireNoSeparator(string[] fields)
        {
            foreach (string field in fields)
            {
                if (field.IndexOf(Separator) >= 0)
                {
                    throw new AppStoreJwsException(ErrorIds.SeparatorInField, ErrorKind.InvalidArgument,
                        $"The value '{PromotionalOfferSignatureV1.ShowSeparators(field)}' contains U+2063 INVISIBLE SEPARATOR, " +
                        "which the legacy signature uses between fields; remove it.");
                }
            }
        }
    }
}
