using System;
using AppStoreJws.AdvancedCommerce;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.Signing;

namespace AppStoreJws.StoreKit
{
    /// <summary>Builds the claims of the three StoreKit request tokens (see docs/WireFormat.md) and signs them with <see cref="Es256Signer"/>.</summary>
    internal static class StoreKitJwsFactory
    {
        public static PromotionalOfferJws CreatePromotionalOffer(AppStoreKey key, TokenIssuance issuance, string productId, string offerIdentifier, string? transactionId)
        {
            AppStoreIdentifiers.RequireIdentifier("productId", productId);
            AppStoreIdentifiers.RequireIdentifier("offerIdentifier", offerIdentifier);
            string? transaction = string.IsNullOrWhiteSpace(transactionId) ? null : transactionId;
            if (transaction != null)
            {
                AppStoreIdentifiers.RequireIdentifier("transactionId", transaction);
                AppStoreIdentifiers.ValidateTransactionId("transactionId", transaction);
            }

            BaseClaims based = BaseClaims.Create(key, issuance, StoreKitAudiences.PromotionalOffer);
            based.Claims.Add("productId", productId).Add("offerIdentifier", offerIdentifier);
            if (transaction != null)
            {
                based.Claims.Add("transactionId", transaction);
            }

            string token = Es256Signer.Sign(key, based.Claims);
            return new PromotionalOfferJws(token, key.KeyId, based.BundleId, based.Nonce, based.IssuedAt, productId, offerIdentifier, transaction);
        }

        public static IntroEligibilityJws CreateIntroEligibility(AppStoreKey key, TokenIssuance issuance, string productId, bool allowIntroductoryOffer, string transactionId)
        {
            AppStoreIdentifiers.RequireIdentifier("productId", productId);
            AppStoreIdentifiers.RequireIdentifier("transactionId", transactionId);
            AppStoreIdentifiers.ValidateTransactionId("transactionId", transactionId);

            BaseClaims based = BaseClaims.Create(key, issuance, StoreKitAudiences.IntroductoryOfferEligibility);
            based.Claims.Add("productId", productId).Add("allowIntroductoryOffer", allowIntroductoryOffer).Add("transactionId", transactionId);

            string token = Es256Signer.Sign(key, based.Claims);
            return new IntroEligibilityJws(token, key.KeyId, based.BundleId, based.Nonce, based.IssuedAt, productId, allowIntroductoryOffer, transactionId);
        }

        public static AdvancedCommerceJws CreateAdvancedCommerce(AppStoreKey key, TokenIssuance issuance, ValidatedRequest request)
        {
            BaseClaims based = BaseClaims.Create(key, issuance, StoreKitAudiences.AdvancedCommerce);
            based.Claims.Add("request", Convert.ToBase64String(request.Utf8Json));

            string token = Es256Signer.Sign(key, based.Claims);
            return new AdvancedCommerceJws(token, key.KeyId, based.BundleId, based.Nonce, based.IssuedAt, request.Operation, request.RequestReferenceId, request.Json);
        }

        /// <summary>The claims every StoreKit request token starts with: iss, iat, aud, bid, nonce (no exp, ever).</summary>
        private readonly struct BaseClaims
        {
            private BaseClaims(ClaimSet claims, string bundleId, string nonce, DateTimeOffset issuedAt)
            {
                Claims = claims;
                BundleId = bundleId;
                Nonce = nonce;
                IssuedAt = issuedAt;
            }

            public ClaimSet Claims { get; }

            public string BundleId { get; }

            public string Nonce { get; }

            public DateTimeOffset IssuedAt { get; }

            public static BaseClaims Create(AppStoreKey key, TokenIssuance issuance, string audience)
            {
                string issuer = TokenIssuance.ResolveIssuerId(key);
                string bundleId = issuance.ResolveBundleId(key);
                DateTimeOffset issuedAt = issuance.ResolveIssuedAt();
                string nonce = issuance.ResolveNonce();
                ClaimSet claims = new ClaimSet()
                    .Add("iss", issuer)
                    .Add("iat", issuedAt.ToUnixTimeSeconds())
                    .Add("aud", audience)
                    .Add("bid", bundleId)
                    .Add("nonce", nonce);
                return new BaseClaims(claims, bundleId, nonce, issuedAt);
            }
        }
    }
}
