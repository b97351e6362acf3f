using AppStoreJws.ServerApi;
using AppStoreJws.Signing;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// What the two server API token cmdlets add to signing: the lifetime and the issuance options. The run's
    /// parameters are checked before the first token (<see cref="SigningCommand"/>); a bad pipeline row is that row's error.
    /// </summary>
    public abstract class BearerTokenCommand : SigningCommand, IDynamicParameters
    {
        private readonly IssuanceParameters issuance = new IssuanceParameters();
        private RunIssuance run = new RunIssuance();

        /// <summary>How long the token is valid (exp - iat); each cmdlet has Apple's default and maximum.</summary>
        [Parameter]
        [SecondsTransformation]
        [ArgumentCompleter(typeof(Completion.LifetimeCompleter))]
        public TimeSpan? Lifetime { get; set; }

        public object GetDynamicParameters() => issuance;

        private protected override object? RunErrorTarget => Key;

        private protected override void ValidateRun()
        {
            run = issuance.Run();
            run.Validate();
            ValidateConfiguration(Key, Lifetime);
        }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            try
            {
                BearerToken token = Create(Key, new TokenIssuance(run), Lifetime);
                Verbose.WriteSignedJson(token.Token);
                WriteObject(token);
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, RowTarget));
            }
        }

        /// <summary>Checks, before the first token, what holds for the whole run (lifetime, issuer ID).</summary>
        private protected abstract void ValidateConfiguration(AppStoreKey key, TimeSpan? lifetime);

        /// <summary>Signs one token from the bound parameters through the core's factory.</summary>
        private protected abstract BearerToken Create(AppStoreKey key, TokenIssuance issuance, TimeSpan? lifetime);

        /// <summary>What identifies the current row in an error record.</summary>
        private protected abstract object RowTarget { get; }
    }
}
