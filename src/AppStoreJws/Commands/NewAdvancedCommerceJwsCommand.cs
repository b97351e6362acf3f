using AppStoreJws.AdvancedCommerce;
using AppStoreJws.Pipeline;
using AppStoreJws.Signing;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>Signs an Advanced Commerce API in-app request JWS for the app's advancedCommerceData purchase option.</summary>
    [Cmdlet(VerbsCommon.New, "AdvancedCommerceJws")]
    [OutputType(typeof(AdvancedCommerceJws))]
    public sealed class NewAdvancedCommerceJwsCommand : StoreKitJwsCommand
    {
        private readonly JsonLineBuffer lines = new JsonLineBuffer();

        /// <summary>A request from New-AdvancedCommerceRequest, a hashtable or PSCustomObject (any depth), or JSON text.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [NoKeyText(InRow = true)]
        public object? Request { get; set; }

        private protected override PSObject? InputRow => Request == null ? null : PSObject.AsPSObject(Request);

        private protected override string DescribeRow() => RequestInput.Describe(Request);

        // The request is read here, on the pipeline thread (it may be a PSObject); only signing is deferred.
        private protected override Func<object>? CaptureToken(AppStoreKey key, TokenIssuance issuance)
        {
            object? request = Request is PSObject wrapped && wrapped.BaseObject is string text ? text : Request;
            string? abandoned = null;
            if (request is string line && MyInvocation.ExpectingInput)
            {
                // JSON piped line by line (Get-Content without -Raw) is joined, not read one line at a time.
                request = lines.Add(line, out abandoned);
                if (request == null && abandoned == null)
                {
                    return null;
                }
            }

            if (abandoned != null)
            {
                // Lines that never closed, then a whole request: the first is an error of its own, the second is signed.
                List<object> both = new List<object> { Unfinished(abandoned) };
                both.AddRange(request == null ? Array.Empty<object>() : Read(request));
                return SignEach(key, issuance, both);
            }

            if (request is string json && json.TrimStart().StartsWith("[", StringComparison.Ordinal))
            {
                return SignEach(key, issuance, AdvancedCommerceRequestReader.ReadArray(json));
            }

            ValidatedRequest validated = RequestObjects.Read(request);
            return () => StoreKitJwsFactory.CreateAdvancedCommerce(key, issuance, validated);
        }

        private static IReadOnlyList<object> Read(object request)
        {
            try
            {
                return request is string json && json.TrimStart().StartsWith("[", StringComparison.Ordinal)
                    ? AdvancedCommerceRequestReader.ReadArray(json)
                    : new object[] { RequestObjects.Read(request) };
            }
            catch (AppStoreJwsException e)
            {
                return new object[] { e };
            }
        }

        private static AppStoreJwsException Unfinished(string text) =>
            new AppStoreJwsException(ErrorIds.InvalidAdvancedCommerceRequest, ErrorKind.InvalidData,
                $"The request is not valid JSON: {text.Split('\n').Length - 1} line(s) opened a bracket that was never closed; expected complete JSON (Get-Content -Raw reads a file whole).");

        private protected override AppStoreJwsException? UnfinishedInput() => lines.IsPending ? Unfinished(lines.TakeUnfinished()) : null;

        /// <summary>A JSON array of requests: each element is signed, or is its own error, in order.</summary>
        private static Func<object> SignEach(AppStoreKey key, TokenIssuance issuance, IReadOnlyList<object> elements) => () =>
        {
            ResultBatch batch = new ResultBatch();
            foreach (object element in elements)
            {
                try
                {
                    batch.Outcomes.Add(element is ValidatedRequest validated
                        ? StoreKitJwsFactory.CreateAdvancedCommerce(key, issuance, validated)
                        : element);
                }
                catch (AppStoreJwsException e)
                {
                    batch.Outcomes.Add(e);
                }
            }

            return batch;
        };
    }
}
