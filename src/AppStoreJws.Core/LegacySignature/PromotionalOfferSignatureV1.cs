using System.Collections.Specialized;
using AppStoreJws.Json;

namespace AppStoreJws.LegacySignature
{
    /// <summary>
    /// A legacy (v1) promotional offer signature with the values the app needs beside it. The first seven
    /// properties are Apple's <c>PromotionalOfferSignatureV1</c>; <see cref="ToJson"/> writes them with Apple's
    /// member names and types. <see cref="ToString"/> is the encoded signature.
    /// </summary>
    public sealed class PromotionalOfferSignatureV1
    {
        /// <summary>How <see cref="SignedMessage"/> shows the invisible U+2063 separator.</summary>
        public const string VisibleSeparator = "<U+2063>";

        /// <summary>The text with each invisible U+2063 shown as <see cref="VisibleSeparator"/>: the one way messages and values are shown.</summary>
        internal static string ShowSeparators(string text) => text.Replace(PromotionalOfferV1Signer.Separator.ToString(), VisibleSeparator);

        internal PromotionalOfferSignatureV1(string encodedSignature, string productId, string nonce, long timestamp, string keyId,
            string offerIdentifier, string? appAccountToken, string bundleId, string signedMessage)
        {
            EncodedSignature = encodedSignature;
            ProductId = productId;
            Nonce = nonce;
            Timestamp = timestamp;
            KeyId = keyId;
            OfferIdentifier = offerIdentifier;
            AppAccountToken = appAccountToken;
            BundleId = bundleId;
            SignedMessage = signedMessage;
        }

        /// <summary>Standard base64 of the DER-encoded ECDSA signature.</summary>
        public string EncodedSignature { get; }

        public string ProductId { get; }

        /// <summary>The lowercase UUID that was signed; the app passes the same value to StoreKit.</summary>
        public string Nonce { get; }

        /// <summary>Unix time in milliseconds; the offer is valid for 24 hours from it.</summary>
        public long Timestamp { get; }

        public string KeyId { get; }

        public string OfferIdentifier { get; }

        /// <summary>The lowercased app account token that was signed, or null when none was (an empty field).</summary>
        public string? AppAccountToken { get; }

        public string BundleId { get; }

        /// <summary>The exact signed message with each U+2063 separator shown as <c>&lt;U+2063&gt;</c>, for debugging.</summary>
        public string SignedMessage { get; }

        /// <summary>Apple's <c>PromotionalOfferSignatureV1</c> JSON, as the Retention Messaging API takes it; appAccountToken is omitted when absent.</summary>
        public string ToJson() => PlainObjectJson.Write(ToTree());

        /// <summary>The members of <see cref="ToJson"/>, for JSON that embeds the signature (a Retention Messaging answer).</summary>
        internal OrderedDictionary ToTree()
        {
            OrderedDictionary tree = new OrderedDictionary
            {
                ["encodedSignature"] = EncodedSignature,
                ["productId"] = ProductId,
                ["nonce"] = Nonce,
                ["timestamp"] = Timestamp,
                ["keyId"] = KeyId,
                ["offerIdentifier"] = OfferIdentifier,
            };
            if (AppAccountToken != null)
            {
                tree["appAccountToken"] = AppAccountToken;
            }

            return tree;
        }

        public override string ToString() => EncodedSignature;
    }
}
