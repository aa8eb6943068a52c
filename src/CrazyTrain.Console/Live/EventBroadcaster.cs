using System.Text.Json;
using System.Threading.Channels;
using CrazyTrain.Messaging;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console.Live;

/// <summary>
/// Fans events out to every connected browser. Each event is serialised once, numbered, kept in the replay
/// buffer and offered to each subscriber's own bounded queue: a slow browser loses its oldest events and is sent
/// a snapshot instead; it never slows the Kafka consumers or the other browsers.
/// </summary>
public sealed class EventBroadcaster
{
    /// <summary>Events a subscriber may have queued before it counts as lagging.</summary>
    public const int SubscriberQueueLength = 512;

    private readonly Lock _gate = new();
    private readonly EventReplayBuffer _replay;
    private readonly List<EventSubscription> _subscribers = [];
    private long _lastId;

    public EventBroadcaster(IOptions<ConsoleOptions> options, TimeProvider time)
    {
        _replay = new EventReplayBuffer(options.Value.ReplayCapacity);
        // Ids start at the process's start time in microseconds, so a restarted console never hands out an id a
        // browser still holds from the previous process: that browser's Last-Event-ID is then older than the
        // buffer and it gets a snapshot instead of a wrong resume.
        _lastId = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
    }

    public long LastEventId
    {
        get
        {
            lock (_gate)
            {
                return _lastId;
            }
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public ConsoleEvent Publish<T>(string type, T payload)
    {
        var json = JsonSerializer.Serialize(payload, TrainJson.Options);
        lock (_gate)
        {
            var consoleEvent = new ConsoleEvent(++_lastId, type, json);
            _replay.Add(consoleEvent);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Offer(consoleEvent);
            }

            return consoleEvent;
        }
    }

    /// <summary>
    /// Registers a browser. With a <paramref name="lastEventId"/> the buffer still covers, the subscription
    /// starts with the missed events; otherwise it asks for a snapshot first.
    /// </summary>
    public EventSubscription Subscribe(long? lastEventId)
    {
        lock (_gate)
        {
            IReadOnlyList<ConsoleEvent>? missed = null;
            if (lastEventId is { } id && _replay.TryGetSince(id, _lastId, out var events))
            {
                missed = events;
            }

            var subscription = new EventSubscription(this, _lastId, missed);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    internal void Remove(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }
}

/// <summary>One browser's view of the event stream.</summary>
public sealed class EventSubscription : IDisposable
{
    private readonly EventBroadcaster _owner;
    private readonly Channel<ConsoleEvent> _queue;
    private int _lagged;

    internal EventSubscription(EventBroadcaster owner, long startId, IReadOnlyList<ConsoleEvent>? missed)
    {
        _owner = owner;
        StartId = startId;
        Missed = missed ?? [];
        NeedsSnapshot = missed is null;
        _queue = Channel.CreateBounded<ConsoleEvent>(
            new BoundedChannelOptions(EventBroadcaster.SubscriberQueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Exchange(ref _lagged, 1));
    }

    /// <summary>The newest event id when the browser subscribed; a snapshot sent first carries this id.</summary>
    public long StartId { get; }

    /// <summary>True when the browser had no usable <c>Last-Event-ID</c>: it needs the full state first.</summary>
    public bool NeedsSnapshot { get; }

    /// <summary>Events the browser missed while it was away, to send before anything new.</summary>
    public IReadOnlyList<ConsoleEvent> Missed { get; }

    public ChannelReader<ConsoleEvent> Events => _queue.Reader;

    /// <summary>True once after the queue overflowed: events were lost, so the browser should get a snapshot.</summary>
    public bool TakeLagged() => Interlocked.Exchange(ref _lagged, 0) == 1;

    internal void Offer(ConsoleEvent consoleEvent) => _queue.Writer.TryWrite(consoleEvent);

    public void Dispose()
    {
        _owner.Remove(this);
        _queue.Writer.TryComplete();
    }
}
