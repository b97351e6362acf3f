using System;
using System.Text.RegularExpressions;
using AppStoreJws.Errors;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// Where a request may go: always the base URL's scheme, host and port, below its path. A path that could leave it
    /// (a network-path reference, a backslash, a scheme, a dot segment, an escaped dot or slash) is refused before a
    /// bearer token is made, because the token must never reach another host.
    /// </summary>
    internal static class ServerApiUri
    {
        private static readonly Regex Scheme = new Regex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant);

        // An escaped dot: a server that unescapes before routing would see a dot segment. An escaped slash stays allowed,
        // since escaping a value with one (a product ID, say) makes it, and it cannot change the host.
        private static readonly Regex EscapedDot = new Regex("%2e", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex UserInfo = new Regex("(?<=//)[^/?#@]*@", RegexOptions.CultureInvariant);

        /// <summary>Throws UnsafeServerApiPath for a path that could leave the base URL (the query after '?' is the caller's to escape).</summary>
        public static void RefuseUnsafePath(string path)
        {
            int query = path.IndexOf('?');
            string pathPart = query < 0 ? path : path.Substring(0, query);
            string? problem =
                pathPart.StartsWith("//", StringComparison.Ordinal) ? "it begins with //, which names another host"
                : pathPart.Contains('\\') ? "it holds a backslash, which some parsers read as a slash"
                : Scheme.IsMatch(pathPart) ? "it begins with a scheme, which names another URL"
                : pathPart.Contains("//", StringComparison.Ordinal) ? "it holds an empty segment (//)"
                : EscapedDot.IsMatch(pathPart) ? "it holds an escaped dot (%2e), which a server could read as a dot segment"
                : HasDotSegment(pathPart) ? "it holds a . or .. segment, which could climb out of the base URL's path"
                : HasControlOrFragment(path) ? "it holds a control character, a space or a #"
                : null;
            if (problem != null)
            {
                throw new AppStoreJwsException(ErrorIds.UnsafeServerApiPath, ErrorKind.InvalidArgument,
                    $"The path '{UntrustedText.Quote(path)}' is refused: {problem}. A request only ever goes below the base URL; expected a path such as /inApps/v1/transactions/2000000123456789.");
            }
        }

        /// <summary>The request's absolute URL, checked to stay on the base URL's scheme, host and port and below its path.</summary>
        public static Uri Build(Uri baseUri, ServerApiRequest request)
        {
            string basePath = baseUri.AbsolutePath.TrimEnd('/');
            string text = Authority(baseUri) + basePath + request.PathAndQuery();
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri)
                || uri.Scheme != baseUri.Scheme || uri.Host != baseUri.Host || uri.Port != baseUri.Port
                || !uri.AbsolutePath.StartsWith(basePath + "/", StringComparison.Ordinal))
            {
                throw new AppStoreJwsException(ErrorIds.UnsafeServerApiPath, ErrorKind.InvalidArgument,
                    $"The path '{UntrustedText.Quote(request.Path)}' does not stay below {Display(baseUri)}; a request only ever goes there.");
            }

            return uri;
        }

        /// <summary>A URL to print: without user name or password.</summary>
        public static string Display(Uri uri) =>
            string.IsNullOrEmpty(uri.UserInfo) ? uri.AbsoluteUri : new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri;

        /// <summary>URL text as typed, with any user name and password replaced, for messages about a URL that did not parse.</summary>
        public static string RedactUserInfo(string text) => UntrustedText.Quote(UserInfo.Replace(text, "***@"));

        /// <summary>scheme://host:port of a URL, the unit a rate limit and a connection belong to.</summary>
        public static string Authority(Uri uri) => uri.Scheme + "://" + uri.Authority;

        private static bool HasDotSegment(string path)
        {
            foreach (string segment in path.Split('/'))
            {
                if (segment == "." || segment == "..")
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasControlOrFragment(string path)
        {
            foreach (char c in path)
            {
                if (c <= ' ' || c == 0x7F || c == '#')
                {
                    return true;
                }
            }

            return false;
        }
    }
}
