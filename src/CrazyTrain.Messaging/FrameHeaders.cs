namespace CrazyTrain.Messaging;

/// <summary>Header names a frame carries on <see cref="Topics.Frames"/>; values are UTF-8 text.</summary>
public static class FrameHeaders
{
    /// <summary>Decimal, unique and monotonic per camera.</summary>
    public const string FrameId = "frame-id";

    /// <summary>UTC Unix milliseconds at grab time.</summary>
    public const string CapturedAt = "captured-at";

    public const string Width = "width";
    public const string Height = "height";
    public const string ContentType = "content-type";
}

/// <summary>W3C trace-context header names written on produce and read on consume.</summary>
public static class TraceHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
}
