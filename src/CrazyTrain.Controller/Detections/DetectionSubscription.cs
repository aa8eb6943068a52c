namespace CrazyTrain.Controller.Detections;

/// <summary>
/// Where the controller starts reading <c>train.detections</c>: at the end, every time it starts. A controller
/// that resumed from its group's committed offsets after a crash, a restart or a partition would replay every
/// detection published meanwhile, seconds or hours old, and act on signs the train passed long ago. So each
/// start joins a consumer group of its own (no committed offsets to resume from), and a new group starts at the
/// latest offset. There is one controller per train (one central can hold the hub), so nothing is shared.
/// Abandoned groups hold no messages; the broker drops their offsets after its retention
/// (<c>offsets.retention.minutes</c>). The group keeps the application name as a prefix, so a prefixed ACL covers it.
/// </summary>
internal static class DetectionSubscription
{
    public static string GroupForThisStart(string applicationName) =>
        $"{applicationName}-{Environment.MachineName}-{Guid.NewGuid():N}".ToLowerInvariant();
}
