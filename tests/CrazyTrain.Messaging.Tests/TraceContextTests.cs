using System.Diagnostics;

namespace CrazyTrain.Messaging.Tests;

public sealed class TraceContextTests
{
    [Fact]
    public void A_context_survives_the_trip_through_headers()
    {
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "vendor=train");
        var headers = new Dictionary<string, string>();

        TraceContext.Inject(context, headers);
        var restored = TraceContext.Extract(headers);

        Assert.Equal(context.TraceId, restored.TraceId);
        Assert.Equal(context.SpanId, restored.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, restored.TraceFlags);
        Assert.Equal("vendor=train", restored.TraceState);
        Assert.True(restored.IsRemote);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", headers[TraceHeaders.TraceParent]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    public void A_missing_or_broken_traceparent_yields_no_parent(string? traceParent)
    {
        var headers = new Dictionary<string, string>();
        if (traceParent is not null)
        {
            headers[TraceHeaders.TraceParent] = traceParent;
        }

        Assert.Equal(default, TraceContext.Extract(headers));
        Assert.Null(TraceContext.TraceIdOf(headers));
    }

    [Fact]
    public void No_context_writes_no_header()
    {
        var headers = new Dictionary<string, string>();

        TraceContext.Inject(default, headers);

        Assert.Empty(headers);
    }
}
