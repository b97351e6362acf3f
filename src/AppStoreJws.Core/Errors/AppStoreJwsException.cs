using System;

namespace AppStoreJws.Errors
{
    /// <summary>What kind of problem an <see cref="AppStoreJwsException"/> reports; the cmdlets map it to an ErrorCategory.</summary>
    public enum ErrorKind
    {
        InvalidArgument,
        InvalidData,
        ObjectNotFound,
        InvalidOperation,
        ResourceExists,
        ConnectionError,
    }

    /// <summary>
    /// A failure the user can fix. <see cref="ErrorId"/> is stable (scripts and tests match on it) and the
    /// message says what was found and what was expected. Messages never contain key material.
    /// </summary>
    public sealed class AppStoreJwsException : Exception
    {
        public AppStoreJwsException(string errorId, ErrorKind kind, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
        }

        public string ErrorId { get; }

        public ErrorKind Kind { get; }
    }
}
