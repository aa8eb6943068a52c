namespace CrazyTrain.Controller.Driving;

/// <summary>The model labels the policy acts on (docs/contracts.md), in the order they win when seen together.</summary>
public static class SignLabels
{
    public const string NoEntry = "no_entry";
    public const string Stop = "stop";
    public const string Danger = "danger";
    public const string SpeedLimit30 = "speed_limit_30";
    public const string SpeedLimit50 = "speed_limit_50";

    /// <summary>Most restrictive first: when two signs confirm in the same frame, the first one acts first.</summary>
    public static readonly IReadOnlyList<string> ByPriority = [NoEntry, Stop, Danger, SpeedLimit30, SpeedLimit50];

    public static bool IsKnown(string label) => ByPriority.Contains(label);
}
