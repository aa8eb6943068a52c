using System.Runtime.InteropServices;

namespace CrazyTrain.ServiceDefaults;

/// <summary>
/// Caps glibc's malloc arenas for every service (<c>AddServiceDefaults</c> calls it first). glibc gives threads their own
/// arenas, up to 8 per core, and an arena keeps the high-water mark of the threads that allocate in it: librdkafka's
/// threads and the runtime's native work spread over 15 of them, and the soak measured the controller's resident size
/// growing 28 MiB over nine minutes after the first while its GC heap stayed flat, 18 MiB of it in malloc arenas
/// (docs/performance.md). Two arenas still let the secondary one grow 1 -> 8 MiB minutes into a soak (the controller's
/// resident +10.3 %, over the 10 % bound); with one, every native allocation shares the main heap, which the next soaks
/// measured flat in every service (the controller's 16.9 MiB from start to end). The native allocators here are light
/// (librdkafka's buffers, OpenCV's frames; ONNX Runtime keeps its own arena), so one lock costs nothing measurable:
/// capture -> detections p50 19 ms with one arena, as with two.
/// Set before the host starts the threads that allocate (Kafka, ONNX Runtime, the web server); an arena that already
/// exists stays. Elsewhere than glibc the call is missing or ignored.
/// Which one wins: the AppHost and the MicroShift overlays set <c>MALLOC_ARENA_MAX=1</c> in every service's environment
/// (<c>MallocArenaHosting</c>), which glibc reads before the runtime starts its first thread, so no arena exists beyond
/// the cap; then this call does nothing. It stays for a service started alone (<c>dotnet run</c> of one project, a test
/// host), where it is the only cap, and it catches only the threads started after <c>Main</c>.
/// </summary>
public static partial class MallocArenas
{
    /// <summary>glibc's <c>M_ARENA_MAX</c> for <c>mallopt</c> (malloc.h), the same as the <c>MALLOC_ARENA_MAX</c> variable.</summary>
    private const int ArenaMax = -8;

    /// <summary>glibc's environment variable for the same cap; an operator's value wins over <see cref="Limit"/>.</summary>
    public const string Variable = "MALLOC_ARENA_MAX";

    public const int Limit = 1;

    /// <summary>Applies the cap unless the operator set <c>MALLOC_ARENA_MAX</c>; true when glibc took it.</summary>
    public static bool Cap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null)
        {
            return false;
        }

        try
        {
            return MallOpt(ArenaMax, Limit) == 1;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);
}
