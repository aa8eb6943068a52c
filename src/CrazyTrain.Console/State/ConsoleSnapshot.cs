using System.Text.Json;

namespace CrazyTrain.Console.State;

/// <summary>The whole picture at one instant: the body of <c>GET /api/state</c> and of the <c>snapshot</c> event.</summary>
public sealed record ConsoleSnapshot(
    DateTimeOffset ServerTime,
    long LastEventId,
    FrameInfo? Frame,
    DetectionsInfo? Detections,
    DetectionsInfo? FrameDetections,
    IReadOnlyList<JsonElement> Orders,
    IReadOnlyDictionary<string, JsonElement> Telemetry,
    IReadOnlyDictionary<string, ServiceStatus> Services,
    StreamStatus Stream,
    PipelineStats Pipeline,
    OperatorInfo Operator);

/// <summary>The detections of one frame as inference published them, with when the console got them.</summary>
/// <param name="LatencyMs">From the frame's capture to the console receiving its detections: the end-to-end latency.</param>
public sealed record DetectionsInfo(long FrameId, DateTimeOffset ReceivedAt, double? LatencyMs, JsonElement Report);

/// <summary>Rates and totals of what the console received.</summary>
public sealed record PipelineStats(
    double? Fps,
    double? LatencyMs,
    double? LatencyAverageMs,
    long FramesReceived,
    long DetectionsReceived,
    long OrdersReceived,
    long TelemetryReceived,
    long MessagesRejected,
    int Browsers);

/// <summary>What the page needs to know to offer the operator buttons: whether this browser is signed in (its cookie is HttpOnly).</summary>
public sealed record OperatorInfo(bool SignedIn);
