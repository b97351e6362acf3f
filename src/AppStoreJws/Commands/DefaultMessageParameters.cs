namespace AppStoreJws.Commands
{
    /// <summary>
    /// What names a default retention message: the product and the locale, declared once for the three cmdlets that
    /// get, set and remove one (each hands this object to PowerShell from <c>IDynamicParameters.GetDynamicParameters</c>),
    /// so the three bind the same columns by the same rule.
    /// </summary>
    public class DefaultMessageParameters
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

    /// <summary>
    /// Set-AppStoreRetentionDefaultMessage's parameters: the product, the locale and the message. The message is here
    /// too because PowerShell binds positions on the cmdlet before those on its parameter object: one declared on the
    /// cmdlet would take the first positional value, not the third.
    /// </summary>
    public sealed class DefaultMessageAssignmentParameters : DefaultMessageParameters
    {
        /// <summary>An approved message's identifier (sent in lowercase).</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("message_identifier", "MessageId")]
        public Guid MessageIdentifier { get; set; }
    }
}
