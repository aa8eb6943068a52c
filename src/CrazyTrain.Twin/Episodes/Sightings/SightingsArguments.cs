using CrazyTrain.Twin.Episodes.Command;

namespace CrazyTrain.Twin.Episodes.Sightings;

/// <summary>
/// <c>sightings --seed S --output FILE [--count N] [--model FILE] [--frames DIR] [--step-cm CM] [--gate-px PX] [--repository DIR]</c>.
/// The step is the distance between frames (0.9 cm: the cruise speed of 26.5 cm/s at 30 frames/s); the gate is the
/// controller's near-sign gate in pixels of a 640-wide frame (its default, 10 px: narrower sightings never act).
/// </summary>
public sealed record SightingsArguments(int Count, int Seed, string Output, string? Model, string? Frames, double StepCm, double GatePx, string? Repository)
{
    public const string Usage =
        "usage: sightings --seed S --output FILE [--count N (1)] [--model FILE (models/crazytrain-signs.onnx)] [--frames DIR] [--step-cm CM (0.9)] [--gate-px PX (10)] [--repository DIR]";

    public static SightingsArguments Parse(IReadOnlyList<string> args)
    {
        var values = new CommandArguments(args, ["--count", "--seed", "--output", "--model", "--frames", "--step-cm", "--gate-px", "--repository"], Usage);
        var count = values.Whole("--count", required: false, min: 1, max: 10000, "the number of episodes, 1 or more", 1);
        var seed = values.Whole("--seed", required: true, min: 0, max: int.MaxValue - count, "the first episode's seed, 0 or more");
        var output = values.RequiredText("--output", "FILE");
        var step = values.Number("--step-cm", 0.1, 10, "centimetres between frames, 0.1 to 10", 0.9);
        var gate = values.Number("--gate-px", 0, 640, "pixels, 0 to 640", 10);
        return new SightingsArguments(count, seed, output, values.Text("--model"), values.Text("--frames"), step, gate, values.Text("--repository"));
    }
}
