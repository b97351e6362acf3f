using AppStoreJws.ServerApi;

namespace AppStoreJws.Completion
{
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
