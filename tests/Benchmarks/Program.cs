using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;
using Perfolizer.Horology;

namespace AppStoreJws.Benchmarks
{
    /// <summary>
    /// Runs <see cref="SigningBenchmarks"/> with a short in-process job (ShortRun with 11 iterations of 250 ms; the
    /// whole bench must fit in minutes on 2 cores), then the core-to-raw ratios again in alternating blocks
    /// (<see cref="PairedRatio"/>), and writes the medians as JSON for Invoke-Benchmarks.ps1.
    /// Usage: AppStoreJws.Benchmarks --out results.json --artifacts folder
    /// </summary>
    public static class Program
    {
        // ShortRun's 3 measured iterations let one burst of load from another process decide the median on a
        // shared 2-core machine; 11 short iterations cost a few seconds more and give a median that holds.
        private const int MeasuredIterations = 11;

        public static int Main(string[] args)
        {
            string output = Argument(args, "--out") ?? "core-results.json";
            string artifacts = Argument(args, "--artifacts") ?? "BenchmarkDotNet.Artifacts";
            try
            {
                IConfig config = ManualConfig.CreateEmpty()
                    .AddJob(Job.ShortRun
                        .WithIterationCount(MeasuredIterations)
                        .WithIterationTime(TimeInterval.FromMilliseconds(250))
                        .WithToolchain(InProcessEmitToolchain.Instance)
                        .WithId("Short-InProcess"))
                    .AddDiagnoser(MemoryDiagnoser.Default)
                    .AddColumnProvider(DefaultColumnProviders.Instance)
                    .AddLogger(ConsoleLogger.Default)
                    .AddExporter(MarkdownExporter.GitHub)
                    .AddValidator(JitOptimizationsValidator.FailOnError)
                    .WithArtifactsPath(artifacts);

                Summary summary = BenchmarkRunner.Run<SigningBenchmarks>(config);
                if (summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success))
                {
                    Console.Error.WriteLine("A benchmark failed; see the log above.");
                    return 1;
                }

                var benchmarks = new Dictionary<string, object>();
                foreach (BenchmarkReport report in summary.Reports)
                {
                    double medianNanoseconds = report.ResultStatistics!.Median;
                    benchmarks[report.BenchmarkCase.Descriptor.WorkloadMethod.Name] = new
                    {
                        medianNanoseconds,
                        perSecond = 1e9 / medianNanoseconds,
                        standardErrorNanoseconds = report.ResultStatistics.StandardError,
                        allocatedBytesPerOperation = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
                    };
                }

                SigningBenchmarks paired = new SigningBenchmarks();
                paired.Setup();
                var pairedToRaw = new
                {
                    corePromotionalOffer = PairedRatio.Measure(paired.RawSignData, paired.CorePromotionalOffer),
                    coreLegacySignature = PairedRatio.Measure(paired.RawSignData, paired.CoreLegacySignature),
                };
                paired.Cleanup();

                var result = new
                {
                    runtime = Environment.Version.ToString(),
                    processorCount = Environment.ProcessorCount,
                    signingInputBytes = BenchFixture.SigningInput.Length,
                    benchmarks,
                    pairedToRaw,
                };
                File.WriteAllText(output, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            finally
            {
                BenchFixture.Delete();
            }
        }

        private static string? Argument(string[] args, string name)
        {
            int index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }
    }
}
