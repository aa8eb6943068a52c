using System.Diagnostics;
using System.Globalization;

namespace CrazyTrain.Capture.Pipeline;

/// <summary>The <c>train.frames</c> headers of docs/contracts.md, as UTF-8 text values.</summary>
public static class FrameHeaders
{
    public const string FrameId = "frame-id";
    public const string CapturedAt = "captured-at";
    public const string Width = "width";
    public const string Height = "height";
    public const string ContentType = "content-type";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>The frame's own headers, without trace context (the messaging layer injects that from the current span).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(CapturedFrame frame) =>
    [
        new(FrameId, frame.FrameId.ToString(CultureInfo.InvariantCulture)),
        new(CapturedAt, frame.CapturedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        new(Width, frame.Width.ToString(CultureInfo.InvariantCulture)),
        new(Height, frame.Height.ToString(CultureInfo.InvariantCulture)),
        new(ContentType, frame.ContentType),
    ];

    /// <summary>W3C trace context of <paramref name="activity"/>: <c>traceparent</c>, and <c>tracestate</c> when set.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> TraceContext(Activity? activity)
    {
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return [];
        }

        var headers = new List<KeyValuePair<string, string>>(2) { new(TraceParent, activity.Id!) };
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            headers.Add(new(TraceState, activity.TraceStateString));
        }

        return headers;
    }
}
