using System.Runtime.InteropServices;

namespace CrazyTrain.SignModel.Benchmarking;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>). On a shared machine wall time also
/// counts the time other processes held the core; CPU time shows what one frame costs when a core is free.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && TryNow(out _);

    public static double NowMs() => TryNow(out var ms) ? ms : double.NaN;

    private static bool TryNow(out double milliseconds)
    {
        milliseconds = 0;
        try
        {
            if (ClockGetTime(ThreadCpuTimeId, out var time) != 0)
            {
                return false;
            }

            milliseconds = time.Seconds * 1000.0 + time.Nanoseconds / 1_000_000.0;
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
