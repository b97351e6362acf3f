using System.Collections.ObjectModel;
using System.Globalization;
using AppStoreJws.Pipeline;
using AppStoreJws.Receipts;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Decodes the receipts apps sent to verifyReceipt (app receipts and legacy transaction receipts) into objects with
    /// every purchase and the transaction IDs the App Store Server API takes. Decoding only: no signature is checked.
    /// A receipt that cannot be decoded is a non-terminating error for its row; the other rows are still decoded.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "AppStoreReceipt", DefaultParameterSetName = ReceiptSet)]
    [OutputType(typeof(AppStoreReceipt))]
    public sealed class ConvertFromAppStoreReceiptCommand : PSCmdlet, IDisposable
    {
        private const string ReceiptSet = "Receipt";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private int inputNumber;
        private OrderedWorkQueue<AppStoreReceipt>? queue;

        /// <summary>The base64 receipt (an app receipt, or a transaction receipt), as apps sent it to verifyReceipt.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ReceiptSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("receipt-data", "receipt_data", "AppReceipt", "TransactionReceipt")]
        [AllowEmptyString]
        [NoKeyText(InRow = true, CheckedByCommand = true)]
        public string Receipt { get; set; } = string.Empty;

        /// <summary>Receipt files (raw DER as apps store them, or base64 text); wildcards read every match.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText(Lines = true)]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Receipt files, taken exactly as written (no wildcards); Get-ChildItem output binds here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true, Lines = true)]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Threads that decode receipts in bulk (the first ones are decoded inline); 1 decodes every receipt on the pipeline thread. Output keeps the input order.</summary>
        [Parameter]
        [ThrottleLimit]
        public int ThrottleLimit { get; set; } = ThrottleLimitAttribute.ProcessorDefault;

        protected override void BeginProcessing() =>
            queue = new OrderedWorkQueue<AppStoreReceipt>(ThrottleLimit, (receipt, _) => WriteObject(receipt), WriteRowError);

        protected override void EndProcessing() => queue!.Complete();

        protected override void StopProcessing() => queue?.Dispose();

        public void Dispose() => queue?.Dispose();

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                inputNumber++;
                return;
            }

            if (ParameterSetName == ReceiptSet)
            {
                inputNumber++;
                string receipt = Receipt;
                queue!.Add(() => DecodeUnlessKeyText(receipt), new Row(inputNumber, (object?)CurrentInput.Of(this) ?? receipt, receipt, null));
                return;
            }

            foreach (string path in ParameterSetName == PathSet ? Path : LiteralPath)
            {
                foreach (string file in Files(path, ParameterSetName == LiteralPathSet))
                {
                    inputNumber++;
                    queue!.Add(() => ReceiptDecoder.DecodeFile(file), new Row(inputNumber, file, null, file));
                }
            }
        }

        /// <summary>
        /// Decodes a receipt given as text (on a worker thread), refusing private key text given by mistake. The look for
        /// key text, which reads the whole value again, is spent only on text that did not decode as an app receipt
        /// from plain base64: a receipt that did cannot be key text (the decoder says which).
        /// </summary>
        private static AppStoreReceipt DecodeUnlessKeyText(string text)
        {
            AppStoreReceipt receipt;
            bool notKeyText;
            try
            {
                receipt = ReceiptDecoder.Decode(text, out notKeyText);
            }
            catch (AppStoreJwsException) when (PrivateKeyText.Contains(text))
            {
                throw NoKeyTextAttribute.RefusedInRow(nameof(Receipt));
            }

            if (!notKeyText && PrivateKeyText.Contains(text))
            {
                throw NoKeyTextAttribute.RefusedInRow(nameof(Receipt));
            }

            return receipt;
        }

        /// <summary>A receipt's error (pipeline thread, in input order): its target is the input row, its details name the row.</summary>
        private void WriteRowError(Exception error, object? context)
        {
            if (!(error is AppStoreJwsException e))
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
                return;
            }

            if (NoKeyTextAttribute.IsRefusal(e))
            {
                // The row holds key text: neither it nor its first characters go into the record.
                WriteError(NoKeyTextAttribute.RefusalRecord(e));
                return;
            }

            Row row = (Row)context!;
            string description = row.File != null ? $"file '{UntrustedText.Quote(row.File)}'" : DescribeText(row.Text!);
            ErrorRecord record = ErrorRecords.From(e, row.Target is string text ? Shortened(text) : row.Target);
            record.ErrorDetails = new ErrorDetails($"Receipt {row.Number.ToString("N0", CultureInfo.InvariantCulture)} ({description}): {PrivateKeyText.Redact(e.Message)}");
            WriteError(record);
        }

        /// <summary>The files a path names: every match of a wildcard (none is that path's error), or the path as given.</summary>
        private IEnumerable<string> Files(string path, bool literal)
        {
            try
            {
                return ProviderPaths.ResolveAll(this, path, literal, pattern => new AppStoreJwsException(ErrorIds.ReceiptPathNoMatch, ErrorKind.ObjectNotFound,
                    $"No file matches '{UntrustedText.Quote(pattern)}'; expected receipt files (use -LiteralPath for a name that holds [ or *)."));
            }
            catch (AppStoreJwsException e)
            {
                inputNumber++;
                queue!.AddFailed(e, new Row(inputNumber, path, null, path));
                return Array.Empty<string>();
            }
        }

        /// <summary>A receipt as a row's error names it: its first characters and its length, never the whole of a large one.</summary>
        private static string DescribeText(string receipt) =>
            receipt.Length == 0 ? "an empty receipt" : $"'{UntrustedText.Quote(receipt, 24)}', {receipt.Length.ToString("N0", CultureInfo.InvariantCulture)} characters";

        private static string Shortened(string receipt) => receipt.Length > 80 ? receipt.Substring(0, 80) + "…" : receipt;

        /// <summary>One input: its number, what its error targets (the pipeline row, else the receipt or file), and what names it.</summary>
        private sealed class Row
        {
            public Row(int number, object? target, string? text, string? file)
            {
                Number = number;
                Target = target;
                Text = text;
                File = file;
            }

            public int Number { get; }

            public object? Target { get; }

            public string? Text { get; }

            public string? File { get; }
        }
    }
}
