using System;
using System.Diagnostics;
using System.Linq;

namespace AppStoreJws.Benchmarks
{
    /// <summary>
    /// The ratio of two rates measured in alternating short blocks. BenchmarkDotNet times one benchmark after
    /// another, so on a shared machine a burst of load from another process can fall on one side of a ratio only;
    /// here each block of the candidate is divided by the baseline block just before it, and the median is kept.
    /// </summary>
    internal static class PairedRatio
    {
        public static double Measure(Func<object?> baseline, Func<object?> candidate, int pairs = 15, double blockMilliseconds = 200)
        {
            int operations = Calibrate(baseline, blockMilliseconds);
            Time(candidate, operations);
            double[] ratios = new double[pairs];
            for (int i = 0; i < pairs; i++)
            {
                double baselineSeconds = Time(baseline, operations);
                ratios[i] = baselineSeconds / Time(candidate, operations);
            }

            return ratios.OrderBy(ratio => ratio).ElementAt(pairs / 2);
        }

        private static int Calibrate(Func<object?> action, double blockMilliseconds)
        {
            const int Probe = 1000;
            Time(action, Probe);
            double secondsPerOperation = Time(action, Probe) / Probe;
            return Math.Max(1, (int)(blockMilliseconds / 1000 / secondsPerOperation));
        }

        private static double Time(Func<object?> action, int operations)
        {
            Stopwatch clock = Stopwatch.StartNew();
            for (int i = 0; i < operations; i++)
            {
                action();
            }

            return clock.Elapsed.TotalSeconds;
        }
    }
}
