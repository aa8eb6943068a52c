namespace CrazyTrain.Console.Live;

/// <summary>One server-sent event: its id, its type (the SSE <c>event:</c> field) and its JSON data, serialised once for every browser.</summary>
public sealed record ConsoleEvent(long Id, string Type, string Json);

/// <summary>The event types the page listens to.</summary>
public static class ConsoleEventTypes
{
    public const string Snapshot = "snapshot";
    public const string Frame = "frame";
    public const string Detections = "detections";
    public const string Order = "order";
    public const string Telemetry = "telemetry";
    public const string Service = "service";
    public const string Status = "status";
    public const string Action = "action";
    public const string Heartbeat = "heartbeat";
}
