using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// The one place an exception becomes an ErrorRecord: the core's <see cref="AppStoreJwsException"/> and Apple's
    /// <see cref="AppStoreServerApiException"/> with their stable ids, and the cmdlet layer's own refusals. Messages quote
    /// the values they refuse; should one of those values be key text that got past the parameters' own refusal, it is
    /// removed here, the one place every module error passes through. The one map from a failure to its category too.
    /// </summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(AppStoreJwsException exception, object? target)
        {
            AppStoreJwsException shown = PrivateKeyText.Contains(exception.Message)
                ? new AppStoreJwsException(exception.ErrorId, exception.Kind, PrivateKeyText.Redact(exception.Message))
                : exception;
            return new ErrorRecord(shown, shown.ErrorId, Category(shown.Kind), SafeTarget(target));
        }

        /// <summary>Apple's refusal of one input (or no usable answer): carries the status, Apple's code and message.</summary>
        public static ErrorRecord From(AppStoreServerApiException exception, object? target)
        {
            AppStoreServerApiException shown = PrivateKeyText.Contains(exception.Message)
                ? exception.With(PrivateKeyText.Redact(exception.Message))
                : exception;
            return new ErrorRecord(shown, shown.ErrorId, Category(shown), SafeTarget(target));
        }

        /// <summary>A refusal of the cmdlet layer's own (a filter, a wait that ran out), with its stable id.</summary>
        public static ErrorRecord From(string errorId, ErrorCategory category, string message, object? target)
        {
            string shown = PrivateKeyText.Redact(message);
            Exception exception = category switch
            {
                ErrorCategory.InvalidArgument => new ArgumentException(shown),
                ErrorCategory.OperationTimeout => new TimeoutException(shown),
                _ => new InvalidOperationException(shown),
            };
            return new ErrorRecord(exception, errorId, category, SafeTarget(target));
        }

        private static object? SafeTarget(object? target) => target is string text && PrivateKeyText.Contains(text) ? null : target;

        private static ErrorCategory Category(ErrorKind kind)
        {
            switch (kind)
            {
                case ErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case ErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case ErrorKind.ObjectNotFound: return ErrorCategory.ObjectNotFound;
                case ErrorKind.InvalidOperation: return ErrorCategory.InvalidOperation;
                case ErrorKind.ResourceExists: return ErrorCategory.ResourceExists;
                case ErrorKind.ConnectionError: return ErrorCategory.ConnectionError;
                default: return ErrorCategory.NotSpecified;
            }
        }

        /// <summary>What went wrong at the module's end (an answer it refused) first; then what the HTTP status says.</summary>
        private static ErrorCategory Category(AppStoreServerApiException api)
        {
            switch (api.ErrorId)
            {
                case ErrorIds.MalformedServerApiResponse:
                case ErrorIds.ServerApiAnswerMismatch:
                case ErrorIds.UnsignedFieldContradicted:
                case ErrorIds.ServerApiResponseTooLarge:
                    return ErrorCategory.InvalidData;
                case ErrorIds.ServerApiRedirect:
                    return ErrorCategory.InvalidResult;
                case ErrorIds.RateLimitExceeded:
                    return ErrorCategory.LimitsExceeded;
            }

            switch (api.StatusCode)
            {
                case 0: return ErrorCategory.ConnectionError;
                case 401:
                case 403: return ErrorCategory.PermissionDenied;
                case 404: return ErrorCategory.ObjectNotFound;
                case 409: return ErrorCategory.ResourceExists;
                case 429: return ErrorCategory.LimitsExceeded;
                case 400: return ErrorCategory.InvalidArgument;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
