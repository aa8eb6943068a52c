using System.Globalization;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// Issue 16's soak criteria, judged from the samples: "memory flat within 10 % after the first minute" and "zero growing
/// lag". The first minute of the measured window is the warm-up (<see cref="WarmUpSeconds"/>); the minute after it is
/// the baseline, and the last minute is held against it:
/// <list type="bullet">
/// <item>resident size: the last minute's peak against the baseline's peak (it does not fall back between samples,
/// so its peak is where it stands);</item>
/// <item>GC heap: the objects full (gen 2) collections leave alive, the last minute's highest against the baseline's
/// lowest. After a gen 0 or 1 collection the heap still holds gen 2 garbage awaiting the next full one, the raw
/// <c>gc-heap-size</c> is a sawtooth (what survived plus what was allocated since), and the heap after a background full
/// collection also counts the free space it swept between survivors without compacting, which varies with where the
/// garbage lay; none of them says whether the heap grows, and a leak raises what every full collection leaves alive.
/// Without survivor counts the heap after full collections is judged, and with no full collection in a window the lowest
/// heap after any collection (both err towards failing). The other measures are reported beside it, not judged;</item>
/// <item>lag, per watched consumer group: the smallest of the last minute is not above the largest of the first minute
/// (the committed offset moves with the auto-commit, so only a lag whose best moment at the end is worse than the
/// worst at the start is growing).</item>
/// </list>
/// </summary>
internal sealed record SoakVerdict(bool Passed, IReadOnlyList<string> Reasons)
{
    public const double MemoryTolerancePercent = 10;

    /// <summary>The warm-up the issue allows: the first minute of the measured window is not judged.</summary>
    public const double WarmUpSeconds = 60;

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
            if (MinuteWindows.Of(service.Select(s => (s.Seconds, (double?)s.ResidentMiB))) is { } resident)
            {
                var growth = resident.PeakGrowthPercent;
                var owners = growth > MemoryTolerancePercent ? GrowthByOwner(service.ToList()) : "";
                Check(growth <= MemoryTolerancePercent, string.Create(c,
                    $"{service.Key} resident: peak of the last minute {resident.Last.Max():0.0} MiB against {resident.Settled.Max():0.0} in the minute after the {WarmUpSeconds:0} s warm-up, {growth:+0.0;-0.0} % (limit {MemoryTolerancePercent} %){owners}"));
            }
            else
            {
                Check(false, $"{service.Key} resident: {TooShort}");
            }

            var anyCollection = MinuteWindows.Of(service.Select(s => (s.Seconds, s.GcHeapAfterLastCollectionMiB)));
            var afterFull = MinuteWindows.Of(service.Select(s => (s.Seconds, s.GcHeapAfterLastFullCollectionMiB)));
            if (MinuteWindows.Of(service.Select(s => (s.Seconds, s.GcLiveAfterLastFullCollectionMiB))) is { } survivors)
            {
                // The objects full collections leave: the highest of the last minute against the lowest of the minute after
                // the warm-up, so a heap that grows between two full collections a minute apart shows.
                var growth = survivors.RiseGrowthPercent;
                var heap = afterFull is { } h
                    ? string.Create(c, $"; the heap after them, with the free space between survivors that a background collection sweeps but does not compact (reused by later allocations, its cost in the resident size), {h.Settled.Min():0.0} -> {h.Last.Max():0.0} MiB ({h.RiseGrowthPercent:+0.0;-0.0} %, not judged)")
                    : "";
                Check(growth <= MemoryTolerancePercent, string.Create(c,
                    $"{service.Key} GC heap, objects surviving full collections: {survivors.Last.Max():0.0} MiB in the last minute against {survivors.Settled.Min():0.0} in the minute after the warm-up, {growth:+0.0;-0.0} % (limit {MemoryTolerancePercent} %){heap}{Floor(anyCollection)}"));
            }
            else if (afterFull is { } live)
            {
                // No survivor counts (an older runtime): the heap after full collections, free space included, which errs towards failing.
                var growth = live.RiseGrowthPercent;
                Check(growth <= MemoryTolerancePercent, string.Create(c,
                    $"{service.Key} GC heap after full collections: {live.Last.Max():0.0} MiB in the last minute against {live.Settled.Min():0.0} in the minute after the warm-up, {growth:+0.0;-0.0} % (limit {MemoryTolerancePercent} %){Floor(anyCollection)}"));
            }
            else if (anyCollection is { } survived)
            {
                // No full collection before the end of the minute after the warm-up: the floor after any collection, which
                // errs towards failing (it still holds gen 2 garbage).
                var growth = survived.FloorGrowthPercent;
                var raw = MinuteWindows.Of(service.Select(s => (s.Seconds, s.GcHeapMiB))) is { } sawtooth
                    ? string.Create(c, $"; raw gc-heap-size peaks {sawtooth.Settled.Max():0.0} -> {sawtooth.Last.Max():0.0} MiB ({sawtooth.PeakGrowthPercent:+0.0;-0.0} %, a sawtooth, not judged)")
                    : "";
                Check(growth <= MemoryTolerancePercent, string.Create(c,
                    $"{service.Key} GC heap after collections: lowest of the last minute {survived.Last.Min():0.0} MiB against {survived.Settled.Min():0.0} in the minute after the warm-up, {growth:+0.0;-0.0} % (limit {MemoryTolerancePercent} %){raw}"));
            }
            else
            {
                Check(false, $"{service.Key} GC heap after collections: {TooShort}");
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

    private static string Floor(MinuteWindows? anyCollection) => anyCollection is { } any
        ? string.Create(CultureInfo.InvariantCulture, $"; after any collection the floor went {any.Settled.Min():0.0} -> {any.Last.Min():0.0} MiB ({any.FloorGrowthPercent:+0.0;-0.0} %, gen 2 garbage awaiting a full collection, not judged)")
        : "";

    private const string TooShort = "the run is shorter than three minutes or has no samples in the minute after the warm-up or in the last minute";

    /// <summary>
    /// Where a resident size grew: the owners of its memory (<see cref="NativeMemoryMap"/>, the GC's committed size) in
    /// the last minute's largest sample against the largest of the minute after the warm-up, largest change first; empty without a breakdown.
    /// </summary>
    private static string GrowthByOwner(List<MemorySample> samples)
    {
        var end = samples.Max(sample => sample.Seconds);
        var settled = samples.Where(sample => sample.Seconds >= WarmUpSeconds && sample.Seconds < WarmUpSeconds + Minute && sample.Breakdown is not null).MaxBy(sample => sample.ResidentMiB);
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
    /// Peak of the last minute against the peak of the minute after the warm-up, in % (the resident size's rule); null
    /// when <see cref="MinuteWindows.Of"/> has no windows.
    /// </summary>
    public static double? GrowthAfterFirstMinute(IEnumerable<(double Seconds, double? Value)> samples) =>
        MinuteWindows.Of(samples)?.PeakGrowthPercent;
}
