using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// An answer from the App Store Server API that is not a success. <see cref="ErrorId"/> is Apple's error
    /// name in Pascal case (4040010 → TransactionIdNotFound), or a name for the HTTP status when Apple sent no code.
    /// </summary>
    public sealed class AppStoreServerApiException : Exception
    {
        public AppStoreServerApiException(string errorId, int statusCode, long? errorCode, string? errorMessage, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            ErrorMessage = errorMessage;
        }

        public string ErrorId { get; }

        /// <summary>The HTTP status; 0 when no answer came (a network failure or a timeout).</summary>
        public int StatusCode { get; }

        /// <summary>Apple's errorCode from the body, when there was one.</summary>
        public long? ErrorCode { get; }

        /// <summary>Apple's errorMessage from the body, when there was one.</summary>
        public string? ErrorMessage { get; }

        /// <summary>Whether Apple named the failure as one to try again (rate limit, the *Retryable codes).</summary>
        public bool IsRetryable => StatusCode == 429 || (ErrorCode.HasValue && AppleErrorCodes.IsRetryable(ErrorCode.Value));
    }

    /// <summary>Apple's App Store Server API error codes and the names Apple's libraries give them.</summary>
    internal static class AppleErrorCodes
    {
        private static readonly Dictionary<long, string> Names = new Dictionary<long, string>
        {
            [4000000] = "GENERAL_BAD_REQUEST",
            [4000002] = "INVALID_APP_IDENTIFIER",
            [4000005] = "INVALID_REQUEST_REVISION",
            [4000006] = "INVALID_TRANSACTION_ID",
            [4000008] = "INVALID_ORIGINAL_TRANSACTION_ID",
            [4000009] = "INVALID_EXTEND_BY_DAYS",
            [4000010] = "INVALID_EXTEND_REASON_CODE",
            [4000011] = "INVALID_REQUEST_IDENTIFIER",
            [4000012] = "START_DATE_TOO_FAR_IN_PAST",
            [4000013] = "START_DATE_AFTER_END_DATE",
            [4000014] = "INVALID_PAGINATION_TOKEN",
            [4000015] = "INVALID_START_DATE",
            [4000016] = "INVALID_END_DATE",
            [4000017] = "PAGINATION_TOKEN_EXPIRED",
            [4000018] = "INVALID_NOTIFICATION_TYPE",
            [4000019] = "MULTIPLE_FILTERS_SUPPLIED",
            [4000020] = "INVALID_TEST_NOTIFICATION_TOKEN",
            [4000021] = "INVALID_SORT",
            [4000022] = "INVALID_PRODUCT_TYPE",
            [4000023] = "INVALID_PRODUCT_ID",
            [4000024] = "INVALID_SUBSCRIPTION_GROUP_IDENTIFIER",
            [4000025] = "INVALID_EXCLUDE_REVOKED",
            [4000026] = "INVALID_IN_APP_OWNERSHIP_TYPE",
            [4000027] = "INVALID_EMPTY_STOREFRONT_COUNTRY_CODE_LIST",
            [4000028] = "INVALID_STOREFRONT_COUNTRY_CODE",
            [4000030] = "INVALID_REVOKED",
            [4000031] = "INVALID_STATUS",
            [4000032] = "INVALID_ACCOUNT_TENURE",
            [4000033] = "INVALID_APP_ACCOUNT_TOKEN",
            [4000034] = "INVALID_CONSUMPTION_STATUS",
            [4000035] = "INVALID_CUSTOMER_CONSENTED",
            [4000036] = "INVALID_DELIVERY_STATUS",
            [4000037] = "INVALID_LIFETIME_DOLLARS_PURCHASED",
            [4000038] = "INVALID_LIFETIME_DOLLARS_REFUNDED",
            [4000039] = "INVALID_PLATFORM",
            [4000040] = "INVALID_PLAY_TIME",
            [4000041] = "INVALID_SAMPLE_CONTENT_PROVIDED",
            [4000042] = "INVALID_USER_STATUS",
            [4000043] = "INVALID_TRANSACTION_NOT_CONSUMABLE",
            [4000044] = "INVALID_TRANSACTION_TYPE_NOT_SUPPORTED",
            [4000045] = "APP_TRANSACTION_ID_NOT_SUPPORTED",
            [4000046] = "INVALID_IMAGE",
            [4000047] = "HEADER_TOO_LONG",
            [4000048] = "BODY_TOO_LONG",
            [4000049] = "INVALID_LOCALE",
            [4000051] = "ALT_TEXT_TOO_LONG",
            [4000052] = "INVALID_APP_ACCOUNT_TOKEN_UUID",
            [4000053] = "FAMILY_TRANSACTION_NOT_SUPPORTED",
            [4000054] = "TRANSACTION_ID_IS_NOT_ORIGINAL_TRANSACTION_ID",
            [4030004] = "SUBSCRIPTION_EXTENSION_INELIGIBLE",
            [4030005] = "SUBSCRIPTION_MAX_EXTENSION",
            [4030007] = "FAMILY_SHARED_SUBSCRIPTION_EXTENSION_INELIGIBLE",
            [4030009] = "MAXIMUM_NUMBER_OF_IMAGES_REACHED",
            [4030010] = "MAXIMUM_NUMBER_OF_MESSAGES_REACHED",
            [4030011] = "MESSAGE_NOT_APPROVED",
            [4030012] = "IMAGE_NOT_APPROVED",
            [4030013] = "IMAGE_IN_USE",
            [4040001] = "ACCOUNT_NOT_FOUND",
            [4040002] = "ACCOUNT_NOT_FOUND_RETRYABLE",
            [4040003] = "APP_NOT_FOUND",
            [4040004] = "APP_NOT_FOUND_RETRYABLE",
            [4040005] = "ORIGINAL_TRANSACTION_ID_NOT_FOUND",
            [4040006] = "ORIGINAL_TRANSACTION_ID_NOT_FOUND_RETRYABLE",
            [4040007] = "SERVER_NOTIFICATION_URL_NOT_FOUND",
            [4040008] = "TEST_NOTIFICATION_NOT_FOUND",
            [4040009] = "STATUS_REQUEST_NOT_FOUND",
            [4040010] = "TRANSACTION_ID_NOT_FOUND",
            [4040014] = "IMAGE_NOT_FOUND",
            [4040015] = "MESSAGE_NOT_FOUND",
            [4090000] = "IMAGE_ALREADY_EXISTS",
            [4090001] = "MESSAGE_ALREADY_EXISTS",
            [4290000] = "RATE_LIMIT_EXCEEDED",
            [5000000] = "GENERAL_INTERNAL",
            [5000001] = "GENERAL_INTERNAL_RETRYABLE",
        };

        /// <summary>The codes Apple's own naming marks as worth another try (the rate limit answers with HTTP 429 too).</summary>
        public static bool IsRetryable(long code) =>
            code == 4040002 || code == 4040004 || code == 4040006 || code == 4290000 || code == 5000001;

        /// <summary>Apple's name for a code, or null for a code this module does not know.</summary>
        public static string? NameOf(long code) => Names.TryGetValue(code, out string? name) ? name : null;

        /// <summary>The error id: Apple's name in Pascal case (TRANSACTION_ID_NOT_FOUND → TransactionIdNotFound).</summary>
        public static string ErrorIdOf(long code)
        {
            string? name = NameOf(code);
            return name == null ? "AppStoreServerApiError" + code.ToString(CultureInfo.InvariantCulture) : PascalCase(name);
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
