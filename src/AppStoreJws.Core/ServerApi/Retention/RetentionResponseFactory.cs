using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using AppStoreJws.Errors;
using AppStoreJws.Json;
using AppStoreJws.Keys;
using AppStoreJws.LegacySignature;
using AppStoreJws.Signing;
using AppStoreJws.StoreKit;

namespace AppStoreJws.ServerApi.Retention
{
    /// <summary>
    /// Builds the four answers to a real-time Retention Messaging request, in the member order of Apple's models
    /// (RealtimeResponseBody, Message, AlternateProduct, PromotionalOffer, AdvancedCommerceInfo). A promotional offer
    /// is signed by the module's one signer: V2 through <see cref="StoreKitJwsFactory"/> (its transactionId is the
    /// request's originalTransactionId, as Apple requires), V1 through <see cref="PromotionalOfferV1Signer"/>.
    /// </summary>
    internal static class RetentionResponseFactory
    {
        public static RetentionResponse Message(Guid messageIdentifier)
        {
            string message = Lowercase(messageIdentifier);
            return new RetentionResponse("message", Body("message", new OrderedDictionary { ["messageIdentifier"] = message }))
            {
                MessageIdentifier = message,
            };
        }

        public static RetentionResponse AlternateProduct(Guid? messageIdentifier, string productId, string? billingPlanType)
        {
            AppStoreIdentifiers.RequireIdentifier("productId", productId);
            string? plan = string.IsNullOrEmpty(billingPlanType) ? null : ValidateBillingPlanType(billingPlanType!);
            OrderedDictionary member = WithMessage(messageIdentifier);
            member["productId"] = productId;
            if (plan != null)
            {
                member["billingPlanType"] = plan;
            }

            return new RetentionResponse("alternateProduct", Body("alternateProduct", member))
            {
                MessageIdentifier = LowercaseOrNull(messageIdentifier),
                ProductId = productId,
                BillingPlanType = plan,
            };
        }

        public static RetentionResponse PromotionalOfferV2(Guid? messageIdentifier, AppStoreKey key, TokenIssuance issuance, string productId, string offerIdentifier, string? originalTransactionId)
        {
            RequireOriginalTransactionId(originalTransactionId);
            PromotionalOfferJws offer = StoreKitJwsFactory.CreatePromotionalOffer(key, issuance, productId, offerIdentifier, originalTransactionId);
            OrderedDictionary member = WithMessage(messageIdentifier);
            member["promotionalOfferSignatureV2"] = offer.Token;
            return new RetentionResponse("promotionalOffer", Body("promotionalOffer", member))
            {
                MessageIdentifier = LowercaseOrNull(messageIdentifier),
                ProductId = productId,
                OfferIdentifier = offerIdentifier,
                OriginalTransactionId = originalTransactionId,
                PromotionalOfferSignatureV2 = offer.Token,
            };
        }

        public static RetentionResponse PromotionalOfferV1(Guid? messageIdentifier, AppStoreKey key, TokenIssuance issuance, string productId, string offerIdentifier,
            string? appAccountToken, string? originalTransactionId, ICollection<string> warnings)
        {
            PromotionalOfferSignatureV1 signature = PromotionalOfferV1Signer.Create(key, issuance, productId, offerIdentifier, appAccountToken, null, warnings);
            OrderedDictionary member = WithMessage(messageIdentifier);
            member["promotionalOfferSignatureV1"] = signature.ToTree();
            return new RetentionResponse("promotionalOffer", Body("promotionalOffer", member))
            {
                MessageIdentifier = LowercaseOrNull(messageIdentifier),
                ProductId = productId,
                OfferIdentifier = offerIdentifier,
                OriginalTransactionId = string.IsNullOrEmpty(originalTransactionId) ? null : originalTransactionId,
                PromotionalOfferSignatureV1 = signature,
            };
        }

        /// <summary>Advanced Commerce data: Apple's base64 text of a JSON object (which carries the signed offer), passed on as given.</summary>
        public static RetentionResponse AdvancedCommerce(Guid? messageIdentifier, string advancedCommerceData)
        {
            RequireBase64JsonObject(advancedCommerceData);
            OrderedDictionary member = WithMessage(messageIdentifier);
            member["advancedCommerceData"] = advancedCommerceData;
            return new RetentionResponse("advancedCommerceInfo", Body("advancedCommerceInfo", member))
            {
                MessageIdentifier = LowercaseOrNull(messageIdentifier),
                AdvancedCommerceData = advancedCommerceData,
            };
        }

        /// <summary>A billing plan type in Apple's spelling; a known one in another case is accepted and spelled Apple's way.</summary>
        public static string ValidateBillingPlanType(string value)
        {
            foreach (string known in RetentionValues.BillingPlanTypes)
            {
                if (string.Equals(known, value, StringComparison.OrdinalIgnoreCase))
                {
                    return known;
                }
            }

            throw new AppStoreJwsException(ErrorIds.BillingPlanTypeUnknown, ErrorKind.InvalidArgument,
                $"The billing plan type {UntrustedText.Quote(value, 60)} is not one of Apple's; expected {string.Join(" or ", RetentionValues.BillingPlanTypes)}.");
        }

        private static void RequireOriginalTransactionId(string? originalTransactionId)
        {
            if (string.IsNullOrEmpty(originalTransactionId))
            {
                throw new AppStoreJwsException(ErrorIds.OriginalTransactionIdMissing, ErrorKind.InvalidArgument,
                    "A V2 promotional offer in a retention answer signs the customer's originalTransactionId as its transactionId, and none was given: " +
                    "pipe the real-time request from ConvertFrom-AppStoreSignedData, or pass -OriginalTransactionId.");
            }

            AppStoreIdentifiers.ValidateTransactionId("originalTransactionId", originalTransactionId!);
        }

        private static void RequireBase64JsonObject(string data)
        {
            try
            {
                if (PlainObjectJson.Read(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data))) is IDictionary)
                {
                    return;
                }
            }
            catch (Exception e) when (e is FormatException || e is System.Text.Json.JsonException || e is AppStoreJwsException || e is ArgumentException)
            {
                // Reported below, with what was expected.
            }

            throw new AppStoreJwsException(ErrorIds.AdvancedCommerceDataInvalid, ErrorKind.InvalidArgument,
                $"The Advanced Commerce data ({data.Length} characters) is not the base64 of a JSON object; Apple expects advancedCommerceData to be a base64-encoded JSON object.");
        }

        private static OrderedDictionary WithMessage(Guid? messageIdentifier)
        {
            OrderedDictionary member = new OrderedDictionary();
            if (messageIdentifier.HasValue)
            {
                member["messageIdentifier"] = Lowercase(messageIdentifier.Value);
            }

            return member;
        }

        private static string Body(string name, OrderedDictionary member) => PlainObjectJson.Write(new OrderedDictionary { [name] = member });

        private static string Lowercase(Guid identifier) => ServerApi.Client.ServerApiOperations.Lowercase(identifier);

        private static string? LowercaseOrNull(Guid? identifier) => identifier.HasValue ? Lowercase(identifier.Value) : null;
    }
}
