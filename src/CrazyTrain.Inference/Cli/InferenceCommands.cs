using System.CommandLine;

namespace CrazyTrain.Inference.Cli;

/// <summary>The offline verbs of the service's executable; with none of them it runs as a web service.</summary>
internal static class InferenceCommands
{
    private static readonly string[] Verbs = ["detect", "benchmark"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("CrazyTrain inference: run without a verb to serve; verbs work offline.")
        {
            DetectCommand.Create(),
            BenchmarkCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
