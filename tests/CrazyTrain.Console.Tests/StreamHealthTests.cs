using System.Text.Json;
using CrazyTrain.Console.State;

namespace CrazyTrain.Console.Tests;

public sealed class StreamHealthTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-28T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(2);

    private static ServiceStatus Up(object? data = null) => new(true, 200, data is null ? null : JsonSerializer.SerializeToElement(data), null, Now);

    private static ServiceStatus Down(string error) => new(false, null, null, error, Now);

    private static StreamInputs Inputs(
        TimeSpan? frameAge = null,
        TimeSpan? detectionsAge = null,
        ServiceStatus? broker = null,
        ServiceStatus? capture = null,
        ServiceStatus? model = null,
        ServiceStatus? train = null) => new(
            Now,
            StallAfter,
            frameAge is { } f ? Now - f : null,
            detectionsAge is { } d ? Now - d : null,
            broker ?? Up(),
            capture ?? Up(new { state = "running" }),
            model ?? Up(),
            train ?? Up(new { hub = new { connected = true } }));

    [Fact]
    public void Live_while_the_last_frame_is_younger_than_the_stall_limit()
    {
        var status = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.FromMilliseconds(1900), detectionsAge: TimeSpan.FromMilliseconds(1950)));

        Assert.Equal(StreamState.Live, status.State);
        Assert.Null(status.Reason);
        Assert.Empty(status.Warnings);
    }

    [Fact]
    public void Stalled_as_soon_as_the_last_frame_is_older_than_the_limit()
    {
        var status = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.FromMilliseconds(2001)));

        Assert.Equal(StreamState.Stalled, status.State);
        Assert.Contains("frames do not reach the console", status.Reason);
    }

    [Fact]
    public void Says_capture_stopped_when_capture_reports_it()
    {
        var status = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.FromSeconds(5), capture: Up(new { state = "Stopped" })));

        Assert.Equal(StreamState.Stalled, status.State);
        Assert.Equal("capture stopped", status.Reason);
    }

    [Fact]
    public void Reads_capture_states_written_as_numbers()
    {
        var status = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.FromSeconds(5), capture: Up(new { state = 3, lastError = "camera unplugged" })));

        Assert.Equal("capture retrying its source: camera unplugged", status.Reason);
    }

    [Fact]
    public void Down_when_the_broker_is_down()
    {
        var status = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.FromSeconds(5), broker: Down("connection refused")));

        Assert.Equal(StreamState.Down, status.State);
        Assert.StartsWith("broker down: connection refused", status.Reason);
    }

    [Fact]
    public void Down_when_capture_does_not_answer()
    {
        var status = StreamHealth.Evaluate(Inputs(frameAge: null, capture: Down("capture is not reachable: refused")));

        Assert.Equal(StreamState.Down, status.State);
        Assert.Contains("capture service unreachable", status.Reason);
        Assert.Contains("no frame received yet", status.Reason);
    }

    [Fact]
    public void A_service_that_answers_with_an_error_is_not_called_unreachable()
    {
        var status = StreamHealth.Evaluate(Inputs(frameAge: null, capture: new ServiceStatus(false, 404, null, "capture answered 404 Not Found", Now)));

        Assert.Equal(StreamState.Down, status.State);
        Assert.StartsWith("capture service answers with an error: capture answered 404", status.Reason);
    }

    [Fact]
    public void A_service_not_asked_yet_is_not_reported_as_down()
    {
        var status = StreamHealth.Evaluate(Inputs(frameAge: null, broker: ServiceStatus.Unknown, capture: ServiceStatus.Unknown));

        Assert.Equal(StreamState.Stalled, status.State);
        Assert.Equal("no frame received yet", status.Reason);
    }

    [Fact]
    public void Warns_when_frames_flow_but_no_detections_come()
    {
        var status = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.FromMilliseconds(100), detectionsAge: TimeSpan.FromSeconds(3), model: Down("inference is not reachable")));

        Assert.Equal(StreamState.Live, status.State);
        Assert.Contains(status.Warnings, warning => warning.StartsWith("no detections for over 2 s: inference unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public void Warns_when_the_hub_is_disconnected_or_the_controller_is_in_fail_safe()
    {
        var train = Up(new { hub = new { connected = false, lastError = "link dropped" }, perception = new { failSafeReason = "no detections for 1.5 s" } });

        var status = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.Zero, detectionsAge: TimeSpan.Zero, train: train));

        Assert.Equal(["hub disconnected: link dropped", "fail-safe: no detections for 1.5 s"], status.Warnings);
    }

    [Fact]
    public void Warns_when_the_controller_came_back_emergency_stopped_after_a_restart_but_not_for_a_fresh_stop()
    {
        var restored = Up(new { hub = new { connected = true }, emergencyStop = new { engagedAt = "2026-12-04T18:00:00Z", by = "10.0.0.7", restoredAtStart = true } });
        var pressedNow = Up(new { hub = new { connected = true }, emergencyStop = new { engagedAt = "2026-12-04T18:00:00Z", by = "10.0.0.7", restoredAtStart = false } });

        var afterRestart = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.Zero, detectionsAge: TimeSpan.Zero, train: restored));
        var afterPress = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.Zero, detectionsAge: TimeSpan.Zero, train: pressedNow));

        Assert.Equal(["emergency stop pressed 2026-12-04T18:00:00Z still holds after a controller restart: resume to lift it"], afterRestart.Warnings);
        Assert.Empty(afterPress.Warnings);
    }

    [Fact]
    public void The_same_verdict_compares_equal_so_it_is_sent_once()
    {
        var first = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.FromSeconds(3)));
        var second = StreamHealth.Evaluate(Inputs(frameAge: TimeSpan.FromSeconds(9)));

        Assert.True(first.SameAs(second));
    }
}
