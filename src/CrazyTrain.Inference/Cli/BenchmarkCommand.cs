using System.CommandLine;

namespace CrazyTrain.Inference.Cli;

internal static class BenchmarkCommand
{
    public static Command Create() => new("benchmark", "Measure latency per frame and a sustained frame rate.");
}
