using System;
using System.Collections.Generic;
using System.Management.Automation;
using AppStoreJws.Binding;
using AppStoreJws.Keys;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>Signs an Advanced Commerce API in-app request JWS for the app's advancedCommerceData purchase option.</summary>
    [Cmdlet(VerbsCommon.New, "AdvancedCommerceJws")]
    [OutputType(typeof(AdvancedCommerceJws))]
    public sealed class NewAdvancedCommerceJwsCommand : StoreKitJwsCommand
    {
        /// <summary>A typed request, a hashtable or PSCustomObject (any depth), or JSON text.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [NoKeyText(InRow = true)]
        public object? Request { get; set; }

        private protected override PSObject? InputRow => Request == null ? null : PSObject.AsPSObject(Request);

        private protected override IReadOnlyList<string> RequiredParameters => Array.Empty<string>();

        private protected override string DescribeRow() => RequestInput.Describe(Request);

        // The request is read here, on the pipeline thread (it may be a PSObject); only signing is deferred.
        private protected override Func<StoreKitJws> CaptureToken(AppStoreKey key, TokenIssuance issuance)
        {
            var request = RequestObjects.Read(Request);
            return () => StoreKitJwsFactory.CreateAdvancedCommerce(key, issuance, request);
        }
    }
}
