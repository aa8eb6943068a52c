using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrazyTrain.Twin.Episodes.Command;

/// <summary>
/// <c>dotnet run -c Release --project src/CrazyTrain.Twin -- episodes --count N --seed S --output FILE</c>: starts the
/// whole application (<see cref="AppHostProcess"/>), runs episodes S, S+1, ... S+N-1 through its APIs
/// (<see cref="EpisodeDriver"/>), writes the JSON (<see cref="EpisodesReport"/>) and stops the application. Exit code
/// 0 when every episode ran (whatever the train did in it), 1 when the run broke off (the file says why), 2 for bad arguments.
/// </summary>
public static class EpisodesCommand
{
    public const string Verb = "episodes";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        EpisodesArguments arguments;
        string repository;
        try
        {
            arguments = EpisodesArguments.Parse(args);
            repository = RepositoryRoot.Find(arguments.Repository);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"episodes: {e.Message}");
            return 2;
        }

        try
        {
            // Proves the file can be written before minutes go into starting the app.
            Write(arguments.Output, new JsonObject { ["summary"] = null, ["episodes"] = new JsonArray(), ["error"] = "running" });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"episodes: cannot write --output {arguments.Output}: {e.Message}");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var episodes = new List<JsonObject>();
        string? error = null;
        var logFile = arguments.Output + ".apphost.log";
        Console.WriteLine($"episodes: starting the application from {repository} (its output: {logFile})");
        var app = AppHostProcess.Start(repository, token, logFile);
        await using (app.ConfigureAwait(false))
        {
            var (twin, controller) = EpisodeDriver.Clients(app, token);
            using (twin)
            using (controller)
            {
                var driver = new EpisodeDriver(twin, controller, arguments.EpisodeLimit, () => app.HasExited ? app.Tail() : null);
                try
                {
                    await driver.WaitHealthyAsync(arguments.StartupLimit, cancel.Token);
                    for (var i = 0; i < arguments.Count; i++)
                    {
                        var seed = arguments.Seed + i;
                        Console.WriteLine($"episodes: episode {i + 1}/{arguments.Count}, seed {seed}");
                        var record = await driver.RunAsync(seed, cancel.Token);
                        episodes.Add(record);
                        Console.WriteLine($"episodes: seed {seed} ended: {record["endedBecause"]}");
                        foreach (var missed in MissedSignSightings.Missed(record["signs"] as JsonArray))
                        {
                            Console.WriteLine($"episodes: seed {seed} passed {missed["label"]} at {missed["positionCm"]} cm without obeying it; the controller: {(missed["controllerSightings"] is JsonObject c ? MissedSignSightings.Describe(c) : "no sighting log")}");
                        }

                        Write(arguments.Output, EpisodesReport.Build(episodes, "running"));
                    }
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    error = "stopped by a signal before the last episode";
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
                {
                    // Whatever broke the run, the file says why and keeps the episodes done so far.
                    error = e is EpisodeRunException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                }
            }

            Console.WriteLine("episodes: stopping the application");
        }

        var report = EpisodesReport.Build(episodes, error);
        Write(arguments.Output, report);
        Console.WriteLine(report["summary"]!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (error is not null)
        {
            await Console.Error.WriteLineAsync($"episodes: {error}");
            return 1;
        }

        return 0;
    }

    private static void Write(string path, JsonObject report) =>
        File.WriteAllText(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
