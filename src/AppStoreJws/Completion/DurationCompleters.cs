using System.Reflection;
using AppStoreJws.Commands;
using AppStoreJws.Inspection;
using AppStoreJws.ServerApi;
using AppStoreJws.Signing;

namespace AppStoreJws.Completion
{
    /// <summary>
    /// -Lifetime of the bearer token cmdlets: each API has Apple's own default and maximum. A command name that is
    /// neither (a wrapper function, say) gets only the lifetimes both APIs accept.
    /// </summary>
    public sealed class LifetimeCompleter : DurationCompleter
    {
        private static readonly string ConnectApiCommand = CmdletName(typeof(NewAppStoreConnectApiTokenCommand));
        private static readonly string ServerApiCommand = CmdletName(typeof(NewAppStoreServerApiTokenCommand));

        private protected override DurationRange Range(string commandName)
        {
            TimeSpan shortest = TimeSpan.FromSeconds(1);
            if (string.Equals(commandName, ConnectApiCommand, StringComparison.OrdinalIgnoreCase))
            {
                return new DurationRange(shortest, BearerTokenFactory.ConnectApiMaximumLifetime, BearerTokenFactory.ConnectApiDefaultLifetime, "the default for App Store Connect API tokens");
            }

            if (string.Equals(commandName, ServerApiCommand, StringComparison.OrdinalIgnoreCase))
            {
                return new DurationRange(shortest, BearerTokenFactory.ServerApiMaximumLifetime, BearerTokenFactory.ServerApiDefaultLifetime, "the default for App Store Server API tokens");
            }

            TimeSpan bothAccept = BearerTokenFactory.ConnectApiMaximumLifetime < BearerTokenFactory.ServerApiMaximumLifetime
                ? BearerTokenFactory.ConnectApiMaximumLifetime
                : BearerTokenFactory.ServerApiMaximumLifetime;
            return new DurationRange(shortest, bothAccept, BearerTokenFactory.ServerApiDefaultLifetime, "the default for App Store Server API tokens");
        }

        private static string CmdletName(Type command)
        {
            CmdletAttribute cmdlet = command.GetCustomAttribute<CmdletAttribute>()!;
            return cmdlet.VerbName + "-" + cmdlet.NounName;
        }
    }

    /// <summary>-ClockSkew of the token cmdlets: no backdating by default, at most the core's limit.</summary>
    public sealed class ClockSkewCompleter : DurationCompleter
    {
        private protected override DurationRange Range(string commandName) =>
            new DurationRange(TimeSpan.Zero, RunIssuance.MaximumClockSkew, TimeSpan.Zero, "the default: iat is now");
    }

    /// <summary>-ClockTolerance of Test-AppStoreJws.</summary>
    public sealed class ClockToleranceCompleter : DurationCompleter
    {
        private protected override DurationRange Range(string commandName) =>
            new DurationRange(TimeSpan.Zero, ClockTolerance.Maximum, ClockTolerance.Default, "the default");
    }
}
