using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text;
using AppStoreJws.AdvancedCommerce;
using AppStoreJws.Errors;
using AppStoreJws.Json;
using AppStoreJws.Keys;

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

            List<string> problems = Base64Text.StandardProblems(request, JsonText.Quote);
            if (problems.Count == 0)
            {
                checks.Pass(JwsCheckNames.RequestEncoding, $"request is standard base64 ({request.Length} characters).");
            }
            else
            {
                checks.Fail(JwsCheckNames.RequestEncoding, "The request claim is not standard base64: " + string.Join("; ", problems) +
                    ". Encode the UTF-8 JSON with standard base64 ('+', '/' and '=' padding, as Convert.ToBase64String does), not base64url.");
            }

            byte[]? bytes = Base64Text.DecodeLeniently(request);
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
    }
}
