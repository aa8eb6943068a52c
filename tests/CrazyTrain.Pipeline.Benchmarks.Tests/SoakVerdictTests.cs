namespace CrazyTrain.Pipeline.Benchmarks.Tests;

/// <summary>
/// The soak's verdict on synthetic ten-minute runs sampled every 10 s, as the soak samples: what passes, what fails,
/// and that the reasons carry the raw numbers.
/// </summary>
public sealed class SoakVerdictTests
{
    private static readonly double[] TenMinutes = [.. Enumerable.Range(0, 61).Select(step => step * 10.0)];

    [Fact]
    public void A_GC_heap_sawtooth_whose_sampled_peaks_rise_passes_when_what_survives_collections_stays_flat()
    {
        // The quiet-box soak's inference: gc-heap-size between 28 and 47 MiB, the last minute's sampled peak 11 % above
        // the baseline's, while every collection leaves the same 20 MiB.
        var memory = Service("inference", resident: _ => 250, heap: s => Tooth(s, low: 28, high: s > 540 ? 47 : 42), survived: _ => 20);

        var verdict = SoakVerdict.Judge(memory, FlatLag());

        Assert.True(verdict.Passed, string.Join("\n", verdict.Reasons));
        var heap = Assert.Single(verdict.Reasons, reason => reason.Contains("GC heap", StringComparison.Ordinal));
        Assert.StartsWith("ok: ", heap, StringComparison.Ordinal);
        Assert.Contains("raw gc-heap-size peaks 42.0 -> 47.0 MiB (+11.9 %", heap, StringComparison.Ordinal);
    }

    [Fact]
    public void A_GC_heap_whose_floor_after_collections_rises_more_than_10_percent_fails()
    {
        // A leak: from the third minute on each collection leaves 3.4 MiB more behind, while the sampled peaks stay put.
        var memory = Service("controller", resident: _ => 150, heap: s => Tooth(s, low: 30, high: 40), survived: s => s < 120 ? 20 : 23.4);

        var verdict = SoakVerdict.Judge(memory, FlatLag());

        Assert.False(verdict.Passed);
        var heap = Assert.Single(verdict.Reasons, reason => reason.Contains("GC heap after collections", StringComparison.Ordinal));
        Assert.StartsWith("FAIL: ", heap, StringComparison.Ordinal);
        Assert.Contains("lowest of the last minute 23.4 MiB against 20.0 in the minute after the warm-up, +17.0 %", heap, StringComparison.Ordinal);
        Assert.Contains("raw gc-heap-size peaks 40.0 -> 40.0 MiB (+0.0 %", heap, StringComparison.Ordinal);
    }

