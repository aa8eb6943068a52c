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
        var values = new CommandArguments(args, ["--count", "--seed", "--output", "--episode-limit", "--startup-limit", "--repository"], Usage);
        var count = values.Whole("--count", required: true, min: 1, max: 10000, "the number of episodes, 1 or more");
        var seed = values.Whole("--seed", required: true, min: 0, max: int.MaxValue - count, "the first episode's seed, 0 or more");
        var output = values.RequiredText("--output", "FILE");
        var episodeLimit = values.Whole("--episode-limit", required: false, min: 10, max: 86400, "seconds, 10 or more", 300);
        var startupLimit = values.Whole("--startup-limit", required: false, min: 10, max: 86400, "seconds, 10 or more", 900);
        return new EpisodesArguments(count, seed, output, TimeSpan.FromSeconds(episodeLimit), TimeSpan.FromSeconds(startupLimit), values.Text("--repository"));
    }
}
