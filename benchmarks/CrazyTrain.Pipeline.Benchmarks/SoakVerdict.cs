using System.Globalization;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// Issue 16's soak criteria, judged from the samples: "memory flat within 10 % after the first minute" (each
/// service's resident size and, where read, its GC heap: the peak of the last minute against the peak of the minute
/// after the first; peaks, because a GC heap is a sawtooth between collections and any one sample of it says only
/// where in the tooth it was taken) and "zero growing lag" (for each watched consumer group, the smallest lag of the last
/// minute is not above the largest of the first minute: auto-commit every 5 s makes the lag jump by up to 5 s of
/// messages, so only a lag whose best moment at the end is worse than the worst at the start is growing).
/// </summary>
internal sealed record SoakVerdict(bool Passed, IReadOnlyList<string> Reasons)
{
    public const double MemoryTolerancePercent = 10;
    private const double Minute = 60;

    public static SoakVerdict Judge(IReadOnlyList<MemorySample> memory, IReadOnlyList<LagSample> lag)
    {
        var reasons = new List<string>();
        var passed = true;
        void Check(bool ok, string reason)
        {
            passed &= ok;
            reasons.Add((ok ? "ok: " : "FAIL: ") + reason);
        }

        var c = CultureInfo.InvariantCulture;
        foreach (var service in memory.GroupBy(sample => sample.Service))
        {
            foreach (var (what, values) in new[]
                     {
                         ("resident", service.Select(s => (s.Seconds, (double?)s.ResidentMiB))),
                         ("GC heap", service.Select(s => (s.Seconds, s.GcHeapMiB))),
                     })
            {
                if (GrowthAfterFirstMinute(values) is { } growth)
                {
                    var owners = what == "resident" && growth > MemoryTolerancePercent ? GrowthByOwner(service.ToList()) : "";
                    Check(growth <= MemoryTolerancePercent, string.Create(c, $"{service.Key} {what} peak of the last minute {growth:+0.0;-0.0} % against the second minute's (limit {MemoryTolerancePercent} %){owners}"));
                }
                else
                {
                    Check(false, $"{service.Key} {what}: the run is shorter than three minutes or has no samples in the second or the last minute");
                }
            }
        }

        foreach (var group in lag.GroupBy(sample => $"{sample.Group} on {sample.Topic}"))
        {
            var end = group.Max(sample => sample.Seconds);
            var first = group.Where(sample => sample.Seconds <= Minute).Select(sample => sample.Lag).DefaultIfEmpty().Max();
            var last = group.Where(sample => sample.Seconds >= end - Minute).Select(sample => sample.Lag).DefaultIfEmpty().Min();
            Check(end > Minute && last <= first, string.Create(c, $"lag of {group.Key}: smallest in the last minute {last}, largest in the first {first} messages"));
        }

        if (!lag.Any())
        {
            Check(false, "no lag samples");
        }

        return new SoakVerdict(passed, reasons);
    }

    /// <summary>
    /// Where a resident size grew: the owners of its memory (<see cref="NativeMemoryMap"/>, the GC's committed size) in
    /// the last minute's largest sample against the second minute's, largest change first; empty without a breakdown.
    /// </summary>
    private static string GrowthByOwner(List<MemorySample> samples)
    {
        var end = samples.Max(sample => sample.Seconds);
        var settled = samples.Where(sample => sample.Seconds >= Minute && sample.Seconds < 2 * Minute && sample.Breakdown is not null).MaxBy(sample => sample.ResidentMiB);
        var last = samples.Where(sample => sample.Seconds > end - Minute && sample.Breakdown is not null).MaxBy(sample => sample.ResidentMiB);
        if (settled?.Breakdown is not { } from || last?.Breakdown is not { } to)
        {
            return "";
        }

        var changes = new (string Owner, double MiB)[]
        {
            ("malloc arenas", to.MallocArenasMiB - from.MallocArenasMiB),
            ("main malloc heap", to.MainHeapMiB - from.MainHeapMiB),
            ("GC committed", (last.GcCommittedMiB ?? 0) - (settled.GcCommittedMiB ?? 0)),
            ("JIT code", to.CodeMiB - from.CodeMiB),
            ("mapped files", to.FilesMiB - from.FilesMiB),
            ("other anonymous (GC regions among it)", to.OtherAnonymousMiB - from.OtherAnonymousMiB),
        };
        return ": " + string.Join(", ", changes.OrderByDescending(change => Math.Abs(change.MiB))
            .Select(change => string.Create(CultureInfo.InvariantCulture, $"{change.Owner} {change.MiB:+0.0;-0.0} MiB")));
    }

    /// <summary>
    /// Peak of the last minute against the peak of the second minute (60-120 s), in %; null when either minute has no
    /// sample or the run is shorter than three minutes (the two windows would overlap).
    /// </summary>
    public static double? GrowthAfterFirstMinute(IEnumerable<(double Seconds, double? Value)> samples)
    {
        var known = samples.Where(sample => sample.Value is not null).Select(sample => (sample.Seconds, Value: sample.Value!.Value)).ToList();
        if (known.Count == 0)
        {
            return null;
        }

        var end = known.Max(sample => sample.Seconds);
        var settled = known.Where(sample => sample.Seconds >= Minute && sample.Seconds < 2 * Minute).Select(sample => sample.Value).ToList();
        var last = known.Where(sample => sample.Seconds > end - Minute).Select(sample => sample.Value).ToList();
        return end < 3 * Minute || settled.Count == 0 || last.Count == 0 || settled.Max() <= 0
            ? null
            : Math.Round(100 * (last.Max() - settled.Max()) / settled.Max(), 1);
    }
}
