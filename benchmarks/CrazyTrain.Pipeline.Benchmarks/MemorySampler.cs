using System.Globalization;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// Resident memory (VmRSS, the working set) of each service process this run started, read from /proc. The
/// orchestrator starts the services detached from this process, so they are found by their build output
/// under this repository (<c>src/CrazyTrain.Capture/bin/...</c>): other people's copies of the train on a
/// shared machine run from other folders and are never measured. The GC heap comes from inside each process
/// and the GC's committed memory come from inside each process (<see cref="GcHeapCounters"/>), null where they are not
/// known; where the rest lives from the process's mappings (<see cref="NativeMemoryMap"/>).
/// </summary>
internal sealed class MemorySampler(string repositoryRoot, IReadOnlyList<string> services, GcHeapCounters? heaps = null)
{
    private readonly List<MemorySample> _samples = [];

    public IReadOnlyList<MemorySample> Samples => _samples;

    public void Sample(TimeSpan sinceStart)
    {
        foreach (var (service, pid) in Processes(repositoryRoot, services))
        {
            if (ResidentMiB(pid) is { } mib)
            {
                _samples.Add(new MemorySample(
                    service, Math.Round(sinceStart.TotalSeconds, 1), mib, heaps?.HeapMiB(service), heaps?.CommittedMiB(service), NativeMemoryMap.Read(pid), heaps?.HeapAfterLastCollectionMiB(service), heaps?.HeapAfterLastFullCollectionMiB(service),
                    heaps?.LiveAfterLastFullCollectionMiB(service)));
            }
        }
    }

    /// <summary>The process id of each service this run started, found by its build output under the repository.</summary>
    public static Dictionary<string, int> Processes(string repositoryRoot, IReadOnlyList<string> services)
    {
        var processes = Directory.EnumerateDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, CommandLine: CommandLine(pid)))
            .ToList();
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var output = Path.Combine(repositoryRoot, "src", $"CrazyTrain.{char.ToUpperInvariant(service[0])}{service[1..]}", "bin") + "/";
            var process = processes.FirstOrDefault(candidate => candidate.CommandLine.StartsWith(output, StringComparison.Ordinal));
            if (process.Pid != 0)
            {
                found[service] = process.Pid;
            }
        }

        return found;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static double? ResidentMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0, 1);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// One service at one moment. <see cref="GcHeapMiB"/> is the runtime's <c>gc-heap-size</c> (live plus allocated since the
/// last collection: a sawtooth); <see cref="GcHeapAfterLastCollectionMiB"/> is what survived the latest collection and
/// <see cref="GcHeapAfterLastFullCollectionMiB"/> the heap after the latest full one, <see cref="GcLiveAfterLastFullCollectionMiB"/>
/// the objects that survived it (the heap less the free space a background collection leaves between them).
/// </summary>
internal sealed record MemorySample(
    string Service,
    double Seconds,
    double ResidentMiB,
    double? GcHeapMiB = null,
    double? GcCommittedMiB = null,
    MemoryBreakdown? Breakdown = null,
    double? GcHeapAfterLastCollectionMiB = null,
    double? GcHeapAfterLastFullCollectionMiB = null,
    double? GcLiveAfterLastFullCollectionMiB = null);
