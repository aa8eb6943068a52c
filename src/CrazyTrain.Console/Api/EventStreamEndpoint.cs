using System.Globalization;
using System.Text;
using CrazyTrain.Console.Live;
using CrazyTrain.Console.Operators;
using CrazyTrain.Console.State;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console.Api;

/// <summary>
/// <c>GET /api/events</c>: Server-Sent Events made to survive proxies and security software that buffer:
/// no-transform caching headers, <c>X-Accel-Buffering: no</c>, no compression, a flush after every event, a
/// heartbeat when idle, a <c>retry:</c> hint, and a resume from <c>Last-Event-ID</c> (header, or the
/// <c>lastEventId</c> query parameter for pages that reconnect by hand).
/// </summary>
public static class EventStreamEndpoint
{
    public const string ContentType = "text/event-stream; charset=utf-8";

    public static async Task StreamAsync(
        HttpContext context,
        EventBroadcaster broadcaster,
        TrainStateHub hub,
        OperatorAccess access,
        IOptions<ConsoleOptions> options,
        IHostApplicationLifetime lifetime)
    {
        var response = context.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        using var subscription = broadcaster.Subscribe(LastEventId(context.Request));
        try
        {
            var retry = (long)options.Value.ReconnectDelay.TotalMilliseconds;
            await response.WriteAsync($"retry: {retry.ToString(CultureInfo.InvariantCulture)}\n\n", cancellationToken);
            if (subscription.NeedsSnapshot)
            {
                await WriteSnapshotAsync(context, hub, access, subscription.StartId, cancellationToken);
            }

            foreach (var missed in subscription.Missed)
            {
                await WriteEventAsync(response, missed, cancellationToken);
            }

            await response.Body.FlushAsync(cancellationToken);
            await PumpAsync(context, subscription, hub, access, options.Value.HeartbeatInterval, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser left or the console stops: nothing more to send.
        }
        catch (IOException)
        {
            // The connection broke mid-write; the browser reconnects with its Last-Event-ID.
        }
    }

    private static async Task PumpAsync(HttpContext context, EventSubscription subscription, TrainStateHub hub, OperatorAccess access, TimeSpan heartbeat, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var reader = subscription.Events;
        while (!cancellationToken.IsCancellationRequested)
        {
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                idle.CancelAfter(heartbeat);
                try
                {
                    if (!await reader.WaitToReadAsync(idle.Token))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Idle for a heartbeat period: say so, without an id, so a resume point stays where it is.
                    var beat = $"event: {ConsoleEventTypes.Heartbeat}\ndata: {{\"serverTime\":\"{hub.Now.ToString("O", CultureInfo.InvariantCulture)}\"}}\n\n";
                    await response.WriteAsync(beat, cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    continue;
                }
            }

            if (subscription.TakeLagged())
            {
                // This browser fell so far behind that events were dropped: start it again from the whole state.
                await WriteSnapshotAsync(context, hub, access, null, cancellationToken);
            }

            while (reader.TryRead(out var consoleEvent))
            {
                // Flushed one by one: an event must leave now, not when some buffer happens to fill.
                await WriteEventAsync(response, consoleEvent, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
    }

    private static Task WriteSnapshotAsync(HttpContext context, TrainStateHub hub, OperatorAccess access, long? id, CancellationToken cancellationToken)
    {
        var snapshot = hub.Snapshot(ConsoleEndpoints.OperatorInfoFor(context, access));
        var json = System.Text.Json.JsonSerializer.Serialize(snapshot, Messaging.TrainJson.Options);
        return WriteEventAsync(context.Response, new ConsoleEvent(id ?? snapshot.LastEventId, ConsoleEventTypes.Snapshot, json), cancellationToken);
    }

    /// <summary>One event in the SSE wire format; JSON written by System.Text.Json holds no raw line breaks.</summary>
    public static string Format(ConsoleEvent consoleEvent) =>
        new StringBuilder(consoleEvent.Json.Length + 48)
            .Append("id: ").Append(consoleEvent.Id.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: ").Append(consoleEvent.Type).Append('\n')
            .Append("data: ").Append(consoleEvent.Json).Append("\n\n")
            .ToString();

    private static Task WriteEventAsync(HttpResponse response, ConsoleEvent consoleEvent, CancellationToken cancellationToken) =>
        response.WriteAsync(Format(consoleEvent), cancellationToken);

    internal static long? LastEventId(HttpRequest request)
    {
        var raw = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrWhiteSpace(raw))
        {
            raw = request.Query["lastEventId"].ToString();
        }

        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