    [Fact]
    public void Gen_2_garbage_awaiting_a_full_collection_passes_when_what_full_collections_leave_stays_flat()
    {
        // The 2026-12-05 soak's console: after gen 0/1 collections the heap climbs 16 -> 21 MiB over four minutes (what died
        // in gen 2 stays until the next full collection), and every full collection leaves 16.3-16.4 MiB.
        var memory = Service("console", resident: _ => 160, heap: _ => 30, survived: s => 16.3 + (s % 240) / 48, full: s => s < 40 ? null : s < 300 ? 16.3 : 16.4);

        var verdict = SoakVerdict.Judge(memory, FlatLag());

        Assert.True(verdict.Passed, string.Join("\n", verdict.Reasons));
        var heap = Assert.Single(verdict.Reasons, reason => reason.Contains("GC heap", StringComparison.Ordinal));
        Assert.StartsWith("ok: console GC heap after full collections: 16.4 MiB in the last minute against 16.3", heap, StringComparison.Ordinal);
        Assert.Contains("after any collection the floor went", heap, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heap_that_full_collections_leave_ever_larger_fails()
    {
        var memory = Service("inference", resident: _ => 250, heap: _ => 40, survived: _ => 30, full: s => 30 + s / 100);

        var verdict = SoakVerdict.Judge(memory, FlatLag());

        Assert.False(verdict.Passed);
        var heap = Assert.Single(verdict.Reasons, reason => reason.Contains("GC heap", StringComparison.Ordinal));
        Assert.StartsWith("FAIL: inference GC heap after full collections: 36.0 MiB in the last minute against 30.6", heap, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_space_a_background_collection_leaves_is_reported_but_the_objects_that_survive_are_judged()
    {
        // The second soak's console: the heap after background full collections went 16.3 -> 22.3 MiB while what they
        // left alive stayed near 12 MiB; the difference is swept free space the next allocations reuse.
        var memory = Service("console", resident: _ => 160, heap: _ => 30, survived: _ => 20,
            full: s => s < 40 ? null : 16.3 + s / 100, live: s => s < 40 ? null : 12.0 + (s % 120) / 200);

        var verdict = SoakVerdict.Judge(memory, FlatLag());

        Assert.True(verdict.Passed, string.Join("\n", verdict.Reasons));
        var heap = Assert.Single(verdict.Reasons, reason => reason.Contains("GC heap", StringComparison.Ordinal));
        Assert.StartsWith("ok: console GC heap, objects surviving full collections: 12.", heap, StringComparison.Ordinal);
        Assert.Contains("the heap after them, with the free space between survivors", heap, StringComparison.Ordinal);
        Assert.Contains("not judged", heap, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_that_full_collections_leave_ever_more_of_fail_even_when_the_heap_after_them_looks_flat()
    {
        // A leak filling swept free space: the heap after full collections stays at 30 MiB, the survivors grow 20 -> 25.
        var memory = Service("controller", resident: _ => 150, heap: _ => 40, survived: _ => 30, full: _ => 30, live: s => 20 + s / 120);

        var verdict = SoakVerdict.Judge(memory, FlatLag());

        Assert.False(verdict.Passed);
        var heap = Assert.Single(verdict.Reasons, reason => reason.Contains("GC heap", StringComparison.Ordinal));
        Assert.StartsWith("FAIL: controller GC heap, objects surviving full collections: 25.0 MiB in the last minute against 20.5", heap, StringComparison.Ordinal);
    }

    [Fact]
    public void Resident_growth_inside_the_warm_up_is_not_judged_but_growth_after_it_is()
    {
        var warmingUp = Service("capture", resident: s => s < 60 ? 140 + s / 2 : 170, heap: _ => 30, survived: _ => 20);
        var growing = Service("controller", resident: s => s < 60 ? 140 : 150 + (s - 60) / 540 * 20, heap: _ => 30, survived: _ => 20);

        var flat = SoakVerdict.Judge(warmingUp, FlatLag());
        var grew = SoakVerdict.Judge(growing, FlatLag());

        Assert.True(flat.Passed, string.Join("\n", flat.Reasons));
        Assert.False(grew.Passed);
        // 150 + 50/540*20 = 151.9 at 110 s; 170 at the end: +11.9 %.
        Assert.Contains(grew.Reasons, reason => reason.StartsWith("FAIL: controller resident: peak of the last minute 170.0 MiB against 151.9", StringComparison.Ordinal)
            && reason.Contains("+11.9 %", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_resident_size_names_the_owners_that_grew()
    {
        var memory = Service("controller", resident: s => s < 120 ? 152 : 173, heap: _ => 30, survived: _ => 20)
            .Select(sample => sample with
            {
                GcCommittedMiB = 37,
                Breakdown = new MemoryBreakdown(sample.ResidentMiB < 160 ? 19.7 : 31.5, 7, 3, 27, 78, 30),
            })
            .ToList();

        var verdict = SoakVerdict.Judge(memory, FlatLag());

        Assert.Contains(verdict.Reasons, reason => reason.StartsWith("FAIL: controller resident", StringComparison.Ordinal)
            && reason.Contains(": malloc arenas +11.8 MiB", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_shorter_than_three_minutes_fails_for_want_of_a_baseline()
    {
        var memory = Service("console", resident: _ => 160, heap: _ => 30, survived: _ => 20).Where(sample => sample.Seconds < 170).ToList();

        var verdict = SoakVerdict.Judge(memory, FlatLag());

        Assert.False(verdict.Passed);
        Assert.Contains("FAIL: console resident: the run is shorter than three minutes", verdict.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_lag_is_not_growing_and_a_growing_one_fails()
    {
        var memory = Service("inference", resident: _ => 250, heap: _ => 30, survived: _ => 20);
        LagSample[] growing = [.. TenMinutes.Select(s => new LagSample("CrazyTrain.Inference", "train.frames", s, (long)(s / 2)))];

        Assert.True(SoakVerdict.Judge(memory, FlatLag(lag: 100)).Passed);
        var verdict = SoakVerdict.Judge(memory, growing);
        Assert.False(verdict.Passed);
        Assert.Contains("FAIL: lag of CrazyTrain.Inference on train.frames: smallest in the last minute 270, largest in the first 30 messages", verdict.Reasons);
    }

    [Fact]
    public void A_service_without_GC_events_fails_rather_than_passing_unjudged()
    {
        var memory = Service("twin", resident: _ => 120, heap: _ => 30, survived: _ => null);

        var verdict = SoakVerdict.Judge(memory, FlatLag());

        Assert.False(verdict.Passed);
        Assert.Contains(verdict.Reasons, reason => reason.StartsWith("FAIL: twin GC heap after collections: the run is shorter", StringComparison.Ordinal));
    }

    /// <summary>A sawtooth sampled every 10 s: the sample's place in a 30 s tooth decides its height.</summary>
    private static double Tooth(double seconds, double low, double high) => low + (high - low) * (seconds % 30) / 20;

    private static List<MemorySample> Service(
        string name, Func<double, double> resident, Func<double, double> heap, Func<double, double?> survived, Func<double, double?>? full = null, Func<double, double?>? live = null) =>
        [.. TenMinutes.Select(s => new MemorySample(
            name, s, Math.Round(resident(s), 1), Math.Round(heap(s), 1),
            GcHeapAfterLastCollectionMiB: survived(s) is { } v ? Math.Round(v, 1) : null,
            GcHeapAfterLastFullCollectionMiB: full?.Invoke(s) is { } f ? Math.Round(f, 1) : null,
            GcLiveAfterLastFullCollectionMiB: live?.Invoke(s) is { } l ? Math.Round(l, 1) : null))];

    private static LagSample[] FlatLag(long lag = 2) =>
        [.. TenMinutes.Select(s => new LagSample("CrazyTrain.Inference", "train.frames", s, lag))];
}
