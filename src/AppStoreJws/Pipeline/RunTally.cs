using System.Diagnostics;
using System.Globalization;

namespace AppStoreJws.Pipeline
{
    /// <summary>
    /// Counts a bulk run's results and failures, shows progress once the run has lasted a while, and closes a run that
    /// had failures with one warning that counts them. The clock is read once every 64 rows and progress written at most
    /// twice a second, so a run pays for progress far less than 1% of its time.
    /// </summary>
    internal sealed class RunTally
    {
        private const long FirstProgressAfterMilliseconds = 2000;
        private const long ProgressIntervalMilliseconds = 500;
        private const int RowsBetweenClockReads = 64;

        private readonly Cmdlet cmdlet;
        private readonly string noun;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly int activityId;
        private long nextProgress = FirstProgressAfterMilliseconds;
        private long succeeded;
        private long failed;
        private bool progressShown;

        public RunTally(Cmdlet cmdlet, string noun)
        {
            this.cmdlet = cmdlet;
            this.noun = noun;
            activityId = cmdlet.GetType().Name.GetHashCode() & 0x7FFFFFFF;
        }

        public void Succeeded()
        {
            succeeded++;
            Tick();
        }

        public void Failed()
        {
            failed++;
            Tick();
        }

        /// <summary>Ends the progress bar and, when rows failed, warns once with the counts.</summary>
        public void Finish()
        {
            if (progressShown)
            {
                cmdlet.WriteProgress(new ProgressRecord(activityId, Activity, Status()) { RecordType = ProgressRecordType.Completed });
            }

            if (failed > 0 && succeeded + failed > 1)
            {
                cmdlet.WriteWarning(string.Format(CultureInfo.CurrentCulture,
                    "Signed {0:N0}, refused {1:N0}: the refused rows are in the errors above (collect them with -ErrorVariable; each error's TargetObject is its row).",
                    succeeded, failed));
            }
        }

        private string Activity => "Signing " + noun + "s";

        private void Tick()
        {
            if ((succeeded + failed) % RowsBetweenClockReads != 0)
            {
                return;
            }

            long now = clock.ElapsedMilliseconds;
            if (now < nextProgress)
            {
                return;
            }

            nextProgress = now + ProgressIntervalMilliseconds;
            progressShown = true;
            cmdlet.WriteProgress(new ProgressRecord(activityId, Activity, Status()));
        }

        private string Status()
        {
            double seconds = clock.Elapsed.TotalSeconds;
            return string.Format(CultureInfo.CurrentCulture, "{0:N0} signed, {1:N0} refused ({2:N0} rows/s)",
                succeeded, failed, seconds > 0 ? (succeeded + failed) / seconds : 0);
        }
    }
}
