using System.Text;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>An Advanced Commerce in-app request that passed Apple's validation, as the compact JSON that gets signed.</summary>
    public sealed class ValidatedRequest
    {
        internal ValidatedRequest(string operation, string requestReferenceId, string json)
        {
            Operation = operation;
            RequestReferenceId = requestReferenceId;
            Json = json;
            Utf8Json = Encoding.UTF8.GetBytes(json);
        }

        public string Operation { get; }

        public string RequestReferenceId { get; }

        /// <summary>Compact JSON; unset optional fields are omitted.</summary>
        public string Json { get; }

        internal byte[] Utf8Json { get; }

        public override string ToString() => Json;
    }
}
