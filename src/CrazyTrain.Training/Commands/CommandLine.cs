namespace CrazyTrain.Training.Commands;

/// <summary>The command line of this process, recorded in model provenance.</summary>
internal static class CommandLine
{
    public static string Current() => "crazytrain-training " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(Quote));

    private static string Quote(string argument) => argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument;
}
