using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using AppStoreJws.Errors;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// Apple's App Store Server API error codes: the name Apple's own libraries give each one (the APIError enum of
    /// app-store-server-library, kept identical by a test that reads that enum) and what Apple's documentation says
    /// it means. The error id users see is the name in Pascal case (TRANSACTION_ID_NOT_FOUND: TransactionIdNotFound).
    /// </summary>
    internal static class AppleErrorCodes
    {
        private static readonly Dictionary<long, (string Name, string Meaning)> Codes = new Dictionary<long, (string Name, string Meaning)>
        {
            [4000000] = ("GENERAL_BAD_REQUEST", "An invalid request."),
            [4000002] = ("INVALID_APP_IDENTIFIER", "An invalid app identifier."),
            [4000005] = ("INVALID_REQUEST_REVISION", "An invalid request revision."),
            [4000006] = ("INVALID_TRANSACTION_ID", "An invalid transaction identifier."),
            [4000008] = ("INVALID_ORIGINAL_TRANSACTION_ID", "An invalid original transaction identifier."),
            [4000009] = ("INVALID_EXTEND_BY_DAYS", "An invalid extend-by-days value."),
            [4000010] = ("INVALID_EXTEND_REASON_CODE", "An invalid reason code."),
            [4000011] = ("INVALID_REQUEST_IDENTIFIER", "An invalid request identifier."),
            [4000012] = ("START_DATE_TOO_FAR_IN_PAST", "The start date is earlier than the earliest allowed date."),
            [4000013] = ("START_DATE_AFTER_END_DATE", "The end date precedes the start date, or the two dates are equal."),
            [4000014] = ("INVALID_PAGINATION_TOKEN", "The pagination token is invalid."),
            [4000015] = ("INVALID_START_DATE", "The start date is invalid."),
            [4000016] = ("INVALID_END_DATE", "The end date is invalid."),
            [4000017] = ("PAGINATION_TOKEN_EXPIRED", "The pagination token expired."),
            [4000018] = ("INVALID_NOTIFICATION_TYPE", "The notification type or subtype is invalid."),
            [4000019] = ("MULTIPLE_FILTERS_SUPPLIED", "The request is invalid because it has too many constraints applied."),
            [4000020] = ("INVALID_TEST_NOTIFICATION_TOKEN", "The test notification token is invalid."),
            [4000021] = ("INVALID_SORT", "An invalid sort parameter."),
            [4000022] = ("INVALID_PRODUCT_TYPE", "An invalid product type parameter."),
            [4000023] = ("INVALID_PRODUCT_ID", "The product ID parameter is invalid."),
            [4000024] = ("INVALID_SUBSCRIPTION_GROUP_IDENTIFIER", "An invalid subscription group identifier."),
            [4000025] = ("INVALID_EXCLUDE_REVOKED", "The query parameter exclude-revoked is invalid."),
            [4000026] = ("INVALID_IN_APP_OWNERSHIP_TYPE", "An invalid in-app ownership type parameter."),
            [4000027] = ("INVALID_EMPTY_STOREFRONT_COUNTRY_CODE_LIST", "A required storefront country code is empty."),
            [4000028] = ("INVALID_STOREFRONT_COUNTRY_CODE", "A storefront code is invalid."),
            [4000030] = ("INVALID_REVOKED", "The revoked parameter contains an invalid value."),
            [4000031] = ("INVALID_STATUS", "The status parameter is invalid."),
            [4000032] = ("INVALID_ACCOUNT_TENURE", "The value of the account tenure field is invalid."),
            [4000033] = ("INVALID_APP_ACCOUNT_TOKEN", "The value of the app account token field is invalid."),
            [4000034] = ("INVALID_CONSUMPTION_STATUS", "The value of the consumption status field is invalid."),
            [4000035] = ("INVALID_CUSTOMER_CONSENTED", "The customer consented field is invalid or doesn't indicate that the customer consented."),
            [4000036] = ("INVALID_DELIVERY_STATUS", "The value in the delivery status field is invalid."),
            [4000037] = ("INVALID_LIFETIME_DOLLARS_PURCHASED", "The value in the lifetime dollars purchased field is invalid."),
            [4000038] = ("INVALID_LIFETIME_DOLLARS_REFUNDED", "The value in the lifetime dollars refunded field is invalid."),
            [4000039] = ("INVALID_PLATFORM", "The value in the platform field is invalid."),
            [4000040] = ("INVALID_PLAY_TIME", "The value in the playtime field is invalid."),
            [4000041] = ("INVALID_SAMPLE_CONTENT_PROVIDED", "The value in the sample content provided field is invalid."),
            [4000042] = ("INVALID_USER_STATUS", "The value in the user status field is invalid."),
            [4000043] = ("INVALID_TRANSACTION_NOT_CONSUMABLE", "The transaction identifier doesn't represent a consumable in-app purchase."),
            [4000047] = ("INVALID_TRANSACTION_TYPE_NOT_SUPPORTED", "The transaction identifier represents an unsupported in-app purchase type."),
            [4000048] = ("APP_TRANSACTION_ID_NOT_SUPPORTED_ERROR", "The endpoint doesn't support an app transaction ID."),
            [4000161] = ("INVALID_IMAGE", "The image that's uploading is invalid."),
            [4000162] = ("HEADER_TOO_LONG", "The header text is too long."),
            [4000163] = ("BODY_TOO_LONG", "The body text is too long."),
            [4000164] = ("INVALID_LOCALE", "The locale is invalid."),
            [4000175] = ("ALT_TEXT_TOO_LONG", "The alternative text for an image is too long."),
            [4000183] = ("INVALID_APP_ACCOUNT_TOKEN_UUID_ERROR", "The app account token value is not a valid UUID."),
            [4000185] = ("FAMILY_TRANSACTION_NOT_SUPPORTED_ERROR", "The transaction is for a product the customer obtains through Family Sharing, which the endpoint doesn't support."),
            [4000187] = ("TRANSACTION_ID_IS_NOT_ORIGINAL_TRANSACTION_ID_ERROR", "The endpoint expects an original transaction identifier."),
            [4000211] = ("INVALID_PERFORMANCE_TEST_REQUEST", "The performance test request is invalid."),
            [4000212] = ("INVALID_REQUEST_ID", "The request ID is invalid."),
            [4000213] = ("EXISTING_PERFORMANCE_TEST_RUN", "An error with an existing test."),
            [4000215] = ("BAD_REQUEST_REALTIME_URL", "The URL is invalid."),
            [4000216] = ("BAD_REQUEST_IMAGE_SIZE", "The image size provided is invalid."),
            [4000218] = ("BAD_REQUEST_TOO_MANY_BULLET_POINTS", "There are too many bullet points."),
            [4000219] = ("BAD_REQUEST_BULLET_POINT_TEXT_TOO_LONG", "The text for a bullet point is too long."),
            [4000224] = ("BAD_REQUEST_ABOVE_IMAGE_REQUIRES_AN_IMAGE", "No image object is included, but the request indicates that the header should be placed above the image."),
            [4030004] = ("SUBSCRIPTION_EXTENSION_INELIGIBLE", "The subscription doesn't qualify for a renewal-date extension due to its subscription state."),
            [4030005] = ("SUBSCRIPTION_MAX_EXTENSION", "The subscription doesn't qualify for a renewal-date extension because it has already received the maximum extensions."),
            [4030007] = ("FAMILY_SHARED_SUBSCRIPTION_EXTENSION_INELIGIBLE", "A subscription isn't directly eligible for a renewal date extension because the user obtained it through Family Sharing."),
            [4030014] = ("MAXIMUM_NUMBER_OF_IMAGES_REACHED", "When you reach the maximum number of uploaded images."),
            [4030016] = ("MAXIMUM_NUMBER_OF_MESSAGES_REACHED", "When you reach the maximum number of uploaded messages."),
            [4030017] = ("MESSAGE_NOT_APPROVED", "The message isn't in the approved state, so you can't configure it as a default message."),
            [4030018] = ("IMAGE_NOT_APPROVED", "The image isn't in the approved state, so you can't configure it as part of a default message."),
            [4030019] = ("IMAGE_IN_USE", "The image is currently in use as part of a message, so you can't delete it."),
            [4030026] = ("FORBIDDEN_NO_PASSING_TEST", "Passing a performance test is required before you can set a URL for the production environment."),
            [4040001] = ("ACCOUNT_NOT_FOUND", "The App Store account wasn't found."),
            [4040002] = ("ACCOUNT_NOT_FOUND_RETRYABLE", "The App Store account wasn't found, but you can try again."),
            [4040003] = ("APP_NOT_FOUND", "The app wasn't found."),
            [4040004] = ("APP_NOT_FOUND_RETRYABLE", "The app wasn't found, but you can try again."),
            [4040005] = ("ORIGINAL_TRANSACTION_ID_NOT_FOUND", "An original transaction identifier wasn't found."),
            [4040006] = ("ORIGINAL_TRANSACTION_ID_NOT_FOUND_RETRYABLE", "The original transaction identifier wasn't found, but you can try again."),
            [4040007] = ("SERVER_NOTIFICATION_URL_NOT_FOUND", "The App Store server couldn't find a notifications URL for your app in this environment."),
            [4040008] = ("TEST_NOTIFICATION_NOT_FOUND", "The test notification token is expired or the test notification status isn't available."),
            [4040009] = ("STATUS_REQUEST_NOT_FOUND", "The server didn't find a subscription-renewal-date extension request for the request identifier and product identifier you provided."),
            [4040010] = ("TRANSACTION_ID_NOT_FOUND", "A transaction identifier wasn't found."),
            [4040014] = ("IMAGE_NOT_FOUND", "The system can't find the image identifier."),
            [4040015] = ("MESSAGE_NOT_FOUND", "The system can't find the message identifier."),
            [4040018] = ("PERFORMANCE_TEST_RUN_NOT_FOUND", "The service can't find the specified test run."),
            [4040019] = ("APP_TRANSACTION_DOES_NOT_EXIST_ERROR", "An app transaction doesn't exist for the specified customer."),
            [4040020] = ("DEFAULT_MESSAGE_NOT_FOUND", "A default message isn't configured."),
            [4040021] = ("REALTIME_URL_NOT_FOUND", "The URL for your endpoint isn't configured."),
            [4090000] = ("IMAGE_ALREADY_EXISTS", "The image identifier already exists."),
            [4090001] = ("MESSAGE_ALREADY_EXISTS", "The message identifier already exists."),
            [4290000] = ("RATE_LIMIT_EXCEEDED", "The request exceeded the rate limit."),
            [5000000] = ("GENERAL_INTERNAL", "A general internal error."),
            [5000001] = ("GENERAL_INTERNAL_RETRYABLE", "An unknown error occurred, but you can try again."),
        };

        /// <summary>What to do about the errors users meet most, beyond what Apple's meaning says.</summary>
        private static readonly Dictionary<long, string> Advice = new Dictionary<long, string>
        {
            [4040010] = "The transaction may belong to the other environment (a sandbox or TestFlight purchase asked of production): try -Environment Sandbox, or -FallbackToSandbox on the lookup cmdlets.",
            [4040005] = "The transaction may belong to the other environment (a sandbox or TestFlight purchase asked of production): try -Environment Sandbox, or -FallbackToSandbox on the lookup cmdlets.",
            [4000187] = "Pass the originalTransactionId of the purchase (the first transaction of the subscription or purchase), not a renewal's transactionId.",
            [4000185] = "A Family Sharing transaction belongs to the purchaser: use the purchaser's originalTransactionId (inAppOwnershipType PURCHASED).",
            [4030007] = "Extend the purchaser's subscription instead: a family member's access follows it.",
            [4000183] = "An app account token is a UUID such as 7e3fb20b-4cdb-47cc-936d-99d65f608138; pass a [guid] or that form of text.",
            [4000033] = "An app account token is a UUID such as 7e3fb20b-4cdb-47cc-936d-99d65f608138.",
            [4000048] = "This endpoint takes a transaction ID; an app transaction ID is accepted only by the endpoints that say so.",
            [4040007] = "Set an App Store Server Notifications URL for this environment in App Store Connect first.",
            [4290000] = "Apple's limits are counted per hour: wait until the time Retry-After names; -MaximumRateLimitWaitSec bounds how long a run waits for it.",
        };

        /// <summary>The codes Apple's own naming marks as worth another try (the rate limit answers with HTTP 429 too).</summary>
        public static bool IsRetryable(long code) =>
            code == 4040002 || code == 4040004 || code == 4040006 || code == 4290000 || code == 5000001;

        /// <summary>Every code Apple's libraries name, with that name.</summary>
        public static IEnumerable<KeyValuePair<long, string>> All
        {
            get
            {
                foreach (KeyValuePair<long, (string Name, string Meaning)> code in Codes)
                {
                    yield return new KeyValuePair<long, string>(code.Key, code.Value.Name);
                }
            }
        }

        /// <summary>Apple's name for a code, or null for a code this module does not know.</summary>
        public static string? NameOf(long code) => Codes.TryGetValue(code, out var entry) ? entry.Name : null;

        /// <summary>What Apple's documentation says the code means, then what to do about it where that is known; null for an unknown code.</summary>
        public static string? ExplanationOf(long code)
        {
            if (!Codes.TryGetValue(code, out var entry))
            {
                return null;
            }

            return Advice.TryGetValue(code, out string? advice) ? entry.Meaning + " " + advice : entry.Meaning;
        }

        /// <summary>The error id: Apple's name in Pascal case (TRANSACTION_ID_NOT_FOUND: TransactionIdNotFound), or AppStoreServerApiError&lt;code&gt; for an unknown code.</summary>
        public static string ErrorIdOf(long code)
        {
            string? name = NameOf(code);
            return name == null ? ErrorIds.AppStoreServerApiError + code.ToString(CultureInfo.InvariantCulture) : PascalCase(name);
        }

        public static string PascalCase(string screamingSnake)
        {
            StringBuilder id = new StringBuilder(screamingSnake.Length);
            foreach (string word in screamingSnake.Split(new[] { '_' }, StringSplitOptions.RemoveEmptyEntries))
            {
                id.Append(char.ToUpperInvariant(word[0])).Append(word.Substring(1).ToLowerInvariant());
            }

            return id.ToString();
        }
    }
}
