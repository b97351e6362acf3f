namespace AppStoreJws.Commands
{
    /// <summary>
    /// Turns the core's <see cref="AppStoreJwsException"/> into an ErrorRecord with its stable id. Messages quote the
    /// values they refuse; should one of those values be key text that got past the parameters' own refusal, it is
    /// removed here, the one place every module error passes through.
    /// </summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(AppStoreJwsException exception, object? target)
        {
            AppStoreJwsException shown = PrivateKeyText.Contains(exception.Message)
                ? new AppStoreJwsException(exception.ErrorId, exception.Kind, PrivateKeyText.Redact(exception.Message))
                : exception;
            object? safeTarget = target is string text && PrivateKeyText.Contains(text) ? null : target;
            return new ErrorRecord(shown, shown.ErrorId, Category(shown.Kind), safeTarget);
        }

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
    }
}
