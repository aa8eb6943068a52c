namespace CrazyTrain.Pipeline.Benchmarks.Tests;

/// <summary>
/// The soak reads each service's GC from outside, over its diagnostics socket. The test host is a .NET process like
/// the services, so the same session is opened on it: the heap after the last collection must arrive from the
/// runtime's GC events and agree with what the runtime itself reports.
/// </summary>
public sealed class GcHeapCountersTests
{
    [Fact]
    public void The_heap_after_the_last_collection_comes_from_the_runtimes_GC_events()
    {
        using var counters = new GcHeapCounters(new Dictionary<string, int> { ["tests"] = Environment.ProcessId }, intervalSeconds: 1);

        // EventPipe delivers in batches: collect until one collection's heap stats have come through (at most ~30 s).
        double? afterLastCollection = null;
        for (var attempt = 0; attempt < 300 && afterLastCollection is null; attempt++)
        {
            GC.Collect();
            Thread.Sleep(100);
            afterLastCollection = counters.HeapAfterLastCollectionMiB("tests");
        }

        Assert.NotNull(afterLastCollection);
        // GC.Collect() is a full (gen 2) collection: the live heap comes through the same events, told apart by GCEnd's depth.
        var afterLastFull = counters.HeapAfterLastFullCollectionMiB("tests");
        Assert.NotNull(afterLastFull);
        GC.Collect(0);
        var runtime = GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024);
        // Collections keep coming while the events travel; the two agree in size, not to the byte.
        Assert.InRange(afterLastCollection.Value, runtime / 2, runtime * 2);
        Assert.InRange(afterLastFull.Value, runtime / 2, runtime * 2);
    }
}
