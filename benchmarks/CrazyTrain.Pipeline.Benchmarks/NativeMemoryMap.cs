using System.Globalization;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// Where a process's resident memory lives, from <c>/proc/PID/smaps</c>: a resident size that grows while the GC heap
/// stays flat is native or runtime memory, and the mapping it grows in names the owner. glibc's malloc puts each
/// secondary arena (the threads' own, librdkafka's broker threads among them) in a 64 MiB-aligned, 64 MiB mapping
/// whose unused tail is <c>---p</c>; the main arena is <c>[heap]</c>; .NET maps its JIT code and stubs through
/// <c>doublemapper</c> (W^X); files are libraries, assemblies and the model; the rest of the anonymous memory is the
/// GC's regions (its committed size comes from the runtime's counters), thread stacks and other runtime memory.
/// </summary>
internal static class NativeMemoryMap
{
    private const long ArenaSizeKb = 64 * 1024;

    /// <summary>The breakdown of <paramref name="pid"/>'s resident memory in MiB, or null when it cannot be read.</summary>
    public static MemoryBreakdown? Read(int pid)
    {
        try
        {
            return Classify(File.ReadLines($"/proc/{pid}/smaps"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static MemoryBreakdown Classify(IEnumerable<string> smaps)
    {
        var mappings = Parse(smaps);
        double arenas = 0, brk = 0, code = 0, files = 0, otherAnonymous = 0;
        var arenaCount = 0;
        for (var i = 0; i < mappings.Count; i++)
        {
            var m = mappings[i];
            if (m.Path == "[heap]")
            {
                brk += m.RssKb;
            }
            else if (m.Path.Contains("doublemapper", StringComparison.Ordinal) || (m.Path.Length == 0 && m.Permissions.Contains('x', StringComparison.Ordinal)))
            {
                code += m.RssKb;
            }
            else if (m.Path.StartsWith('/'))
            {
                files += m.RssKb;
            }
            else if (m.Path.Length == 0 && IsArena(mappings, i))
            {
                arenas += m.RssKb;
                arenaCount++;
            }
            else
            {
                otherAnonymous += m.RssKb;
            }
        }

        static double MiB(double kb) => Math.Round(kb / 1024, 1);
        return new MemoryBreakdown(MiB(arenas), arenaCount, MiB(brk), MiB(code), MiB(files), MiB(otherAnonymous));
    }

    /// <summary>A glibc arena heap: starts 64 MiB-aligned, read-write, and with the <c>---p</c> rest after it spans 64 MiB.</summary>
    private static bool IsArena(List<Mapping> mappings, int index)
    {
        var m = mappings[index];
        if (m.Start % (ArenaSizeKb * 1024) != 0 || !m.Permissions.StartsWith("rw", StringComparison.Ordinal))
        {
            return false;
        }

        var sizeKb = (m.End - m.Start) / 1024;
        if (sizeKb == ArenaSizeKb)
        {
            return true;
        }

        return index + 1 < mappings.Count
            && mappings[index + 1] is { Path.Length: 0, Permissions: "---p" } rest
            && rest.Start == m.End
            && (rest.End - m.Start) / 1024 == ArenaSizeKb;
    }

    private static List<Mapping> Parse(IEnumerable<string> smaps)
    {
        var mappings = new List<Mapping>();
        foreach (var line in smaps)
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var firstSpace = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && firstSpace > dash && !line.EndsWith(':') && IsHex(line.AsSpan(0, dash)))
            {
                // "start-end perms offset dev inode [path]"
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                mappings.Add(new Mapping(
                    long.Parse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    long.Parse(line.AsSpan(dash + 1, firstSpace - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    fields[1],
                    fields.Length > 5 ? fields[5].Trim() : ""));
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal) && mappings.Count > 0)
            {
                mappings[^1].RssKb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return mappings;
    }

    private static bool IsHex(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExcept("0123456789abcdef");

    private sealed record Mapping(long Start, long End, string Permissions, string Path)
    {
        public long RssKb { get; set; }
    }
}

/// <summary>Resident MiB by owner: glibc's secondary arenas (and how many), its main heap, JIT code, mapped files, other anonymous memory.</summary>
internal sealed record MemoryBreakdown(double MallocArenasMiB, int MallocArenas, double MainHeapMiB, double CodeMiB, double FilesMiB, double OtherAnonymousMiB);
