using System.Management.Automation;
using AppStoreJws.Errors;

namespace AppStoreJws.Commands
{
    /// <summary>Turns the core's <see cref="AppStoreJwsException"/> into an ErrorRecord with its stable id.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(AppStoreJwsException exception, object? target) =>
            new ErrorRecord(exception, exception.ErrorId, Category(exception.Kind), target);

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
