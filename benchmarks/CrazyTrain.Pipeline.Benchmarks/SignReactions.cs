using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// First frame that shows a sign >= 12 px -> hub command, as the twin records them: its <c>/api/twin</c> events
/// <c>sign-visible</c> (the first camera frame in which a target sign is at least 12 px wide) and <c>motor</c> (the
/// virtual hub receiving a power change). The train is started through the controller's operator API so it meets
/// the signs of the layout; the events are polled twice a second (the twin keeps the newest 100).
/// </summary>
internal sealed class SignReactions : IAsyncDisposable
{
    /// <summary>A motor change later than this after a sign became visible is not counted as the reaction to it.</summary>
    public static readonly TimeSpan ReactionWindow = TimeSpan.FromSeconds(3);

    private readonly HttpClient _twin;
    private readonly HashSet<TwinEvent> _events = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    private SignReactions(HttpClient twin, string? startNote)
    {
        _twin = twin;
        StartNote = startNote;
        _polling = PollAsync(_stop.Token);
    }

    /// <summary>Why the train could not be started (then no sign is met), or null.</summary>
    public string? StartNote { get; }

    /// <summary>Starts the train (retrying while perception is not fresh yet) and begins recording the twin's events.</summary>
    public static async Task<SignReactions> StartAsync(Uri twin, Uri controller, string operatorToken, CancellationToken cancellationToken)
    {
        using var operatorClient = new HttpClient { BaseAddress = controller };
        operatorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        string? note = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var start = await operatorClient.PostAsync(new Uri("/api/train/start", UriKind.Relative), null, cancellationToken);
            if (start.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                note = $"the controller refused to start the train: {(int)start.StatusCode} {await start.Content.ReadAsStringAsync(cancellationToken)}";
                break;
            }

            await Task.Delay(500, cancellationToken);
        }

        return new SignReactions(new HttpClient { BaseAddress = twin }, note);
    }

    /// <summary>Reaction times of the signs that became visible between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public ReactionSummary Summarize(DateTimeOffset from, DateTimeOffset to)
    {
        var events = Events();
        var signs = events.Where(e => e.Kind == "sign-visible" && e.Time >= from && e.Time <= to).ToList();
        var reactions = new List<double>();
        foreach (var sign in signs)
        {
            var motor = events.FirstOrDefault(e => e.Kind == "motor" && e.Time >= sign.Time && e.Time - sign.Time <= ReactionWindow);
            if (motor is not null)
            {
                reactions.Add((motor.Time - sign.Time).TotalMilliseconds);
            }
        }

        return new ReactionSummary(StartNote is null, StartNote, signs.Count, reactions.Count, Percentiles.Of(reactions));
    }

    /// <summary>Every twin event seen so far, oldest first.</summary>
    public IReadOnlyList<TwinEvent> Events()
    {
        lock (_gate)
        {
            return [.. _events.OrderBy(e => e.Time)];
        }
    }

    private async Task PollAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var document = JsonDocument.Parse(await _twin.GetStringAsync(new Uri("/api/twin", UriKind.Relative), stop));
                var seen = document.RootElement.GetProperty("events").EnumerateArray()
                    .Select(e => new TwinEvent(e.GetProperty("time").GetDateTimeOffset(), e.GetProperty("kind").GetString() ?? "", e.GetProperty("message").GetString() ?? ""))
                    .ToList();
                lock (_gate)
                {
                    _events.UnionWith(seen);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // A busy twin misses one poll; the next one reads the same (bounded) event list.
            }

            await Task.Delay(500, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
        _twin.Dispose();
    }
}

/// <summary>First frame with a sign >= 12 px -> hub command: signs met, how many the hub answered within the window, and the times.</summary>
internal sealed record ReactionSummary(bool TrainStarted, string? Note, int SignsVisible, int Reacted, Percentiles ReactionMs);
