using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// Where the time from "first frame that shows a sign >= 12 px" to "hub command" goes, per sign: the twin's
/// <c>sign-visible</c> event -> the first frame capture grabbed after it -> the first frame whose detections carry the
/// sign (the model's late sighting) -> the frame the controller confirmed on (its order's <c>reason.frameId</c>: the
/// K-th of N) -> the order given (the order's <c>time</c>) -> the twin's next <c>motor</c> event. Frame intervals are
/// measured between capture times, so they are the camera's time, not the pipeline's. The twin records <c>motor</c>
/// when its camera loop next reads the hub's power (once per rendered frame), so the last step includes up to one
/// twin frame of the twin's own sampling.
/// </summary>
internal sealed partial class SignTimeline
{
    public static readonly string[] Steps =
    [
        "visible -> captured",
        "captured -> first detected frame",
        "first detected -> confirming frame",
        "confirming frame captured -> order",
        "order -> motor event",
        "visible -> motor event",
    ];

    private readonly Dictionary<long, DateTimeOffset> _capturedAt = [];
    private readonly Dictionary<long, HashSet<string>> _labels = [];
    private readonly List<SeenOrder> _orders = [];

    public void OnFrame(long frameId, DateTimeOffset capturedAt) => _capturedAt[frameId] = capturedAt;

    /// <summary>The labels of one <c>train.detections</c> document (docs/contracts.md); one that cannot be read is skipped.</summary>
    public void OnDetections(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            _labels[root.GetProperty("frameId").GetInt64()] = root.GetProperty("detections").EnumerateArray()
                .Select(d => d.GetProperty("label").GetString() ?? "").ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }
    }

    /// <summary>A <c>train.orders</c> document with a sign as its reason; operator orders (no reason) are not reactions.</summary>
    public void OnOrder(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.GetProperty("reason") is { ValueKind: JsonValueKind.Object } reason)
            {
                _orders.Add(new SeenOrder(
                    root.GetProperty("time").GetDateTimeOffset(),
                    root.GetProperty("action").GetString() ?? "",
                    reason.GetProperty("label").GetString() ?? "",
                    reason.GetProperty("frameId").GetInt64()));
            }
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
        }
    }

    /// <summary>One row per sign that became visible in the window; steps that could not be placed are null.</summary>
    public SignBreakdown Summarize(IReadOnlyList<TwinEvent> events, DateTimeOffset from, DateTimeOffset to)
    {
        var frames = _capturedAt.OrderBy(f => f.Key).ToList();
        var motors = events.Where(e => e.Kind == "motor").OrderBy(e => e.Time).ToList();
        var rows = new List<SignRow>();
        foreach (var visible in events.Where(e => e.Kind == "sign-visible" && e.Time >= from && e.Time <= to).OrderBy(e => e.Time))
        {
            var label = VisibleLabel().Match(visible.Message) is { Success: true } match ? match.Groups["label"].Value : "";
            // Capture grabs the twin's frame a few ms after the twin announced it; the frame before came 33 ms earlier.
            var captured = frames.FirstOrDefault(f => f.Value >= visible.Time - TimeSpan.FromMilliseconds(10));
            long? first = captured.Key == 0 ? null : frames.Select(f => f.Key)
                .Where(id => id >= captured.Key && _labels.TryGetValue(id, out var labels) && labels.Contains(label))
                .Cast<long?>().FirstOrDefault();
            // The order this sign caused: the first with its label given after it was visible (it may confirm on a frame
            // from just before 12 px), within the window the reaction is counted in.
            var order = _orders.Where(o => o.Label == label && o.Time >= visible.Time && o.Time - visible.Time <= SignReactions.ReactionWindow)
                .OrderBy(o => o.Time).FirstOrDefault();
            var motor = order is null ? null : motors.FirstOrDefault(m => m.Time >= order.Time);
            DateTimeOffset? At(long? frame) => frame is { } id && _capturedAt.TryGetValue(id, out var at) ? at : null;
            var confirmAt = At(order?.FrameId);
            rows.Add(new SignRow(
                label,
                visible.Time,
                captured.Key == 0 ? null : captured.Key,
                first,
                order?.FrameId,
                order?.Action,
                first is { } f && captured.Key != 0 ? f - captured.Key : null,
                order is not null && first is { } g ? order.FrameId - g : null,
                Ms(visible.Time, At(captured.Key == 0 ? null : captured.Key)),
                Ms(At(captured.Key == 0 ? null : captured.Key), At(first)),
                Ms(At(first), confirmAt),
                Ms(confirmAt, order?.Time),
                Ms(order?.Time, motor?.Time),
                Ms(visible.Time, motor?.Time)));
        }

        var steps = Steps.Select((step, i) => (step, values: rows.Select(r => r.Step(i)).OfType<double>().ToList()))
            .ToDictionary(s => s.step, s => Percentiles.Of(s.values), StringComparer.Ordinal);
        // The frames the controller saw (those with detections), in order, replayed through other windows.
        var seen = _labels.Where(l => _capturedAt.ContainsKey(l.Key)).OrderBy(l => l.Key)
            .Select(l => (l.Key, _capturedAt[l.Key], (IReadOnlySet<string>)l.Value)).ToList();
        var debounce = DebounceReplay.Run(seen, [.. rows.Select(r => (r.Label, r.VisibleAt))]);
        return new SignBreakdown(rows, steps, debounce);
    }

    private static double? Ms(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } a && to is { } b ? Math.Round((b - a).TotalMilliseconds, 1) : null;

    [GeneratedRegex(@"^the (?<label>\S+) sign is")]
    private static partial Regex VisibleLabel();

    private sealed record SeenOrder(DateTimeOffset Time, string Action, string Label, long FrameId);
}

/// <summary>One sign's way from visible to the hub: frames, the order, and the time each step took (ms).</summary>
internal sealed record SignRow(
    string Label,
    DateTimeOffset VisibleAt,
    long? CapturedFrame,
    long? FirstDetectedFrame,
    long? ConfirmingFrame,
    string? Order,
    long? FramesToFirstDetection,
    long? FramesToConfirm,
    double? VisibleToCapturedMs,
    double? CapturedToFirstDetectedMs,
    double? FirstDetectedToConfirmingMs,
    double? ConfirmingToOrderMs,
    double? OrderToMotorMs,
    double? VisibleToMotorMs)
{
    public double? Step(int index) => index switch
    {
        0 => VisibleToCapturedMs,
        1 => CapturedToFirstDetectedMs,
        2 => FirstDetectedToConfirmingMs,
        3 => ConfirmingToOrderMs,
        4 => OrderToMotorMs,
        _ => VisibleToMotorMs,
    };
}

internal sealed record SignBreakdown(IReadOnlyList<SignRow> Signs, IReadOnlyDictionary<string, Percentiles> StepsMs, IReadOnlyList<DebounceOutcome> Debounce);

/// <summary>One entry of the twin's <c>/api/twin</c> event list.</summary>
internal sealed record TwinEvent(DateTimeOffset Time, string Kind, string Message);
