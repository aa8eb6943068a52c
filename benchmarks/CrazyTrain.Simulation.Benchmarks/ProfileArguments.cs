using System.Globalization;

namespace CrazyTrain.Simulation.Benchmarks;

/// <summary>Command line of the frame profile.</summary>
internal sealed record ProfileArguments(int Frames, int Repeats, int Threads, string Output)
{
    public const string Usage = "Usage: [--frames 60] [--repeats 3] [--threads 1] [--output artifacts/render-profile.md] | look <folder>";

    public static ProfileArguments Parse(string[] args)
    {
        var result = new ProfileArguments(60, 3, 1, "artifacts/render-profile.md");
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            result = args[i] switch
            {
                "--frames" => result with { Frames = Positive(args[i], value) },
                "--repeats" => result with { Repeats = Positive(args[i], value) },
                "--threads" => result with { Threads = Positive(args[i], value) },
                "--output" => result with { Output = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return result;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");
}
