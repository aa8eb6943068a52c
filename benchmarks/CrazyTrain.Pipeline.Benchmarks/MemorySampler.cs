using System.Globalization;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// Resident memory (VmRSS, the working set) of each service process this run started, read from /proc. The
/// services are found among this process's descendants by their assembly name, so other people's copies of
/// the train on a shared machine are never measured. GC heap sizes are inside the processes (dashboard metric
/// <c>dotnet.gc.heap.size</c>), not visible from here.
/// </summary>
internal sealed class MemorySampler(IReadOnlyList<string> services)
{
    private readonly List<MemorySample> _samples = [];

    public IReadOnlyList<MemorySample> Samples => _samples;

    public void Sample(TimeSpan sinceStart)
    {
        var ours = Descendants(Environment.ProcessId);
        foreach (var service in services)
        {
            var assembly = $"CrazyTrain.{char.ToUpperInvariant(service[0])}{service[1..]}";
            var pid = ours.FirstOrDefault(candidate => CommandLine(candidate).Contains(assembly, StringComparison.Ordinal));
            if (pid != 0 && ResidentMiB(pid) is { } mib)
            {
                _samples.Add(new MemorySample(service, Math.Round(sinceStart.TotalSeconds, 1), mib));
            }
        }
    }

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        bool IsOurs(int pid)
        {
            for (var depth = 0; depth < 16 && parents.TryGetValue(pid, out var parent); depth++, pid = parent)
            {
                if (parent == root)
                {
                    return true;
                }
            }

            return false;
        }

        return parents.Keys.Where(IsOurs).ToList();
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
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

internal sealed record MemorySample(string Service, double Seconds, double ResidentMiB);
