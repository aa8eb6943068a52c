using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// Each service's GC heap as <c>dotnet-counters</c> sees it: an EventPipe session on the process's diagnostics
/// socket with the runtime's <c>System.Runtime</c> counters (<c>gc-heap-size</c>, MB, and <c>gc-committed</c>, the
/// memory the GC holds from the OS, which is what the resident size sees), the newest value kept per service.
/// <c>gc-heap-size</c> is <c>GC.GetTotalMemory(false)</c>: what survived the last collection plus everything allocated
/// since, a sawtooth whose height says where between two collections the sample fell. What survives is the heap size
/// at the end of the last collection, which the same session reads from the runtime's GC events (<c>GCHeapStats</c>,
/// the sum of the generations after each collection: what <c>GC.GetGCMemoryInfo().HeapSizeBytes</c> and the
/// <c>dotnet.gc.last_collection.heap.size</c> metric report), and what of that heap is objects from the per-heap history
/// (<c>GCPerHeapHistory</c>: each generation's size after the collection less its free list and free objects, the space a
/// background collection sweeps without compacting). Nothing is changed in the services; a process that refuses the
/// session is reported as unknown.
/// </summary>
internal sealed class GcHeapCounters : IDisposable
{
    private const string HeapSize = "gc-heap-size";
    private const string Committed = "gc-committed";
    private const string AfterLastCollection = "heap after the last GC";
    private const string AfterLastFullCollection = "heap after the last full GC";
    private const string LiveAfterLastFullCollection = "survivors of the last full GC";
    private readonly Dictionary<string, int> _lastDepth = [];
    private readonly Dictionary<string, double> _objects = [];
    private readonly Dictionary<(string Service, string Counter), double> _latest = [];
    private readonly List<(EventPipeSession Session, Task Reading)> _sessions = [];
    private readonly Lock _gate = new();

    public GcHeapCounters(IReadOnlyDictionary<string, int> processes, int intervalSeconds)
    {
        foreach (var (service, pid) in processes)
        {
            try
            {
                var session = new DiagnosticsClient(pid).StartEventPipeSession(
                    [
                        new EventPipeProvider("System.Runtime", EventLevel.Informational, (long)EventKeywords.None, new Dictionary<string, string>
                        {
                            ["EventCounterIntervalSec"] = intervalSeconds.ToString(CultureInfo.InvariantCulture),
                        }),
                        // The GC's own events at Informational: a handful per collection (start, end, heap stats), no allocation ticks.
                        new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC),
                    ],
                    requestRundown: false);
                var source = new EventPipeEventSource(session.EventStream);
                source.Dynamic.All += data => OnEvent(service, data);
                // GCEnd (GCStop here) names the generation collected; the heap stats that follow it are that collection's.
                source.Clr.GCStop += data => { lock (_gate) { _lastDepth[service] = data.Depth; } };
                // Per heap and generation, after the collection: the objects alone, without the free list and free objects
                // (what GC.GetGCMemoryInfo calls fragmentation). It comes before the collection's heap stats.
                source.Clr.GCPerHeapHistory += data => AddObjects(service, data);
                source.Clr.GCHeapStats += data => KeepAfterCollection(service, data.TotalHeapSize);
                _sessions.Add((session, Task.Run(() => source.Process())));
            }
            catch (Exception exception) when (exception is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException)
            {
                Console.Error.WriteLine($"GC heap of {service} (pid {pid}) not available: {exception.Message}");
            }
        }
    }

    /// <summary>The newest GC heap size of <paramref name="service"/> in MiB, or null before the first report.</summary>
    public double? HeapMiB(string service) => Latest(service, HeapSize);

    /// <summary>
    /// The GC heap of <paramref name="service"/> at the end of its latest collection, in MiB (what survived it), or null
    /// before the first collection seen.
    /// </summary>
    public double? HeapAfterLastCollectionMiB(string service) => Latest(service, AfterLastCollection);

    /// <summary>
    /// The GC heap of <paramref name="service"/> at the end of its latest full (gen 2) collection, in MiB: what the process
    /// really holds. After a gen 0 or 1 collection the heap still carries what died in gen 2 since the last full one, so
    /// that value climbs between full collections and drops at each, with no leak at all. Null before the first one.
    /// </summary>
    public double? HeapAfterLastFullCollectionMiB(string service) => Latest(service, AfterLastFullCollection);

    /// <summary>
    /// What survived the latest full (gen 2) collection of <paramref name="service"/>, in MiB: the objects alone, without
    /// the free space between them that a background collection (which sweeps and does not compact) leaves in the heap
    /// and that later allocations reuse. The heap after that collection is this plus that free space. Null before the first.
    /// </summary>
    public double? LiveAfterLastFullCollectionMiB(string service) => Latest(service, LiveAfterLastFullCollection);

    /// <summary>The newest GC committed size of <paramref name="service"/> in MiB, or null before the first report.</summary>
    public double? CommittedMiB(string service) => Latest(service, Committed);

    private double? Latest(string service, string counter)
    {
        lock (_gate)
        {
            return _latest.TryGetValue((service, counter), out var mib) ? mib : null;
        }
    }

    private void OnEvent(string service, TraceEvent data)
    {
        if (data.EventName != "EventCounters"
            || data.PayloadValue(0) is not IDictionary<string, object> wrapper
            || wrapper.TryGetValue("Payload", out var inner) is false
            || inner is not IDictionary<string, object> counter
            || !counter.TryGetValue("Name", out var name)
            || name is not (HeapSize or Committed))
        {
            return;
        }

        // Both are polling counters in MB (10^6 bytes); reported here in MiB like the resident size.
        Keep(service, (string)name, Convert.ToDouble(counter["Mean"], CultureInfo.InvariantCulture) * 1e6);
    }

    private void AddObjects(string service, GCPerHeapHistoryTraceData data)
    {
        var objects = 0.0;
        for (var gen = Gens.Gen0; gen <= Gens.GenPinObj && (int)gen < data.EntriesInGenData; gen++)
        {
            objects += data.GenData(gen).ObjSizeAfter;
        }

        lock (_gate)
        {
            // Server GC sends one per heap: they add up until the collection's heap stats.
            _objects[service] = _objects.GetValueOrDefault(service) + objects;
        }
    }

    private void KeepAfterCollection(string service, double bytes)
    {
        Keep(service, AfterLastCollection, bytes);
        bool full;
        double? objects;
        lock (_gate)
        {
            full = _lastDepth.GetValueOrDefault(service) == 2;
            objects = _objects.Remove(service, out var o) ? o : null;
        }

        if (full)
        {
            Keep(service, AfterLastFullCollection, bytes);
            if (objects is { } alive)
            {
                // A gen 2 collection condemns every generation: the objects left in them are everything alive.
                Keep(service, LiveAfterLastFullCollection, alive);
            }
        }
    }

    private void Keep(string service, string what, double bytes)
    {
        lock (_gate)
        {
            _latest[(service, what)] = Math.Round(bytes / (1024 * 1024), 1);
        }
    }

    public void Dispose()
    {
        foreach (var (session, reading) in _sessions)
        {
            try
            {
                session.Stop();
                reading.Wait(TimeSpan.FromSeconds(5));
            }
            catch (Exception exception) when (exception is ServerNotAvailableException or IOException or System.Net.Sockets.SocketException or AggregateException or TimeoutException)
            {
                // The service may already be gone at the end of the run.
            }

            session.Dispose();
        }
    }
}
