using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AppStoreJws.Json;

namespace AppStoreJws.Json
{
    internal static class AdvancedCommerceJson
    {
        /// <summary>
        /// Reads names without regard to case (PowerShell users write <c>sku</c>) and writes compact JSON without the
        /// unset optional fields. Non-ASCII text and &lt; &gt; &amp; ' + are written raw, as Apple's Node library does.
        /// </summary>
        internal static readonly JsonSerializerOptions Options = CreateOptions();

        private static JsonSerializerOptions CreateOptions()
        {
            var options = new JsonSerializerOptions
            {
                PropertyNameCaseInsensitive = true,
                UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                Encoder = SignedJsonEncoding.Encoder,
                TypeInfoResolver = new DefaultJsonTypeInfoResolver(),

                // A price from a CSV cell arrives as text ("4990"); the shape check lets only whole numbers through.
                NumberHandling = JsonNumberHandling.AllowReadingFromString,
            };
            options.MakeReadOnly();
            return options;
        }
    }
}
