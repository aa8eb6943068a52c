using System.Diagnostics;
using System.Threading.Channels;
using CrazyTrain.Messaging;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Controller.Orders;

/// <summary>Where orders wait for the broker, as the health check and <c>/health</c> see it.</summary>
public sealed record OrderDeliveryStatus(int Waiting, DateTimeOffset? WaitingSince, string? LastError, long Dropped, int UnreadableJournalLines);

/// <summary>
/// The order record's way to <c>train.orders</c>, off the policy loop: <see cref="Give"/> only queues (the hub
/// command has already been woken), and this courier journals each order to disk, then publishes it with the
/// Durable profile and awaits the broker's acknowledgement (acks=all, idempotent), one at a time so the topic keeps
/// the order in which they were given. A failed delivery is retried with a growing pause, never skipped (up to <see cref="WaitingLimit"/> waiting); what is
/// waiting shows in the <c>orders</c> health check. At start the history comes back from the journal and the
/// orders an earlier process could not deliver are sent first.
/// </summary>
public sealed partial class OrderOutbox : BackgroundService
{
    /// <summary>
    /// Orders kept waiting at most. Orders come with state changes, a few a minute, so this is hours of a broker
    /// outage; past it the oldest waiting order is dropped, logged and counted (Degraded), never silently.
    /// </summary>
    public const int WaitingLimit = 10_000;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    private readonly Channel<(JournalEntry Entry, ActivityContext Cause)> _given =
        Channel.CreateUnbounded<(JournalEntry, ActivityContext)>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });

    private readonly LinkedList<(JournalEntry Entry, ActivityContext Cause)> _waiting = new();
    private readonly Lock _gate = new();
    private readonly OrderJournal _journal;
    private readonly ITrainProducer _producer;
    private readonly TimeProvider _time;
    private readonly ILogger<OrderOutbox> _logger;
    private readonly int _unreadable;
    private long _sequence;
    private long _dropped;
    private string? _lastError;
    private DateTimeOffset? _waitingSince;

    public OrderOutbox(OrderHistory history, ITrainProducer producer, IOptions<ControllerOptions> options, TimeProvider time, ILogger<OrderOutbox> logger)
    {
        _producer = producer;
        _time = time;
        _logger = logger;
        _journal = new OrderJournal(options.Value.StateFolder!, history.Capacity);

        // Before anything can give an order: the sequence continues, the history and the undelivered orders come back.
        var earlier = LoadJournal();
        _sequence = earlier.LastSequence;
        _unreadable = earlier.UnreadableLines;
        foreach (var entry in earlier.Newest)
        {
            history.Add(entry.Order);
        }

        foreach (var entry in earlier.Undelivered)
        {
            _waiting.AddLast((entry, default));
        }

        if (earlier.Undelivered.Count > 0 || earlier.UnreadableLines > 0)
        {
            _waitingSince = time.GetUtcNow();
            LogRestored(earlier.Undelivered.Count, earlier.UnreadableLines, _journal.FilePath);
        }
    }

    /// <summary>A journal that cannot be read costs the history, never the start: the train must stay controllable.</summary>
    private JournalContents LoadJournal()
    {
        try
        {
            return _journal.Load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogJournalFailed(e, _journal.FilePath);
            return new JournalContents([], [], 0, 0);
        }
    }

    public OrderDeliveryStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new OrderDeliveryStatus(_waiting.Count + _given.Reader.Count, _waitingSince, _lastError, _dropped, _unreadable);
            }
        }
    }

    /// <summary>Queues the order for the broker and returns at once: never blocks the policy loop.</summary>
    public void Give(string key, OrderMessage order, ActivityContext cause)
    {
        lock (_gate)
        {
            _waitingSince ??= _time.GetUtcNow();
            _given.Writer.TryWrite((new JournalEntry(++_sequence, key, order), cause));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TakeGiven();
                if (Head() is not { } head)
                {
                    await _given.Reader.WaitToReadAsync(stoppingToken);
                    continue;
                }

                if (await DeliverAsync(head, stoppingToken))
                {
                    Delivered(head.Entry);
                    retry = FirstRetry;
                }
                else
                {
                    // Orders given meanwhile are journaled during the pause, then wait behind this one.
                    await PauseAsync(retry, stoppingToken);
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // What is still waiting is in the journal: the next start delivers it.
            TakeGiven();
        }
    }

    /// <summary>Publishes and awaits the broker; orders given while it waits are journaled at once, not after.</summary>
    private async Task<bool> DeliverAsync((JournalEntry Entry, ActivityContext Cause) head, CancellationToken stoppingToken)
    {
        // The publish span joins the trace of the frame (or request) that caused the order.
        using var activity = head.Cause != default
            ? ControllerTelemetry.ActivitySource.StartActivity($"order {head.Entry.Order.Action}", ActivityKind.Internal, head.Cause)
            : null;
        var delivery = _producer.PublishJsonAndWaitAsync(Topics.Orders, head.Entry.Key, head.Entry.Order, stoppingToken);
        while (!delivery.IsCompleted)
        {
            stoppingToken.ThrowIfCancellationRequested();
            await Task.WhenAny(delivery, _given.Reader.WaitToReadAsync(stoppingToken).AsTask());
            TakeGiven();
        }

        try
        {
            await delivery;
            return true;
        }
        catch (Exception e) when (e is Confluent.Kafka.KafkaException or InvalidOperationException)
        {
            lock (_gate)
            {
                _lastError = e.Message;
            }

            LogDeliveryFailed(head.Entry.Sequence, head.Entry.Order.Action, e.Message);
            return false;
        }
    }

    private async Task PauseAsync(TimeSpan pause, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var sleep = Task.Delay(pause, _time, wait.Token);
        while (!sleep.IsCompleted)
        {
            await Task.WhenAny(sleep, _given.Reader.WaitToReadAsync(wait.Token).AsTask());
            TakeGiven();
        }

        await wait.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    /// <summary>Moves what the policy gave into the waiting line, journaled first so a restart still has it.</summary>
    private void TakeGiven()
    {
        var taken = new List<(JournalEntry Entry, ActivityContext Cause)>();
        while (_given.Reader.TryRead(out var given))
        {
            taken.Add(given);
        }

        if (taken.Count == 0)
        {
            return;
        }

        List<JournalEntry> waiting;
        lock (_gate)
        {
            foreach (var given in taken)
            {
                _waiting.AddLast(given);
            }

            while (_waiting.Count > WaitingLimit)
            {
                var oldest = _waiting.First!.Value.Entry;
                _waiting.RemoveFirst();
                _dropped++;
                LogDropped(oldest.Sequence, oldest.Order.Action, WaitingLimit);
            }

            waiting = [.. _waiting.Select(item => item.Entry)];
        }

        try
        {
            _journal.Append([.. taken.Select(given => given.Entry)], waiting);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The orders still go to the broker; only a restart before they are delivered would lose them.
            LogJournalFailed(e, _journal.FilePath);
        }
    }

    private (JournalEntry Entry, ActivityContext Cause)? Head()
    {
        lock (_gate)
        {
            return _waiting.First?.Value;
        }
    }

    private void Delivered(JournalEntry entry)
    {
        lock (_gate)
        {
            _waiting.RemoveFirst();
            _lastError = null;
            if (_waiting.Count == 0 && _given.Reader.Count == 0)
            {
                _waitingSince = null;
            }
        }

        try
        {
            _journal.MarkDelivered(entry.Sequence);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Worst case the next start publishes this order again: a duplicate, never a loss.
            LogJournalFailed(e, _journal.FilePath);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {Sequence} ({Action}) not yet on train.orders: {Reason}; retrying")]
    private partial void LogDeliveryFailed(long sequence, string action, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {Sequence} ({Action}) dropped: more than {Limit} orders waiting for the broker")]
    private partial void LogDropped(long sequence, string action, int limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order journal {Path} could not be read or written: the history or orders not yet delivered may be lost on a restart")]
    private partial void LogJournalFailed(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} orders from before the restart were not on train.orders yet: delivering them first ({Unreadable} unreadable lines skipped in {Path})")]
    private partial void LogRestored(int count, int unreadable, string path);
}
