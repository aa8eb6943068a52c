using CrazyTrain.Console.Live;

namespace CrazyTrain.Console.Tests;

public sealed class EventReplayBufferTests
{
    private static EventReplayBuffer Filled(int capacity, long firstId, int count)
    {
        var buffer = new EventReplayBuffer(capacity);
        for (var i = 0; i < count; i++)
        {
            buffer.Add(new ConsoleEvent(firstId + i, "frame", "{}"));
        }

        return buffer;
    }

    [Fact]
    public void Returns_the_events_after_the_last_one_the_browser_saw()
    {
        var buffer = Filled(capacity: 10, firstId: 101, count: 5);

        Assert.True(buffer.TryGetSince(102, newestId: 105, out var missed));

        Assert.Equal([103L, 104L, 105L], missed.Select(e => e.Id));
    }

    [Fact]
    public void A_browser_that_is_up_to_date_gets_nothing_and_no_snapshot()
    {
        var buffer = Filled(capacity: 10, firstId: 1, count: 3);

        Assert.True(buffer.TryGetSince(3, newestId: 3, out var missed));
        Assert.Empty(missed);
    }

    [Fact]
    public void Keeps_only_its_capacity_and_refuses_a_resume_from_before_that()
    {
        var buffer = Filled(capacity: 4, firstId: 1, count: 10);

        Assert.Equal(4, buffer.Count);
        Assert.True(buffer.TryGetSince(6, newestId: 10, out var missed));
        Assert.Equal([7L, 8L, 9L, 10L], missed.Select(e => e.Id));
        Assert.False(buffer.TryGetSince(5, newestId: 10, out _));
    }

    [Fact]
    public void An_id_from_the_future_comes_from_another_process_and_needs_a_snapshot()
    {
        var buffer = Filled(capacity: 4, firstId: 1, count: 2);

        Assert.False(buffer.TryGetSince(99, newestId: 2, out _));
    }

    [Fact]
    public void Ids_must_grow()
    {
        var buffer = Filled(capacity: 4, firstId: 5, count: 1);

        Assert.Throws<ArgumentException>(() => buffer.Add(new ConsoleEvent(5, "frame", "{}")));
    }
}
