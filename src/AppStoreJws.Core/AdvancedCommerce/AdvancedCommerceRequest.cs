using System.Text.Json.Serialization;
using AppStoreJws.Signing;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>
    /// One of the four Advanced Commerce requests an app may sign (see docs/WireFormat.md). Build one of the derived classes, or
    /// read JSON with <see cref="AdvancedCommerceRequestReader"/>; the reader validates and never changes the object.
    /// </summary>
    internal abstract class AdvancedCommerceRequest
    {
        // Only the four in-app requests below derive from this; server-to-server calls are not signed this way.
        private protected AdvancedCommerceRequest(string operation)
        {
            Operation = operation;
        }

        [JsonPropertyName("operation")]
        [JsonPropertyOrder(-3)]
        public string Operation { get; }

        [JsonPropertyName("version")]
        [JsonPropertyOrder(-2)]
        public string? Version { get; set; } = AdvancedCommerceOperations.RequestVersion;

        /// <summary>Left empty, it is filled with a fresh requestReferenceId when the request is read.</summary>
        [JsonPropertyName("requestInfo")]
        [JsonPropertyOrder(-1)]
        public RequestInfo? RequestInfo { get; set; }

        /// <summary>Applies Apple's rules to this copy, filling in the defaults (version, requestReferenceId).</summary>
        internal void Validate(RequestProblems? shapeProblems = null)
        {
            FieldRules root = shapeProblems == null ? FieldRules.Root : FieldRules.RootWith(shapeProblems);
            Version ??= AdvancedCommerceOperations.RequestVersion;
            if (Version != AdvancedCommerceOperations.RequestVersion)
            {
                throw FieldRules.Invalid(
                    $"version is '{Version}'; the only Advanced Commerce request version is \"{AdvancedCommerceOperations.RequestVersion}\" (leave it out to get it).");
            }

            RequestInfo ??= new RequestInfo();
            RequestInfo.Validate(root.Child("requestInfo"));
            ValidateFields(root);
            root.ThrowIfProblems();
        }

        private protected abstract void ValidateFields(FieldRules at);
    }

    /// <summary>Identifies one request; <see cref="RequestReferenceId"/> must be unique per request.</summary>
    internal sealed class RequestInfo
    {
        [JsonPropertyName("requestReferenceId")]
        public string? RequestReferenceId { get; set; }

        [JsonPropertyName("appAccountToken")]
        public string? AppAccountToken { get; set; }

        [JsonPropertyName("consistencyToken")]
        public string? ConsistencyToken { get; set; }

        internal void Validate(FieldRules at)
        {
            // A given requestReferenceId is kept exactly as written: it is the caller's own key for the request.
            RequestReferenceId = at.Uuid("requestReferenceId", RequestReferenceId, Presence.Optional) ?? Nonce.New();
            AppAccountToken = at.Uuid("appAccountToken", AppAccountToken, Presence.Optional);
            ConsistencyToken = at.Text("consistencyToken", ConsistencyToken, Presence.Optional);
        }
    }
}
