using System.Diagnostics;

namespace CrazyTrain.Messaging;

/// <summary>
/// Writes and reads W3C trace context in message headers, so a frame's trace continues across topics.
/// Done by hand rather than with a propagator so the library needs no OpenTelemetry packages.
/// </summary>
public static class TraceContext
{
    public static void Inject(ActivityContext context, IDictionary<string, string> headers)
    {
        if (context == default)
        {
            return;
        }

        var flags = (context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00";
        headers[TraceHeaders.TraceParent] = $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{flags}";
        if (!string.IsNullOrEmpty(context.TraceState))
        {
            headers[TraceHeaders.TraceState] = context.TraceState;
        }
        else
        {
            headers.Remove(TraceHeaders.TraceState);
        }
    }

    public static ActivityContext Extract(IReadOnlyDictionary<string, string> headers)
    {
        if (!headers.TryGetValue(TraceHeaders.TraceParent, out var traceParent))
        {
            return default;
        }

        headers.TryGetValue(TraceHeaders.TraceState, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }

    /// <summary>The trace id of a message, or null when it carries none (handy for logs and tests).</summary>
    public static string? TraceIdOf(IReadOnlyDictionary<string, string> headers)
    {
        var context = Extract(headers);
        return context == default ? null : context.TraceId.ToHexString();
    }
}
