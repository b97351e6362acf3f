namespace AppStoreJws.Completion
{
    /// <summary>Completes -ImageSize: FullSize (a message's image) or BulletPoint (a bullet point's icon).</summary>
    public sealed class ImageSizeCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => Commands.RetentionNames.ImageSizes;
    }

    /// <summary>Completes -HeaderPosition: AboveBody (Apple's default) or AboveImage.</summary>
    public sealed class HeaderPositionCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => Commands.RetentionNames.HeaderPositions;
    }

    /// <summary>-Locale of the default message cmdlets: Apple's locale short codes, spelled as Apple compares them.</summary>
    public sealed class RetentionLocaleCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => AppStoreJws.ServerApi.Retention.RetentionValues.Locales;
    }

    /// <summary>-BillingPlanType of New-AppStoreRetentionResponse.</summary>
    public sealed class BillingPlanTypeCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => AppStoreJws.ServerApi.Retention.RetentionValues.BillingPlanTypes;
    }
}
