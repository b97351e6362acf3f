namespace AppStoreJws.Binding
{
    /// <summary>
    /// A token as the inspecting cmdlets receive it: the compact JWS itself, or an Authorization header value
    /// ("Bearer eyJ…", what the bearer-token cmdlets' Authorization property holds and what HTTP logs show).
    /// </summary>
    internal static class TokenInput
    {
        private const string BearerScheme = "Bearer ";

        public static string WithoutScheme(string token) =>
            token.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase) ? token.Substring(BearerScheme.Length) : token;
    }
}
