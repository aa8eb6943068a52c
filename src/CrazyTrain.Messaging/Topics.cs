namespace CrazyTrain.Messaging;

/// <summary>The train's Kafka topics (docs/contracts.md). Other tools subscribe to these exact names.</summary>
public static class Topics
{
    /// <summary>Camera frames: JPEG bytes, key = camera id, headers in <see cref="FrameHeaders"/>.</summary>
    public const string Frames = "train.frames";

    /// <summary>What the model saw in a frame: one JSON message per processed frame.</summary>
    public const string Detections = "train.detections";

    /// <summary>Every order the controller gives the hub, with its reason.</summary>
    public const string Orders = "train.orders";

    /// <summary>Device and service state: hub connection, battery, motor power as reported.</summary>
    public const string Telemetry = "train.telemetry";

    public static IReadOnlyList<string> All { get; } = [Frames, Detections, Orders, Telemetry];
}
