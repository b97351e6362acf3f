namespace AppStoreJws.Commands
{
    /// <summary>
    /// What every signing cmdlet shares: the key, and the error policy, which goes by where a value came from, never
    /// by error id. The run's own parameters (the command line, a -BundleId given there included) are checked once in
    /// <see cref="BeginProcessing"/>, so a problem with them stops the run before the first row; after that, a problem
    /// can only be with what a row supplied, and is that row's error. A bundle ID that no row carries and neither the
    /// command line nor the key supplies is the run's problem too.
    /// </summary>
    public abstract class SigningCommand : PSCmdlet
    {
        /// <summary>The key from Get-AppStoreKey.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        [AppStoreKeyTransformation]
        public AppStoreKey Key { get; set; } = null!;

        private protected VerboseWriter Verbose { get; private set; } = null!;

        protected override void BeginProcessing()
        {
            Verbose = new VerboseWriter(this);
            try
            {
                ValidateRun();
                string? bundleId = BundleIdValue;
                if (MyInvocation.BoundParameters.ContainsKey(BundleIdParameter) && !string.IsNullOrEmpty(bundleId))
                {
                    AppStoreIdentifiers.ValidateBundleId(bundleId!);
                }
            }
            catch (AppStoreJwsException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, RunErrorTarget));
            }
        }

        /// <summary>Checks the run's own parameters (before the first row); throws the module's exception.</summary>
        private protected virtual void ValidateRun()
        {
        }

        /// <summary>The cmdlet's -BundleId, for a cmdlet that signs one in (the bid claim or the signed message).</summary>
        private protected virtual string? BundleIdValue => null;

        /// <summary>What a terminating error names as its target.</summary>
        private protected virtual object? RunErrorTarget => null;

        /// <summary>
        /// Stops the run when no bundle ID can come from anywhere: not from -BundleId, not from the key, and not from the
        /// row, which has no column for it. No later row can supply what no row carries, so this is reported once.
        /// </summary>
        private protected void RequireBundleIdSource(PSObject? input)
        {
            if (string.IsNullOrEmpty(BundleIdValue) && Key.BundleId == null && (input == null || FindColumn(input, BundleIdParameter) == null))
            {
                ThrowTerminatingError(ErrorRecords.From(new AppStoreJwsException(ErrorIds.BundleIdMissing, ErrorKind.InvalidArgument,
                    "No bundle ID: pass -BundleId (the app's bundle ID, such as com.example.app), give the rows a BundleId column, " +
                    "or give the key a default with Get-AppStoreKey -BundleId."), null));
            }
        }

        /// <summary>The row's property that binds to the parameter (its name or one of its aliases, spelled loosely or not), or null.</summary>
        private protected PSPropertyInfo? FindColumn(PSObject row, string parameter) => ParameterSpellings.FindColumn(GetType(), parameter, row);

        private const string BundleIdParameter = "BundleId";
    }
}
