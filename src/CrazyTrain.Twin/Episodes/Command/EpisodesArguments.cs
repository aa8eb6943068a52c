using System.Globalization;

namespace CrazyTrain.Twin.Episodes.Command;

/// <summary>
/// <c>episodes --count N --seed S --output FILE [--episode-limit SECONDS] [--startup-limit SECONDS] [--repository DIR]</c>,
/// checked before anything starts: a bad argument is one clear line and exit code 2.
/// </summary>
public sealed record EpisodesArguments(int Count, int Seed, string Output, TimeSpan EpisodeLimit, TimeSpan StartupLimit, string? Repository)
{
    public const string Usage =
        "usage: episodes --count N --seed S --output FILE [--episode-limit SECONDS (300)] [--startup-limit SECONDS (900)] [--repository DIR]";

    public static EpisodesArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--count" or "--seed" or "--output" or "--episode-limit" or "--startup-limit" or "--repository"))
            {
                throw new ArgumentException($"Unknown argument '{name}'. {Usage}");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value. {Usage}");
            }

            values[name] = args[++i];
        }

        var count = Whole(values, "--count", required: true, min: 1, max: 10000, "the number of episodes, 1 or more");
        var seed = Whole(values, "--seed", required: true, min: 0, max: int.MaxValue - count, "the first episode's seed, 0 or more");
        var output = values.GetValueOrDefault("--output") is { Length: > 0 } file ? file : throw new ArgumentException($"--output FILE is required. {Usage}");
        var episodeLimit = Whole(values, "--episode-limit", required: false, min: 10, max: 86400, "seconds, 10 or more", 300);
        var startupLimit = Whole(values, "--startup-limit", required: false, min: 10, max: 86400, "seconds, 10 or more", 900);
        return new EpisodesArguments(count, seed, output, TimeSpan.FromSeconds(episodeLimit), TimeSpan.FromSeconds(startupLimit), values.GetValueOrDefault("--repository"));
    }

    private static int Whole(Dictionary<string, string> values, string name, bool required, int min, int max, string meaning, int fallback = 0)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return required ? throw new ArgumentException($"{name} is required ({meaning}). {Usage}") : fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} is '{text}'; expected {meaning}.");
    }
}
