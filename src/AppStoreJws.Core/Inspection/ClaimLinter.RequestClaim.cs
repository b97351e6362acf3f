using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text;
using AppStoreJws.AdvancedCommerce;
using AppStoreJws.Errors;

namespace AppStoreJws.Inspection
{
    /// <summary>The request claim of Advanced Commerce tokens: standard base64 of a request Apple's libraries accept.</summary>
    internal sealed partial class ClaimLinter
    {
        private void CheckRequest()
        {
            if (!TryGetClaim("request", JwsCheckNames.Request, "the standard base64 of the request's UTF-8 JSON", out object? value))
            {
                return;
            }

            if (!(value is string request))
            {
                checks.Fail(JwsCheckNames.Request,
                    $"request is {JsonText.Describe(value)}; it must be a string: the standard base64 of the request's UTF-8 JSON{(value is OrderedDictionary ? ", not the request object itself" : string.Empty)}.");
                return;
            }

            List<string> problems = Base64Problems(request);
            if (problems.Count == 0)
            {
                checks.Pass(JwsCheckNames.RequestEncoding, $"request is standard base64 ({request.Length} characters).");
            }
            else
            {
                checks.Fail(JwsCheckNames.RequestEncoding, "The request claim is not standard base64: " + string.Join("; ", problems) +
                    ". Encode the UTF-8 JSON with standard base64 ('+', '/' and '=' padding, as Convert.ToBase64String does), not base64url.");
            }

            byte[]? bytes = DecodeLeniently(request);
            if (bytes == null)
            {
                checks.Fail(JwsCheckNames.Request, "The request could not be decoded as base64 at all, so its content was not checked.");
                return;
            }

            string json;
            try
            {
                json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                checks.Fail(JwsCheckNames.Request, "The request decodes to bytes that are not UTF-8 text; it must be the base64 of the request's UTF-8 JSON.");
                return;
            }

            try
            {
                ValidatedRequest validated = AdvancedCommerceRequestReader.Read(json);
                checks.Pass(JwsCheckNames.Request, $"request is a valid {validated.Operation} request (requestReferenceId {validated.RequestReferenceId}).");
            }
            catch (AppStoreJwsException e)
            {
                checks.Fail(JwsCheckNames.Request, $"The request does not pass the validation Apple's libraries apply ({e.ErrorId}): {e.Message}");
            }
        }

        private static List<string> Base64Problems(string text)
        {
            List<string> problems = new List<string>();
            if (text.Length == 0)
            {
                problems.Add("it is empty");
                return problems;
            }

            if (text.IndexOf('-') >= 0 || text.IndexOf('_') >= 0)
            {
                problems.Add("it is base64url (it contains '-' or '_'), where Apple requires standard base64 with '+' and '/'");
            }

            char foreign = text.FirstOrDefault(c => !IsBase64UrlOrStandard(c));
            if (foreign != '\0')
            {
                problems.Add(char.IsWhiteSpace(foreign) ? "it contains whitespace or line breaks" : $"it contains {JsonText.Quote(foreign.ToString())}, which is not a base64 character");
            }

            int padding = text.IndexOf('=');
            if (padding >= 0 && text.Substring(padding).Any(c => c != '='))
            {
                problems.Add("'=' appears before the end");
            }
            else if (text.Length % 4 != 0)
            {
                problems.Add(padding < 0
                    ? $"its '=' padding is missing (its length, {text.Length}, is not a multiple of 4)"
                    : $"its padding is wrong (its length, {text.Length}, is not a multiple of 4)");
            }

            return problems;
        }

        private static bool IsBase64UrlOrStandard(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';

        /// <summary>Decodes standard base64 or base64url, padded or not, so the content is checked even when the encoding is wrong.</summary>
        private static byte[]? DecodeLeniently(string text)
        {
            StringBuilder standard = new StringBuilder(text.Length + 3);
            foreach (char c in text)
            {
                if (c == '-')
                {
                    standard.Append('+');
                }
                else if (c == '_')
                {
                    standard.Append('/');
                }
                else if (c != '=' && !char.IsWhiteSpace(c))
                {
                    standard.Append(c);
                }
            }

            if (standard.Length % 4 == 1)
            {
                return null;
            }

            standard.Append('=', (4 - (standard.Length % 4)) % 4);
            try
            {
                return Convert.FromBase64String(standard.ToString());
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
