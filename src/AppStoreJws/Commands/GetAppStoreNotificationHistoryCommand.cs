using System.Collections;
using AppStoreJws.Lookups;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verifying;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Streams the notifications Apple sent, or tried to send, to the app's server (Get Notification History) over
    /// every page: each notification verified and decoded, with its send attempts.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreNotificationHistory")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreNotificationHistoryCommand : AppStoreServerApiCommand, IDynamicParameters
    {
        /// <summary>How far back Apple keeps notification history.</summary>
        private static readonly TimeSpan MaximumAge = TimeSpan.FromDays(180);

        private readonly SignedDataReading reading;

        public GetAppStoreNotificationHistoryCommand() => reading = Hold(new SignedDataReading(new SignedDataParameters()));

        [Parameter(Mandatory = true)]
        public DateTimeOffset StartDate { get; set; }

        [Parameter(Mandatory = true)]
        public DateTimeOffset EndDate { get; set; }

        /// <summary>Only notifications of this type (SUBSCRIBED, DID_RENEW, …); not with -TransactionId.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NotificationTypeCompleter))]
        [NoKeyText]
        public string? NotificationType { get; set; }

        /// <summary>Only notifications of this subtype; needs -NotificationType.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.NotificationSubtypeCompleter))]
        [NoKeyText]
        public string? NotificationSubtype { get; set; }

        /// <summary>Only notifications about this customer's transactions; not with -NotificationType.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("transaction_id", "originalTransactionId", "original_transaction_id", "appTransactionId", "app_transaction_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string? TransactionId { get; set; }

        /// <summary>Only notifications that did not reach the server.</summary>
        [Parameter]
        public SwitchParameter OnlyFailures { get; set; }

        public object GetDynamicParameters() => reading.Parameters;

        protected override void BeginProcessing()
        {
            string? problem =
                StartDate > EndDate ? $"-StartDate {StartDate:o} is after -EndDate {EndDate:o}; expected a start at or before the end." :
                StartDate < DateTimeOffset.UtcNow - MaximumAge ? $"-StartDate {StartDate:o} is more than 180 days ago; Apple keeps notification history for 180 days." :
                NotificationSubtype != null && NotificationType == null ? "-NotificationSubtype was given without -NotificationType; Apple filters by a subtype only within its type." :
                NotificationType != null && MyInvocation.BoundParameters.ContainsKey(nameof(TransactionId)) ? "-NotificationType and -TransactionId were both given; Apple accepts one of them." :
                null;
            if (problem != null)
            {
                ThrowTerminatingError(ErrorRecords.From(ErrorIds.InvalidNotificationHistoryFilter, ErrorCategory.InvalidArgument, problem, null));
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            NotificationHistoryQuery query = new NotificationHistoryQuery
            {
                StartDate = StartDate,
                EndDate = EndDate,
                NotificationType = NotificationType,
                NotificationSubtype = NotificationSubtype,
                TransactionId = TransactionId,
                OnlyFailures = OnlyFailures,
            };
            try
            {
                reading.Run.PageThrough("Notification history", token => ServerApiOperations.NotificationHistory(query, token), "paginationToken", "notificationHistory", (page, request, verifier) =>
                {
                    foreach (IDictionary item in ServerApiAnswer.Objects(request, page.Members, "notificationHistory"))
                    {
                        try
                        {
                            WriteObject(SignedDataRun.NotificationWithAttempts(verifier, request, item));
                        }
                        catch (Exception e) when (e is SignedFieldException || e is AppStoreServerApiException)
                        {
                            reading.Run.WriteFailure(e, TransactionId);
                        }
                    }

                    return true;
                });
            }
            catch (AppStoreServerApiException e)
            {
                reading.Run.WriteFailure(e, TransactionId);
            }
        }
    }
}
