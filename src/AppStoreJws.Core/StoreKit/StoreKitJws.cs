using System;

namespace AppStoreJws.StoreKit
{
    /// <summary>One signed StoreKit request token and what went into it. <see cref="ToString"/> is the compact token.</summary>
    public abstract class StoreKitJws
    {
        private protected StoreKitJws(string token, string keyId, string bundleId, string nonce, DateTimeOffset issuedAt)
        {
            Token = token;
            KeyId = keyId;
            BundleId = bundleId;
            Nonce = nonce;
            IssuedAt = issuedAt;
        }

        /// <summary>The compact JWS to hand to StoreKit.</summary>
        public string Token { get; }

        /// <summary>The aud claim; a constant of each token type, so it can be read without a token (the architecture tests do).</summary>
        public abstract string Audience { get; }

        public string KeyId { get; }

        public string BundleId { get; }

        public string Nonce { get; }

        public DateTimeOffset IssuedAt { get; }

        public override string ToString() => Token;
    }

    /// <summary>A promotional offer JWS (audience <c>promotional-offer</c>).</summary>
    public sealed class PromotionalOfferJws : StoreKitJws
    {
        public override string Audience => StoreKitAudiences.PromotionalOffer;

        internal PromotionalOfferJws(string token, string keyId, string bundleId, string nonce, DateTimeOffset issuedAt, string productId, string offerIdentifier, string? transactionId)
            : base(token, keyId, bundleId, nonce, issuedAt)
        {
            ProductId = productId;
            OfferIdentifier = offerIdentifier;
            TransactionId = transactionId;
        }

        public string ProductId { get; }

        public string OfferIdentifier { get; }

        public string? TransactionId { get; }
    }

    /// <summary>An introductory offer eligibility JWS (audience <c>introductory-offer-eligibility</c>).</summary>
    public sealed class IntroEligibilityJws : StoreKitJws
    {
        public override string Audience => StoreKitAudiences.IntroductoryOfferEligibility;

        internal IntroEligibilityJws(string token, string keyId, string bundleId, string nonce, DateTimeOffset issuedAt, string productId, bool allowIntroductoryOffer, string transactionId)
            : base(token, keyId, bundleId, nonce, issuedAt)
        {
            ProductId = productId;
            AllowIntroductoryOffer = allowIntroductoryOffer;
            TransactionId = transactionId;
        }

        public string ProductId { get; }

        public bool AllowIntroductoryOffer { get; }

        public string TransactionId { get; }
    }

    /// <summary>An Advanced Commerce API in-app request JWS (audience <c>advanced-commerce-api</c>) with its two hand-off forms.</summary>
    public sealed class AdvancedCommerceJws : StoreKitJws
    {
        public override string Audience => StoreKitAudiences.AdvancedCommerce;

        internal AdvancedCommerceJws(string token, string keyId, string bundleId, string nonce, DateTimeOffset issuedAt, string operation, string requestReferenceId, string requestJson)
            : base(token, keyId, bundleId, nonce, issuedAt)
        {
            Operation = operation;
            RequestReferenceId = requestReferenceId;
            RequestJson = requestJson;
            AdvancedCommerceData = "{\"signatureInfo\":{\"token\":\"" + token + "\"}}";
            AdvancedCommerceDataBase64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(AdvancedCommerceData));
        }

        public string Operation { get; }

        public string RequestReferenceId { get; }

        /// <summary>The compact request JSON whose base64 is the <c>request</c> claim.</summary>
        public string RequestJson { get; }

        /// <summary>The JSON the app passes to StoreKit as the <c>advancedCommerceData</c> purchase option (as UTF-8 bytes).</summary>
        public string AdvancedCommerceData { get; }

        /// <summary>Standard base64 of <see cref="AdvancedCommerceData"/>, for the Retention Messaging API's <c>advancedCommerceData</c> field.</summary>
        public string AdvancedCommerceDataBase64 { get; }
    }

    internal static class StoreKitAudiences
    {
        public const string PromotionalOffer = "promotional-offer";
        public const string IntroductoryOfferEligibility = "introductory-offer-eligibility";
        public const string AdvancedCommerce = "advanced-commerce-api";
    }
}
