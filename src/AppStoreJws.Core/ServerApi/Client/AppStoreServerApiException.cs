using System;
using System.Collections.Generic;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// An answer from the App Store Server API that is not a success, or no usable answer at all. <see cref="ErrorId"/>
    /// is Apple's error name in Pascal case (4040010: TransactionIdNotFound), or a name for what went wrong when Apple
    /// sent no code. Carries what the answer said: status, Apple's code and message, the time Retry-After named, and
    /// the response headers (each value made safe to print).
    /// </summary>
    public sealed class AppStoreServerApiException : Exception
    {
        private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

        public AppStoreServerApiException(string errorId, int statusCode, long? errorCode, string? errorMessage, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            ErrorMessage = errorMessage;
        }

        public string ErrorId { get; }

        /// <summary>The HTTP status; 0 when no answer came (a network failure, a timeout, or a wait refused before sending).</summary>
        public int StatusCode { get; }

        /// <summary>Apple's errorCode from the body, when there was one.</summary>
        public long? ErrorCode { get; }

        /// <summary>Apple's errorMessage from the body, when there was one (controls escaped, any bearer token removed).</summary>
        public string? ErrorMessage { get; }

        /// <summary>When the server said the next request may be sent (Retry-After: Apple's UNIX milliseconds, delta-seconds or an HTTP date).</summary>
        public DateTimeOffset? RetryAfter { get; init; }

        /// <summary>The response's headers (names as sent, values joined with ", "), empty when no answer came.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;

        /// <summary>The requestIdentifier a write sent (renewal date extensions), so that a repeat can name it.</summary>
        public string? RequestIdentifier { get; init; }

        /// <summary>For a request that changes something at Apple: whether the change may have been applied (null for a read).</summary>
        public bool? ChangeMayHaveBeenApplied { get; init; }

        /// <summary>Whether Apple named the failure as one to try again (rate limit, the *Retryable codes).</summary>
        public bool IsRetryable => StatusCode == 429 || (ErrorCode.HasValue && AppleErrorCodes.IsRetryable(ErrorCode.Value));

        /// <summary>The same failure with another message and what a write adds (its request identifier, whether it may have applied).</summary>
        internal AppStoreServerApiException With(string message, string? requestIdentifier = null, bool? changeMayHaveBeenApplied = null) =>
            new AppStoreServerApiException(ErrorId, StatusCode, ErrorCode, ErrorMessage, message, InnerException)
            {
                RetryAfter = RetryAfter,
                Headers = Headers,
                RequestIdentifier = requestIdentifier ?? RequestIdentifier,
                ChangeMayHaveBeenApplied = changeMayHaveBeenApplied ?? ChangeMayHaveBeenApplied,
            };
    }
}
