using System;
using System.Collections;
using System.Management.Automation;
using AppStoreJws.Errors;
using AppStoreJws.Json;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>Looks up one transaction (Get Transaction Info) and returns it verified and decoded; never unverified.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreTransaction")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreTransactionCommand : AppStoreServerApiCommand
    {
        private SignedDataVerifier verifier = null!;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("transaction_id", "originalTransactionId", "original_transaction_id", "appTransactionId", "app_transaction_id")]
        [ValidateNotNullOrEmpty]
        public string TransactionId { get; set; } = null!;

        /// <summary>The roots the signing chain must lead to; Apple Root CA - G3 when absent.</summary>
        [Parameter]
        public object[]? TrustedRoot { get; set; }

        /// <summary>The app's Apple ID, which production data must carry.</summary>
        [Parameter]
        public long? AppAppleId { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            verifier = SignedDataCommand.CreateVerifier(this, TrustedRoot, BundleId ?? Key.BundleId, AppAppleId, Environment, false, null);
        }

        protected override void ProcessRecord()
        {
            ServerApiRequest request = new ServerApiRequest("GET", "/inApps/v1/transactions/" + ServerApiRequest.Segment(TransactionId));
            string? signed;
            try
            {
                ServerApiResponse response = Send(request);
                signed = response.StringMember("signedTransactionInfo");
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AggregateException)
            {
                WriteApiError(e, TransactionId);
                return;
            }

            if (signed == null)
            {
                WriteError(new ErrorRecord(new InvalidOperationException($"GET {request.Path}: the answer is not JSON with a signedTransactionInfo string."),
                    "MalformedServerApiResponse", ErrorCategory.InvalidData, TransactionId));
                return;
            }

            try
            {
                WriteObject(Output.SignedDataObjects.ToPSObject(verifier.Verify(signed, SignedDataKind.Transaction)));
            }
            catch (AppStoreJwsException e)
            {
                WriteError(SignedDataCommand.ErrorFor(e, signed));
            }
        }
    }
}
