using System.Collections.ObjectModel;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Resolves a parameter's PowerShell path to a file system path, turning PowerShell's own failures (a drive
    /// that does not exist, as 'a:b' names one; a provider that is not the file system; a NUL) into the module's
    /// <c>InvalidPath</c> error instead of an exception whose id is a type name.
    /// </summary>
    internal static class ProviderPaths
    {
        public static string Resolve(PSCmdlet cmdlet, string path, string parameter)
        {
            try
            {
                string resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    throw Invalid(path, parameter, $"it is a {provider.Name} path, not a file system path.", null);
                }

                return resolved;
            }
            catch (Exception e) when (e is SessionStateException || e is ProviderInvocationException || e is NotSupportedException || e is ArgumentException)
            {
                throw Invalid(path, parameter, e.Message, e);
            }
        }

        /// <summary>
        /// The files a -Path or -LiteralPath names: with -Path, a wildcard expands to every match and none is
        /// <paramref name="noMatch"/>; otherwise the one path as given, so a missing file gets its reader's own error.
        /// </summary>
        public static IList<string> ResolveAll(PSCmdlet cmdlet, string path, bool literal, Func<string, AppStoreJwsException> noMatch)
        {
            if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
            {
                return new[] { Resolve(cmdlet, path, literal ? "-LiteralPath" : "-Path") };
            }

            Collection<string> matches;
            try
            {
                matches = cmdlet.GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException)
            {
                matches = new Collection<string>();
            }

            return matches.Count > 0 ? matches : throw noMatch(path);
        }

        private static AppStoreJwsException Invalid(string path, string parameter, string reason, Exception? inner)
        {
            string shown = (path.Length > 200 ? path.Substring(0, 200) + $"... ({path.Length} characters)" : path).Replace("\0", "\\0");
            return new AppStoreJwsException(ErrorIds.InvalidPath, ErrorKind.InvalidArgument,
                $"{parameter} '{shown}' is not a usable file system path: {reason} A ':' names a PowerShell drive; use ./ before a file name that holds one.", inner);
        }
    }
}
