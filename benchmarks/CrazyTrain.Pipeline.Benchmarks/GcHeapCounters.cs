using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// Each service's GC heap as <c>dotnet-counters</c> sees it: an EventPipe session on the process's diagnostics
/// socket with the runtime's <c>System.Runtime</c> counters (<c>gc-heap-size</c>, MB, and <c>gc-committed</c>, the
/// memory the GC holds from the OS, which is what the resident size sees), the newest value kept per service. Nothing is changed in the services; a process that refuses the session is reported as unknown.
/// </summary>
internal sealed class GcHeapCounters : IDisposable
{
    private const string HeapSize = "gc-heap-size";
    private const string Committed = "gc-committed";
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
                    new EventPipeProvider("System.Runtime", EventLevel.Informational, (long)EventKeywords.None, new Dictionary<string, string>
                    {
                        ["EventCounterIntervalSec"] = intervalSeconds.ToString(CultureInfo.InvariantCulture),
                    }),
                    requestRundown: false);
                var source = new EventPipeEventSource(session.EventStream);
                source.Dynamic.All += data => OnEvent(service, data);
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
        var megabytes = Convert.ToDouble(counter["Mean"], CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _latest[(service, (string)name)] = Math.Round(megabytes * 1e6 / (1024 * 1024), 1);
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
