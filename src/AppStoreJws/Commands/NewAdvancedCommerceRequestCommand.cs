using System.Collections;
using System.Collections.Specialized;
using AppStoreJws.AdvancedCommerce;
using AppStoreJws.Completion;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Builds and validates an Advanced Commerce in-app request from parameters (with tab completion for the
    /// operation and enumerations), for New-AdvancedCommerceJws -Request. Validation happens here, at build
    /// time, with the same rules signing applies.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AdvancedCommerceRequest")]
    [OutputType(typeof(ValidatedRequest))]
    public sealed class NewAdvancedCommerceRequestCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InAppOperationCompleter))]
        [NoKeyText(InRow = true)]
        public string Operation { get; set; } = string.Empty;

        /// <summary>An ISO 4217 currency code such as USD (tab completes).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(CurrencyCompleter))]
        [NoKeyText(InRow = true)]
        public string? Currency { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string? TaxCode { get; set; }

        /// <summary>An ISO 3166-1 alpha-3 country code such as USA (tab completes).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(StorefrontCompleter))]
        [NoKeyText(InRow = true)]
        public string? Storefront { get; set; }

        /// <summary>The subscription period: P1W, P1M, P2M, P3M, P6M or P1Y (tab completes).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EnumerationCompleter<Period>))]
        [NoKeyText(InRow = true)]
        public string? Period { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string? TransactionId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string? PreviousTransactionId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BooleanLikeTransformation]
        [ArgumentCompleter(typeof(Completion.BooleanCompleter))]
        public bool? RetainBillingCycle { get; set; }

        /// <summary>The request's unique ID (a UUID); generated when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string? RequestReferenceId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string? AppAccountToken { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string? ConsistencyToken { get; set; }

        /// <summary>The item (one-time charge) or items (subscription, reactivation): hashtables with SKU, displayName, description, price, offer.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public object[]? Item { get; set; }

        /// <summary>A hashtable with displayName and description (and, when modifying, effective).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public object? Descriptors { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public object[]? AddItems { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public object[]? ChangeItems { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public object[]? RemoveItems { get; set; }

        /// <summary>A hashtable with effective and period.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public object? PeriodChange { get; set; }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            try
            {
                WriteObject(RequestObjects.Read(BuildTree()));
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, Operation));
            }
        }

        // Only what was given goes in, under Apple's JSON names; the reader fills in version and a reference ID.
        private OrderedDictionary BuildTree()
        {
            OrderedDictionary request = new OrderedDictionary { ["operation"] = Operation };
            OrderedDictionary requestInfo = new OrderedDictionary();
            Add(requestInfo, "requestReferenceId", RequestReferenceId);
            Add(requestInfo, "appAccountToken", AppAccountToken);
            Add(requestInfo, "consistencyToken", ConsistencyToken);
            if (requestInfo.Count > 0)
            {
                request["requestInfo"] = requestInfo;
            }

            Add(request, "currency", Currency);
            Add(request, "taxCode", TaxCode);
            Add(request, "storefront", Storefront);
            Add(request, "transactionId", TransactionId);
            Add(request, "previousTransactionId", PreviousTransactionId);
            Add(request, "retainBillingCycle", RetainBillingCycle);
            Add(request, "period", Period);
            Add(request, "descriptors", Descriptors);
            Add(request, "periodChange", PeriodChange);
            if (Item != null)
            {
                // A one-time charge has a single "item"; the other operations take a list of "items".
                bool oneTimeCharge = Operation == AdvancedCommerceOperations.CreateOneTimeCharge;
                request[oneTimeCharge ? "item" : "items"] = oneTimeCharge && Item.Length == 1 ? Item[0] : (object)Item;
            }

            Add(request, "addItems", AddItems);
            Add(request, "changeItems", ChangeItems);
            Add(request, "removeItems", RemoveItems);
            return request;
        }

        private static void Add(IDictionary target, string name, object? value)
        {
            if (value != null)
            {
                target[name] = value;
            }
        }
    }
}
