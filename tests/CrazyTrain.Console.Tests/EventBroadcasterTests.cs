using CrazyTrain.Console.Api;
using CrazyTrain.Console.Live;
using CrazyTrain.Console.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrazyTrain.Console.Tests;

public sealed class EventBroadcasterTests
{
    private static EventBroadcaster Create(int replay = 64) =>
        new(Options.Create(new ConsoleOptions { ReplayCapacity = replay }), new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_new_browser_needs_a_snapshot_and_then_gets_every_event()
    {
        var events = Create();
        using var subscription = events.Subscribe(lastEventId: null);
        var published = events.Publish("frame", new { frameId = 7 });

        Assert.True(subscription.NeedsSnapshot);
        Assert.Equal(published.Id - 1, subscription.StartId);
        Assert.True(subscription.Events.TryRead(out var received));
        Assert.Equal(published, received);
        Assert.Equal("{\"frameId\":7}", received.Json);
    }

    [Fact]
    public void A_returning_browser_gets_what_it_missed_instead_of_a_snapshot()
    {
        var events = Create();
        var seen = events.Publish("frame", new { frameId = 1 });
        var missed1 = events.Publish("frame", new { frameId = 2 });
        var missed2 = events.Publish("order", new { action = "stop" });

        using var subscription = events.Subscribe(seen.Id);

        Assert.False(subscription.NeedsSnapshot);
        Assert.Equal([missed1, missed2], subscription.Missed);
    }

    [Fact]
    public void Ids_start_past_any_id_an_earlier_process_gave_out()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-28T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var earlier = new EventBroadcaster(Options.Create(new ConsoleOptions()), clock);
        for (var i = 0; i < 500; i++)
        {
            earlier.Publish("frame", i);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        var restarted = new EventBroadcaster(Options.Create(new ConsoleOptions()), clock);
        using var subscription = restarted.Subscribe(earlier.LastEventId);

        Assert.True(restarted.LastEventId > earlier.LastEventId);
        Assert.True(subscription.NeedsSnapshot);
    }

    [Fact]
    public void A_browser_that_falls_behind_is_marked_lagging_and_the_others_are_unaffected()
    {
        var events = Create();
        using var slow = events.Subscribe(null);
        using var fast = events.Subscribe(null);
        for (var i = 0; i < EventBroadcaster.SubscriberQueueLength + 10; i++)
        {
            events.Publish("frame", i);
            Assert.True(fast.Events.TryRead(out _));
        }

        Assert.True(slow.TakeLagged());
        Assert.False(slow.TakeLagged());
        Assert.False(fast.TakeLagged());
    }

    [Fact]
    public void A_closed_subscription_receives_nothing_more()
    {
        var events = Create();
        var subscription = events.Subscribe(null);
        subscription.Dispose();
        events.Publish("frame", 1);

        Assert.Equal(0, events.SubscriberCount);
        Assert.False(subscription.Events.TryRead(out _));
    }

    [Fact]
    public void Formats_one_event_in_the_wire_format()
    {
        var text = EventStreamEndpoint.Format(new ConsoleEvent(42, "frame", "{\"frameId\":1}"));

        Assert.Equal("id: 42\nevent: frame\ndata: {\"frameId\":1}\n\n", text);
    }
}
