using AppStoreJws.Commands;
using AppStoreJws.Pipeline;

namespace AppStoreJws.Lookups
{
    /// <summary>
    /// What a lookup that takes many IDs from the pipeline holds: its parameters (with -ThrottleLimit), the
    /// <see cref="SignedDataRun"/>, and the shared <see cref="OrderedWorkQueue{T}"/>, which keeps -ThrottleLimit
    /// requests in flight on worker threads and writes the outcomes, and their errors, in input order.
    /// </summary>
    internal sealed class PipelineLookup<TParameters> : IServerApiRunPart, IDisposable
        where TParameters : LookupParameters, IPipelineLookupParameters, new()
    {
        private AppStoreServerApiCommand? cmdlet;
        private SignedDataRun? run;
        private OrderedWorkQueue<LookupOutcome>? queue;

        /// <summary>What GetDynamicParameters returns.</summary>
        public TParameters Parameters { get; } = new TParameters();

        /// <summary>The run's verifiers and sandbox fallback (from BeginProcessing on).</summary>
        public SignedDataRun Run => run ?? throw new InvalidOperationException("BeginProcessing has not run.");

        public void Begin(AppStoreServerApiCommand cmdlet)
        {
            this.cmdlet = cmdlet;
            run = new SignedDataRun(cmdlet, Parameters);
            // One row inline (a lookup at the prompt shows its retry waits live); from the second on, requests go out in parallel.
            queue = new OrderedWorkQueue<LookupOutcome>(Parameters.ThrottleLimit, Emit, EmitError, inlineRows: 1) { WhileWaiting = cmdlet.ShowWaits };
        }

        /// <summary>Queues one input's lookup; <paramref name="work"/> runs on any thread and must not touch the cmdlet's streams.</summary>
        public void Add(string target, Func<LookupOutcome> work) => queue!.Add(work, target);

        /// <summary>
        /// Looks up one transaction ID whose answer is one signed field (<paramref name="endpoint"/>): the row's checks
        /// first (no key text, an ID of digits), then the request in the queue.
        /// </summary>
        public void LookUp(string transactionId, SignedFieldEndpoint endpoint)
        {
            if (cmdlet!.WriteErrorIfRowRefused(transactionId))
            {
                return;
            }

            SignedDataRun lookups = Run;
            Add(transactionId, () => endpoint.Read(lookups, transactionId));
        }

        public void Complete() => queue?.Complete();

        public void Stop() => queue?.Dispose();

        public void Dispose() => queue?.Dispose();

        private void Emit(LookupOutcome outcome, object? target)
        {
            cmdlet!.FlushRetryMessages();
            foreach (object result in outcome.Objects)
            {
                cmdlet.WriteObject(result);
            }

            foreach (Exception failure in outcome.Failures)
            {
                Run.WriteFailure(failure, target);
            }
        }

        private void EmitError(Exception failure, object? target)
        {
            cmdlet!.FlushRetryMessages();
            Run.WriteFailure(failure, target);
        }
    }

    /// <summary>What one input gave: the objects to write, then the errors of parts that failed (one signed transaction of an order, say).</summary>
    internal sealed class LookupOutcome
    {
        public List<object> Objects { get; } = new List<object>();

        public List<Exception> Failures { get; } = new List<Exception>();
    }
}
