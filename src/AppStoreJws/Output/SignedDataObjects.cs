using System.Reflection;
using System.Runtime.CompilerServices;
using AppStoreJws.Verification;

namespace AppStoreJws.Output
{
    /// <summary>
    /// Turns a verified payload into what the cmdlets write: a PSCustomObject whose properties are Apple's fields in
    /// Apple's order and spelling (dates as DateTimeOffset whose text is ISO 8601 in UTC, unknown fields kept), typed
    /// <c>AppStoreJws.SignedData.&lt;Kind&gt;</c> for the format views. Nested objects become PSCustomObjects,
    /// arrays object[], a notification's decoded nested payloads typed objects of their own kind. ToString() gives the
    /// signed data (the compact JWS), as every object of this module gives its token.
    /// </summary>
    public static class SignedDataObjects
    {
        /// <summary>The type name prefix; the kind follows (AppStoreJws.SignedData.Transaction).</summary>
        public const string TypeNamePrefix = "AppStoreJws.SignedData.";

        // Where each output object's JWS is kept: not as a property, since every property is one of Apple's fields.
        private static readonly ConditionalWeakTable<PSObject, string> SignedDataByObject = new ConditionalWeakTable<PSObject, string>();

        private static readonly MethodInfo ToStringMethod = typeof(SignedDataObjects).GetMethod(nameof(SignedDataOf))!;

        public static PSObject ToPSObject(SignedDataPayload payload)
        {
            PSObject result = JsonObjects.FromDictionary(payload.Fields);
            result.TypeNames.Insert(0, TypeNamePrefix + payload.Kind);
            SignedDataByObject.Add(result, payload.SignedData);
            result.Members.Add(new PSCodeMethod("ToString", ToStringMethod));
            return result;
        }

        /// <summary>The compact JWS an output object was decoded from (its ToString()); empty for any other object.</summary>
        public static string SignedDataOf(PSObject instance) =>
            instance != null && SignedDataByObject.TryGetValue(instance, out string? signedData) ? signedData : string.Empty;

        internal static string TypeName(SignedDataKind kind) => TypeNamePrefix + kind;
    }
}
