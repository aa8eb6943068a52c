using System.Text.Json;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using CrazyTrain.Twin.Camera;
using CrazyTrain.Twin.Episodes.Command;

namespace CrazyTrain.Twin.Episodes.Sightings;

/// <summary>
/// <c>dotnet run -c Release --project src/CrazyTrain.Twin -- sightings --seed S --count N --output FILE</c>: each
/// episode's lap through the model, offline (<see cref="SightingAudit"/>), written as JSON with a summary. Exit code 0
/// when every episode was audited, 1 when the model cannot be loaded, 2 for bad arguments.
/// </summary>
public static class SightingsCommand
{
    public const string Verb = "sightings";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Verb;

    public static int Run(IReadOnlyList<string> args)
    {
        SightingsArguments arguments;
        string model;
        try
        {
            arguments = SightingsArguments.Parse(args);
            model = arguments.Model ?? Path.Combine(RepositoryRoot.Find(arguments.Repository), "models", "crazytrain-signs.onnx");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"sightings: {e.Message}");
            return 2;
        }

        ModelRuntime runtime;
        try
        {
            // One thread, as the inference service runs on the edge box's share of cores.
            runtime = ModelRuntime.Load(model, ExecutionProviderChain.CpuOnly(1));
        }
        catch (ModelLoadException e)
        {
            Console.Error.WriteLine($"sightings: {e.Message}");
            return 1;
        }

        using (runtime)
        {
            var audit = new SightingAudit(runtime, new CameraOptions(), arguments.StepCm, arguments.GatePx, arguments.Frames);
            var episodes = new List<EpisodeSightings>();
            for (var seed = arguments.Seed; seed < arguments.Seed + arguments.Count; seed++)
            {
                var episode = audit.Run(seed);
                episodes.Add(episode);
                Console.WriteLine($"sightings: seed {seed} ({episode.Style}, {episode.Frames} frames): {episode.FalseSightings.Count} false sighting(s)" +
                    string.Concat(episode.FalseSightings.Select(f => $"; {f.Label} {f.MaxConfidence:0.00} at {f.FromCm:0} cm ({f.Cause})")));
            }

            var report = new { summary = Summary(episodes, model, arguments), episodes };
            File.WriteAllText(arguments.Output, JsonSerializer.Serialize(report, Json));
            Console.WriteLine(JsonSerializer.Serialize(report.summary, Json));
            return 0;
        }
    }

    private static object Summary(IReadOnlyList<EpisodeSightings> episodes, string model, SightingsArguments arguments)
    {
        var all = episodes.SelectMany(e => e.FalseSightings).ToList();
        var signs = episodes.SelectMany(e => e.Signs).ToList();
        return new
        {
            model,
            episodes = episodes.Count,
            frames = episodes.Sum(e => e.Frames),
            stepCm = arguments.StepCm,
            gatePx = arguments.GatePx,
            falseSightings = all.Count,
            falseByLabel = all.GroupBy(f => f.Label).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            falseByCause = all.GroupBy(f => f.Cause).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            signs = signs.Count,
            signsConfirmed = signs.Count(s => s.ConfirmedBeforeCm is not null),
            confirmedBeforeCmByKind = signs.Where(s => s.ConfirmedBeforeCm is not null).GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Math.Round(Median(g.Select(s => s.ConfirmedBeforeCm!.Value)), 1)),
        };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
