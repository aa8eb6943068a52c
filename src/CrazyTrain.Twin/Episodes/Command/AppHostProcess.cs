using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CrazyTrain.Twin.Episodes.Command;

/// <summary>
/// The whole application as the README starts it (<c>dotnet run -c Release --project src/CrazyTrain.AppHost</c>), as a
/// child process: free ports chosen here for the twin's and the controller's http endpoints and the dashboard, the
/// operator token handed over in the environment (<c>Parameters__operator-token</c>, never on a command line), its
/// output kept in a log file. <see cref="DisposeAsync"/> stops its whole process tree: SIGTERM first (the AppHost stops
/// its resources), then SIGKILL for whatever is left after <see cref="StopGrace"/>, so no service outlives the run.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();

    private AppHostProcess(Process process, StreamWriter log, int twinPort, int controllerPort)
    {
        _process = process;
        _log = log;
        TwinUri = new Uri($"http://127.0.0.1:{twinPort}");
        ControllerUri = new Uri($"http://127.0.0.1:{controllerPort}");
    }

    public Uri TwinUri { get; }

    public Uri ControllerUri { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The AppHost's last lines of output, for an error message.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    public static AppHostProcess Start(string repository, string operatorToken, string logFile)
    {
        int[] ports = [FreePort(), FreePort(), FreePort(), FreePort(), FreePort()];
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["run", "-c", "Release", "--project", Path.Combine("src", "CrazyTrain.AppHost"), "--no-launch-profile", "--",
                     $"--CrazyTrain:HttpPorts:twin={ports[0]}", $"--CrazyTrain:HttpPorts:controller={ports[1]}"])
        {
            start.ArgumentList.Add(arg);
        }

        // What the AppHost's launch profile sets, on ports of this run's own, so it runs beside another AppHost.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{ports[2]}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{ports[3]}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{ports[4]}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["Parameters__operator-token"] = operatorToken;

        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new AppHostProcess(process, log, ports[0], ports[1]);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        var tree = Tree(_process.Id);
        Signal("TERM", tree);
        var deadline = DateTime.UtcNow + StopGrace;
        while (DateTime.UtcNow < deadline && tree.Any(Alive))
        {
            await Task.Delay(250).ConfigureAwait(false);
        }

        // Whatever did not stop within the grace period (or was started meanwhile) is killed.
        var left = tree.Concat(Tree(_process.Id)).Where(Alive).Distinct().ToList();
        Signal("KILL", left);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
        lock (_tail)
        {
            _log.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _log.WriteLine(line);
            _tail.Enqueue(line);
            while (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");

    private static void Signal(string signal, IReadOnlyCollection<int> pids)
    {
        if (pids.Count == 0)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        kill?.WaitForExit();
    }

    /// <summary>
    /// The AppHost's processes: <paramref name="root"/>, everything below it, and Aspire's orchestrator (DCP), which
    /// detaches from the AppHost (its parent becomes init) and runs the services, found by its
    /// <c>--monitor &lt;AppHost pid&gt;</c> argument, with everything below it. From /proc; empty where there is none.
    /// </summary>
    private static List<int> Tree(int root)
    {
        var parents = new Dictionary<int, int>();
        var monitors = new Dictionary<int, int>();
        foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ParentOf(dir) is { } parent)
            {
                parents[pid] = parent;
                if (MonitoredBy(dir) is { } watched)
                {
                    monitors[pid] = watched;
                }
            }
        }

        var tree = Descendants(parents, root).Prepend(root).ToList();
        foreach (var dcp in monitors.Where(m => tree.Contains(m.Value)).Select(m => m.Key).ToList())
        {
            tree.Add(dcp);
            tree.AddRange(Descendants(parents, dcp));
        }

        return [.. tree.Distinct()];
    }

    private static List<int> Descendants(Dictionary<int, int> parents, int root)
    {
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var pid))
        {
            foreach (var child in parents.Where(p => p.Value == pid).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>The pid after <c>--monitor</c> on a process's command line (DCP's), or null.</summary>
    private static int? MonitoredBy(string procDir)
    {
        try
        {
            var args = File.ReadAllText(Path.Combine(procDir, "cmdline")).Split('\0');
            var at = Array.IndexOf(args, "--monitor");
            return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended while we looked
        }
    }

    private static int? ParentOf(string procDir)
    {
        try
        {
            // /proc/PID/stat: "pid (name) state ppid ...": the name may hold spaces, so read after its last ')'.
            var stat = File.ReadAllText(Path.Combine(procDir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null; // the process ended while we looked
        }
    }
}
