using System.Text;

namespace CrazyTrain.Training.Native;

/// <summary>
/// Makes TorchSharp's native library loadable before the first torch call (see <see cref="ElfVersionPatcher"/>).
/// </summary>
public static class TorchNative
{
    public const string RequiredLibStdCxxVersion = "GLIBCXX_3.4.32";
    private const string LibraryName = "libLibTorchSharp.so";
    private static readonly Lock Gate = new();
    private static bool ready;

    /// <summary>Call before touching <c>TorchSharp.torch</c>. Safe to call many times and from many threads.</summary>
    public static void EnsureLoadable()
    {
        lock (Gate)
        {
            if (ready)
            {
                return;
            }

            if (OperatingSystem.IsLinux() && !LoadedLibStdCxxHas(RequiredLibStdCxxVersion))
            {
                foreach (var path in CandidatePaths())
                {
                    PatchFile(path);
                }
            }

            ready = true;
        }
    }

    /// <summary>Marks the GLIBCXX requirement weak in the file at <paramref name="path"/>, writing only when it changes.</summary>
    public static ElfVersionPatcher.Outcome PatchFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var outcome = ElfVersionPatcher.MarkWeak(bytes, RequiredLibStdCxxVersion);
        if (outcome == ElfVersionPatcher.Outcome.Patched)
        {
            // Write beside and rename so a crash never leaves a half-written library behind.
            var temporary = path + ".patching";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }

        return outcome;
    }

    private static IEnumerable<string> CandidatePaths()
    {
        var baseDirectory = AppContext.BaseDirectory;
        foreach (var path in new[]
                 {
                     Path.Combine(baseDirectory, LibraryName),
                     Path.Combine(baseDirectory, "runtimes", "linux-x64", "native", LibraryName),
                 })
        {
            if (File.Exists(path))
            {
                yield return path;
            }
        }
    }

    /// <summary>
    /// The .NET host has libstdc++ loaded already; its version definitions tell whether the library would load as is.
    /// </summary>
    private static bool LoadedLibStdCxxHas(string version)
    {
        try
        {
            var library = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(parts => parts.Length >= 6 && Path.GetFileName(parts[^1]).StartsWith("libstdc++.so", StringComparison.Ordinal))
                .Select(parts => parts[^1])
                .FirstOrDefault();
            if (library is null)
            {
                return false;
            }

            var needle = Encoding.ASCII.GetBytes(version + "\0");
            return File.ReadAllBytes(library).AsSpan().IndexOf(needle) >= 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
