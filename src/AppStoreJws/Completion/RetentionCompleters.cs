using AppStoreJws.Retention;
using AppStoreJws.ServerApi;

namespace AppStoreJws.Completion
{
    /// <summary>-Locale of the Retention Messaging cmdlets: Apple's locale short codes, spelled as Apple compares them.</summary>
    public sealed class RetentionLocaleCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => RetentionValues.Locales;
    }

    /// <summary>-BillingPlanType of New-AppStoreRetentionResponse.</summary>
    public sealed class BillingPlanTypeCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => RetentionValues.BillingPlanTypes;
    }

    /// <summary>-NotificationType of Get-AppStoreNotificationHistory.</summary>
    public sealed class NotificationTypeCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => NotificationTypes.Types;
    }

    /// <summary>-NotificationSubtype of Get-AppStoreNotificationHistory.</summary>
    public sealed class NotificationSubtypeCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => NotificationTypes.Subtypes;
    }
}
