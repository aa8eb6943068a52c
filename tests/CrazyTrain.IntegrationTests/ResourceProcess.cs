using System.Runtime.InteropServices;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// The operating-system process behind an Aspire project resource, for faults a test injects from outside: kill it,
/// freeze it (SIGSTOP), let it go on (SIGCONT). Aspire reports the pid it started; when that is a <c>dotnet run</c>
/// host, the service is its descendant whose command line names the project's assembly.
/// </summary>
internal static partial class ResourceProcess
{

    public static int Find(DistributedApplication app, string resource, string assembly)
    {
        if (!app.ResourceNotifications.TryGetCurrentState(resource, out var state)
            || state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is not { } value
            || !int.TryParse(value.ToString(), out var pid))
        {
            throw new InvalidOperationException($"Aspire reports no process id for '{resource}'.");
        }

        var candidates = new List<int> { pid };
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates.AddRange(ChildrenOf(candidates[i]));
        }

        return candidates.LastOrDefault(p => CommandLine(p).Contains(assembly, StringComparison.Ordinal)) is var found and > 0 ? found : pid;
    }

    // Linux's numbers (x64 and arm64 alike).
    public static void Kill(int pid) => Signal(pid, 9);

    public static void Freeze(int pid) => Signal(pid, 19);

    public static void Thaw(int pid) => Signal(pid, 18);

    /// <summary>Starts a resource whose process a test killed, and waits until it is healthy again.</summary>
    public static async Task RestartAsync(DistributedApplication app, string resource, CancellationToken cancellationToken)
    {
        await app.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, cancellationToken);
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, cancellationToken);
        Assert.True(result.Success, $"Starting '{resource}' again failed: {result.Message}");

        // The start command returns before the state moves on: asked for health at once, Aspire can still see the
        // killed process's Exited state and throw "failed to start" (CI, 2026-12-06). Running first, then healthy.
        await app.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.Running, cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
    }

    /// <summary>kill(2) itself, not kill(1): starting a process on a busy box would add its own delay to the measured time.</summary>
    private static void Signal(int pid, int signal)
    {
        if (SendSignal(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    private static IEnumerable<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(int.Parse!)
            .Where(pid => ParentOf(pid) == parent);

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
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
        catch (IOException)
        {
            return "";
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
