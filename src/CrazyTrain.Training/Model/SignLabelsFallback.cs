namespace CrazyTrain.Training.Model;

/// <summary>The contract's class order (docs/contracts.md); the renderer's SignLabels.Targets must agree.</summary>
internal static class SignLabelsFallback
{
    public static IReadOnlyList<string> Labels { get; } = ["stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger"];
}
