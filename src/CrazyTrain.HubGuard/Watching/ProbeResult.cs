namespace CrazyTrain.HubGuard.Watching;

/// <summary>One look at the controller's <c>/alive</c>: whether it beats, and if not, why not (refused, no answer, a stalled loop).</summary>
internal sealed record ProbeResult(bool Beating, string Detail)
{
    public static ProbeResult Beat { get; } = new(true, "alive");

    public static ProbeResult Missed(string why) => new(false, why);
}
