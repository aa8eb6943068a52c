namespace CrazyTrain.Simulation.Signs;

/// <summary>The detector's classes, in class-index order. This order is the model contract.</summary>
public static class SignLabels
{
    public static IReadOnlyList<string> Targets { get; } = ["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"];
}
