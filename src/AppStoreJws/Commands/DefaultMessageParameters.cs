namespace AppStoreJws.Commands
{
    /// <summary>
    /// What names a default retention message: the product and the locale, declared once for the three cmdlets that
    /// get, set and remove one (each hands this object to PowerShell from <c>IDynamicParameters.GetDynamicParameters</c>),
    /// so the three bind the same columns by the same rule.
    /// </summary>
    public sealed class DefaultMessageParameters
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("product_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string ProductId { get; set; } = null!;

        /// <summary>Apple's locale short code (en-US, de-DE, ja…), case-sensitive.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.RetentionLocaleCompleter))]
        [NoKeyText(InRow = true)]
        public string Locale { get; set; } = null!;

        /// <summary>The row as errors and -WhatIf name it.</summary>
        internal string Target => ProductId + " " + Locale;
    }
}
