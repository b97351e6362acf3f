using AppStoreJws.Commands;

namespace AppStoreJws.Lookups
{
    /// <summary>
    /// A helper object a Server API cmdlet holds for its run (<c>AppStoreServerApiCommand.Hold</c>): the cmdlet's one
    /// base drives it, so a cmdlet that holds one needs no lifecycle code of its own.
    /// </summary>
    internal interface IServerApiRunPart
    {
        /// <summary>Once the run's client exists (BeginProcessing); an unusable option is a terminating error of <paramref name="cmdlet"/>.</summary>
        void Begin(AppStoreServerApiCommand cmdlet);

        /// <summary>After the last input (EndProcessing): what is still in flight is written.</summary>
        void Complete();

        /// <summary>Ctrl+C: nothing more is started or written.</summary>
        void Stop();
    }
}
