using System;
using System.Collections.Generic;
using System.Text.Json;
using AppStoreJws.Errors;
using AppStoreJws.Json;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>
    /// Turns an Advanced Commerce in-app request, as JSON text or as a request object, into the validated compact
    /// JSON that goes into the <c>request</c> claim (see docs/WireFormat.md). Failures throw <see cref="AppStoreJwsException"/>
    /// naming the JSON path and the rule: <c>MissingOperation</c>, <c>UnknownOperation</c>,
    /// <c>ServerOnlyOperation</c> or <c>InvalidAdvancedCommerceRequest</c>.
    /// </summary>
    internal static class AdvancedCommerceRequestReader
    {
        /// <summary>The longest request JSON whose base64 still fits in a token the verifier accepts.</summary>
        public const int MaximumJsonLength = Signing.CompactJws.MaximumTokenLength / 4 * 3;

        public static ValidatedRequest Read(string json)
        {
            if (json == null)
            {
                throw new ArgumentNullException(nameof(json));
            }

            // The request travels base64-encoded inside a token the verifier caps, so longer JSON can never be signed.
            if (json.Length > MaximumJsonLength)
            {
                throw new AppStoreJwsException(ErrorIds.RequestTooLarge, ErrorKind.InvalidData,
                    $"The request is {json.Length} characters of JSON; a signed request must fit in a token of at most {Signing.CompactJws.MaximumTokenLength} characters, " +
                    $"so at most {MaximumJsonLength}. A real request is a few hundred.");
            }

            // A lone surrogate in the text itself (not escaped) has no UTF-8 form: the parser would throw ArgumentException.
            Json.SignedText.RequireWellFormed("request JSON", json);
            using JsonDocument document = Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw FieldRules.Invalid($"The request must be a JSON object such as {{\"operation\":\"CREATE_ONE_TIME_CHARGE\",...}}; found {RequestShape.Describe(root)}.");
            }

            Type type = RequestType(root);
            RequestProblems shape = new RequestProblems();
            RequestShape.Check(root, type, string.Empty, shape);
            if (shape.Count > 0)
            {
                // A value of the wrong type cannot be read: the rest of the request is, and its field rules add their
                // problems to the same error, so one run lists everything to fix (a price of 4.99 and a lowercase currency).
                ValidateWithout(root, type, shape);
                shape.ThrowIfAny();
            }

            var request = Deserialize(root, type);
            request.Validate();
            string compact = JsonSerializer.Serialize(request, type, AdvancedCommerceJson.Options);
            return new ValidatedRequest(request.Operation, request.RequestInfo!.RequestReferenceId!, compact);
        }

        /// <summary>
        /// The elements of a JSON array of requests, each read on its own: a <see cref="ValidatedRequest"/>, or the
        /// <see cref="AppStoreJwsException"/> of an element that breaks a rule, so the others can still be signed.
        /// </summary>
        public static IReadOnlyList<object> ReadArray(string json)
        {
            List<object> elements = new List<object>();
            using JsonDocument document = Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                throw FieldRules.Invalid("Expected a JSON array of at least one request object.");
            }

            int index = 0;
            foreach (JsonElement element in document.RootElement.EnumerateArray())
            {
                try
                {
                    elements.Add(Read(element.GetRawText()));
                }
                catch (AppStoreJwsException e)
                {
                    elements.Add(new AppStoreJwsException(e.ErrorId, e.Kind, $"Request [{index}] of the array: {e.Message}", e));
                }

                index++;
            }

            return elements;
        }

        /// <summary>
        /// Validates a request object. It is copied through JSON first, so the caller's object is never changed and
        /// typed input meets exactly the checks JSON input does.
        /// </summary>
        public static ValidatedRequest Read(AdvancedCommerceRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            return Read(JsonSerializer.Serialize(request, request.GetType(), AdvancedCommerceJson.Options));
        }

        private static void ValidateWithout(JsonElement root, Type type, RequestProblems shape)
        {
            AdvancedCommerceRequest request;
            try
            {
                request = (AdvancedCommerceRequest)RequestShape.WithoutShapeProblems(root, type).Deserialize(type, AdvancedCommerceJson.Options)!;
            }
            catch (JsonException)
            {
                // What is left cannot be read either: the shape problems are the whole report.
                return;
            }

            request.Validate(shape);
        }

        private static JsonDocument Parse(string json)
        {
            try
            {
                return JsonDocument.Parse(json);
            }
            catch (JsonException exception)
            {
                throw new AppStoreJwsException(ErrorIds.InvalidAdvancedCommerceRequest, ErrorKind.InvalidData,
                    $"The request is not valid JSON: {exception.Message}", exception);
            }
        }

        // RequestShape has checked names and JSON types; what can still fail is a value the serializer cannot hold,
        // such as a string with an escaped lone surrogate.
        private static AdvancedCommerceRequest Deserialize(JsonElement root, Type type)
        {
            try
            {
                return (AdvancedCommerceRequest)root.Deserialize(type, AdvancedCommerceJson.Options)!;
            }
            catch (JsonException exception)
            {
                throw new AppStoreJwsException(ErrorIds.InvalidAdvancedCommerceRequest, ErrorKind.InvalidData,
                    $"The request has a value that cannot be read: {exception.Message}", exception);
            }
        }

        private static Type RequestType(JsonElement root)
        {
            JsonElement? operation = null;
            foreach (JsonProperty member in root.EnumerateObject())
            {
                if (string.Equals(member.Name, "operation", StringComparison.OrdinalIgnoreCase))
                {
                    operation = member.Value;
                    break;
                }
            }

            if (operation == null || operation.Value.ValueKind == JsonValueKind.Null)
            {
                throw new AppStoreJwsException(ErrorIds.MissingOperation, ErrorKind.InvalidData,
                    $"The request has no operation; set operation to one of {AdvancedCommerceOperations.InAppList}.");
            }

            // A non-string operation shows as its raw JSON, which never matches an operation name.
            string name = operation.Value.ValueKind == JsonValueKind.String ? operation.Value.GetString()! : operation.Value.GetRawText();
            if (AdvancedCommerceOperations.InAppRequestTypes.TryGetValue(name, out Type? type))
            {
                return type;
            }

            if (AdvancedCommerceOperations.IsServerOnly(name))
            {
                throw new AppStoreJwsException(ErrorIds.ServerOnlyOperation, ErrorKind.InvalidData,
                    $"The operation '{name}' is a server-to-server Advanced Commerce API call, not an in-app request: send it from your server " +
                    "with an App Store Server API bearer token (New-AppStoreServerApiToken), not this in-app JWS. " +
                    $"Only {AdvancedCommerceOperations.InAppList} are signed for the app.");
            }

            throw new AppStoreJwsException(ErrorIds.UnknownOperation, ErrorKind.InvalidData,
                $"The operation '{name}' is not an Advanced Commerce in-app operation; expected one of {AdvancedCommerceOperations.InAppList}.");
        }
    }
}
