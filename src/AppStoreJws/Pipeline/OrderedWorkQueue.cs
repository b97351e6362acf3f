using System.Collections.Concurrent;
using System.Threading;

namespace AppStoreJws.Pipeline
{
    /// <summary>
    /// Runs each row's work (pure and thread-safe: it signs, it never touches PowerShell) on worker threads and
    /// hands the outcomes back on the pipeline thread in input order, because PowerShell allows WriteObject and
    /// WriteError only there. The pipeline thread binds row n+1 while row n is signed elsewhere.
    /// <list type="bullet">
    /// <item>The first rows run inline and no thread starts, so a single token at the prompt pays nothing; the
    /// workers start once a run proves to be bulk. Work that waits on the network (milliseconds a row, not
    /// microseconds) asks for fewer inline rows: a second row already pays for a thread.</item>
    /// <item>At most <see cref="Capacity"/> rows are in flight: beyond that, Add waits for the oldest, so memory
    /// stays flat however many rows stream through.</item>
    /// <item>An emit callback that throws (a terminating error, -ErrorAction Stop, Ctrl+C) ends the run at that
    /// row: nothing after it is emitted, and Dispose stops the workers.</item>
    /// </list>
    /// </summary>
    internal sealed class OrderedWorkQueue<T> : IDisposable
        where T : class
    {
        /// <summary>Rows signed inline before the workers start.</summary>
        internal const int InlineRows = 8;

        /// <summary>Rows in flight at most (queued, being signed, or signed and waiting for their turn).</summary>
        internal const int Capacity = 1024;

        private readonly int throttleLimit;
        private readonly int inlineRows;
        private readonly Action<T, object?> emitResult;
        private readonly Action<Exception, object?> emitError;
        private readonly Queue<Slot> inOrder = new Queue<Slot>();
        private readonly object gate = new object();
        private BlockingCollection<Slot>? work;
        private CancellationTokenSource? stopping;
        private int waiting;
        private int rows;

        public OrderedWorkQueue(int throttleLimit, Action<T, object?> emitResult, Action<Exception, object?> emitError, int inlineRows = InlineRows)
        {
            this.throttleLimit = throttleLimit;
            this.inlineRows = inlineRows;
            this.emitResult = emitResult;
            this.emitError = emitError;
        }

        /// <summary>Called on the pipeline thread about every 50 ms while it waits for a row (progress, Ctrl+C); may throw to end the wait.</summary>
        public Action? WhileWaiting { get; set; }

        /// <summary>Adds one row's work (pipeline thread), then emits every outcome that is ready.</summary>
        public void Add(Func<T> rowWork, object? target)
        {
            rows++;
            if (work == null && (throttleLimit <= 1 || rows <= inlineRows))
            {
                T? result;
                try
                {
                    result = rowWork();
                }
                catch (Exception e)
                {
                    emitError(e, target);
                    return;
                }

                emitResult(result, target);
                return;
            }

            StartWorkers();
            while (inOrder.Count >= Capacity)
            {
                EmitOldest();
            }

            Slot slot = new Slot(rowWork, target);
            inOrder.Enqueue(slot);
            work!.Add(slot);
            EmitReady();
        }

        /// <summary>A row that failed on the pipeline thread (while its input was read) takes its turn like the others.</summary>
        public void AddFailed(Exception error, object? target)
        {
            rows++;
            if (work == null)
            {
                emitError(error, target);
                return;
            }

            Slot slot = new Slot(null, target);
            slot.Error = error;
            slot.Done = true;
            inOrder.Enqueue(slot);
            EmitReady();
        }

        /// <summary>Waits for every row still in flight and emits them in order (EndProcessing).</summary>
        public void Complete()
        {
            while (inOrder.Count > 0)
            {
                EmitOldest();
            }
        }

        public void Dispose()
        {
            if (work != null)
            {
                stopping!.Cancel();
                work.CompleteAdding();
            }
        }

        private void StartWorkers()
        {
            if (work != null)
            {
                return;
            }

            work = new BlockingCollection<Slot>(new ConcurrentQueue<Slot>());
            stopping = new CancellationTokenSource();
            for (int i = 0; i < throttleLimit; i++)
            {
                // Background threads: a run abandoned mid-way never keeps the process alive.
                Thread worker = new Thread(Work) { IsBackground = true, Name = "AppStoreJws worker " + (i + 1) };
                worker.Start((work, stopping.Token));
            }
        }

        private void Work(object? state)
        {
            (BlockingCollection<Slot> queue, CancellationToken token) = ((BlockingCollection<Slot>, CancellationToken))state!;
            try
            {
                foreach (Slot slot in queue.GetConsumingEnumerable(token))
                {
                    try
                    {
                        slot.Result = slot.Work!();
                    }
                    catch (Exception e)
                    {
                        slot.Error = e;
                    }

                    slot.Work = null;
                    Volatile.Write(ref slot.Done, true);
                    Interlocked.MemoryBarrier();
                    if (Volatile.Read(ref waiting) > 0)
                    {
                        lock (gate)
                        {
                            Monitor.PulseAll(gate);
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The run ended early; the rows still queued are not wanted.
            }
        }

        private void EmitReady()
        {
            while (inOrder.Count > 0 && Volatile.Read(ref inOrder.Peek().Done))
            {
                Emit(inOrder.Dequeue());
            }
        }

        private void EmitOldest()
        {
            Slot slot = inOrder.Peek();
            if (!Volatile.Read(ref slot.Done))
            {
                while (!Volatile.Read(ref slot.Done))
                {
                    lock (gate)
                    {
                        Interlocked.Increment(ref waiting);
                        try
                        {
                            if (!Volatile.Read(ref slot.Done))
                            {
                                // The timeout lets WhileWaiting run; a worker pulses as soon as a row is done.
                                Monitor.Wait(gate, 50);
                            }
                        }
                        finally
                        {
                            Interlocked.Decrement(ref waiting);
                        }
                    }

                    WhileWaiting?.Invoke();
                }
            }

            Emit(inOrder.Dequeue());
        }

        private void Emit(Slot slot)
        {
            if (slot.Error != null)
            {
                // The command decides: a row error, a terminating error, or (not its own exception) a rethrow.
                emitError(slot.Error, slot.Target);
            }
            else
            {
                emitResult(slot.Result!, slot.Target);
            }
        }

        private sealed class Slot
        {
            public Slot(Func<T>? work, object? target)
            {
                Work = work;
                Target = target;
            }

            public Func<T>? Work;
            public readonly object? Target;
            public T? Result;
            public Exception? Error;
            public bool Done;
        }
    }
}
