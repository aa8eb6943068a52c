using System.Text.Json;
using CrazyTrain.Console.Live;
using CrazyTrain.Console.State;
using CrazyTrain.Console.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrazyTrain.Console.Tests;

public sealed class TrainStateHubTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly EventBroadcaster _events;
    private readonly TrainStateHub _hub;
    private readonly EventSubscription _browser;

    public TrainStateHubTests()
    {
        var options = Options.Create(new ConsoleOptions { OrderHistory = 3 });
        _events = new EventBroadcaster(options, _clock);
        _hub = new TrainStateHub(_events, _clock, options);
        _browser = _events.Subscribe(null);
    }

    private List<ConsoleEvent> Received()
    {
        var events = new List<ConsoleEvent>();
        while (_browser.Events.TryRead(out var consoleEvent))
        {
            events.Add(consoleEvent);
        }

        return events;
    }

    private static OperatorInfo Viewer => new(SignedIn: false);

    [Fact]
    public void A_frame_becomes_a_frame_event_without_its_bytes()
    {
        _hub.OnFrame(Frames.Record(7, _clock.GetUtcNow()));

        var frameEvent = Assert.Single(Received());
        Assert.Equal(ConsoleEventTypes.Frame, frameEvent.Type);
        using var json = JsonDocument.Parse(frameEvent.Json);
        Assert.Equal(7, json.RootElement.GetProperty("frameId").GetInt64());
        Assert.Equal(40, json.RootElement.GetProperty("ageMs").GetDouble());
        Assert.True(frameEvent.Json.Length < 400, "a frame event carries metadata, not the image");
    }

    [Fact]
    public void Serves_the_frame_asked_for_while_it_is_kept_and_the_latest_otherwise()
    {
        for (var id = 1; id <= 20; id++)
        {
            _hub.OnFrame(Frames.Record(id, _clock.GetUtcNow()));
        }

        Assert.Equal(18, _hub.Frame(18)!.FrameId);
        Assert.Equal(20, _hub.Frame(2)!.FrameId);
        Assert.Equal(20, _hub.Frame(null)!.FrameId);
    }

    [Fact]
    public void Detections_carry_the_end_to_end_latency_from_capture()
    {
        var captured = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMilliseconds(85));

        _hub.OnDetections(3, captured, Frames.Detections(3, captured, ("stop", 0.9, 1, 2, 3, 4)));

        var snapshot = _hub.Snapshot(Viewer);
        Assert.Equal(85, snapshot.Detections!.LatencyMs);
        Assert.Equal(85, snapshot.Pipeline.LatencyAverageMs);
        Assert.Equal(ConsoleEventTypes.Detections, Assert.Single(Received()).Type);
    }

    [Fact]
    public void The_snapshot_pairs_the_latest_frame_with_its_own_detections()
    {
        var now = _clock.GetUtcNow();
        _hub.OnFrame(Frames.Record(10, now));
        _hub.OnDetections(10, now, Frames.Detections(10, now, ("stop", 0.9, 1, 2, 3, 4)));
        _hub.OnFrame(Frames.Record(11, now));

        var snapshot = _hub.Snapshot(Viewer);

        Assert.Equal(11, snapshot.Frame!.FrameId);
        Assert.Null(snapshot.FrameDetections);
        Assert.Equal(10, snapshot.Detections!.FrameId);
    }

    [Fact]
    public void Orders_are_kept_newest_first_without_duplicates_and_bounded()
    {
        JsonElement Order(string time, string action) => JsonSerializer.SerializeToElement(new { time, action, power = 0, reason = (object?)null });

        Assert.True(_hub.OnOrder(Order("2026-11-28T16:00:01Z", "start")));
        Assert.True(_hub.OnOrder(Order("2026-11-28T16:00:03Z", "stop")));
        Assert.False(_hub.OnOrder(Order("2026-11-28T16:00:03Z", "stop"), fromKafka: false));
        Assert.True(_hub.OnOrder(Order("2026-11-28T16:00:02Z", "limit")));
        Assert.True(_hub.OnOrder(Order("2026-11-28T16:00:04Z", "resume")));

        var actions = _hub.Snapshot(Viewer).Orders.Select(order => order.GetProperty("action").GetString());
        Assert.Equal(["resume", "stop", "limit"], actions);
    }

    [Fact]
    public void The_status_event_is_sent_when_the_verdict_changes_and_only_then()
    {
        _hub.OnFrame(Frames.Record(1, _clock.GetUtcNow()));
        _hub.OnDetections(1, _clock.GetUtcNow(), Frames.Detections(1, _clock.GetUtcNow()));
        Received();

        Assert.Equal(StreamState.Live, _hub.EvaluateStatus().State);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _hub.EvaluateStatus();
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(StreamState.Stalled, _hub.EvaluateStatus().State);
        _hub.EvaluateStatus();

        var statuses = Received().Where(e => e.Type == ConsoleEventTypes.Status).Select(e => JsonDocument.Parse(e.Json).RootElement.GetProperty("state").GetString());
        Assert.Equal(["live", "stalled"], statuses);
    }

    [Fact]
    public void A_service_update_is_announced_only_when_something_changed()
    {
        var data = JsonSerializer.SerializeToElement(new { state = "running" });
        _hub.UpdateService(ServiceNames.Capture, new ServiceStatus(true, 200, data, null, _clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromSeconds(1));
        _hub.UpdateService(ServiceNames.Capture, new ServiceStatus(true, 200, data, null, _clock.GetUtcNow()));
        _hub.UpdateService(ServiceNames.Capture, new ServiceStatus(false, null, null, "refused", _clock.GetUtcNow()));

        Assert.Equal(2, Received().Count(e => e.Type == ConsoleEventTypes.Service));
        Assert.False(_hub.Service(ServiceNames.Capture).Reachable);
    }

    [Fact]
    public void Telemetry_keeps_the_sources_heard_from_most_recently_and_no_more()
    {
        var options = Options.Create(new ConsoleOptions { TelemetrySources = 2 });
        var hub = new TrainStateHub(new EventBroadcaster(options, _clock), _clock, options);
        static JsonElement Battery(int percent) => JsonSerializer.SerializeToElement(new { battery = percent });

        hub.OnTelemetry("hub", Battery(90));
        hub.OnTelemetry("controller", Battery(0));
        hub.OnTelemetry("hub", Battery(80));
        hub.OnTelemetry("stray-source", Battery(1));

        var telemetry = hub.Snapshot(Viewer).Telemetry;
        Assert.Equal(["hub", "stray-source"], telemetry.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(80, telemetry["hub"].GetProperty("battery").GetInt32());
    }
}
