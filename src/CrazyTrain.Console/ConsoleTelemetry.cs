using System.Diagnostics;

namespace CrazyTrain.Console;

/// <summary>The console's spans (operator actions); exported by ServiceDefaults with every CrazyTrain.* source.</summary>
public static class ConsoleTelemetry
{
    public const string Name = "CrazyTrain.Console";

    public static readonly ActivitySource ActivitySource = new(Name);
}
