using AppStoreJws.Signing;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// When a run's tokens are issued: -IssuedAt and -ClockSkew, declared once for the bearer token and StoreKit token
    /// cmdlets (each base hands this object to PowerShell from <c>IDynamicParameters.GetDynamicParameters</c>), so both
    /// families take them by the same rule. The legacy signature has no iat, so its cmdlet has neither.
    /// </summary>
    public sealed class IssuanceParameters
    {
        /// <summary>A fixed issue time, for tests and reproducible examples; defaults to now.</summary>
        [Parameter]
        public DateTimeOffset? IssuedAt { get; set; }

        /// <summary>Backdates iat (and so exp, where the token has one) by this much, for hosts whose clocks run fast (at most 10 minutes).</summary>
        [Parameter]
        [SecondsTransformation]
        [ArgumentCompleter(typeof(Completion.ClockSkewCompleter))]
        public TimeSpan ClockSkew { get; set; }

        /// <summary>What holds for every token of the run, with the run's fixed nonce if it has one.</summary>
        internal RunIssuance Run(string? nonce = null) => new RunIssuance { IssuedAt = IssuedAt, ClockSkew = ClockSkew, Nonce = nonce };
    }
}
