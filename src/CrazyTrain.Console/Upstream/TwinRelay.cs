using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console.Upstream;

/// <summary>
/// The console's window on the twin for the page's map: the twin's state (<c>/api/twin</c>, without its event log,
/// which the map does not draw) and its layout's geometry (<c>/api/twin/map</c>, kept with its ETag and revalidated,
/// so the geometry crosses the wire once per layout). Answers are shared for <see cref="ConsoleOptions.TwinRefresh"/>:
/// twenty browsers cost the twin what one does. Reads carry no operator token, like every read of the console's.
/// </summary>
public sealed class TwinRelay(IHttpClientFactory clients, IOptions<ConsoleOptions> options, TimeProvider time)
{
    public const string Twin = "twin";

    private readonly Cached _state = new("/api/twin");
    private readonly Cached _map = new("/api/twin/map");

    /// <summary>Whether this console has a twin at all (Simulation); without one the page shows no map.</summary>
    public bool Configured => options.Value.TwinUrl is not null;

    public Task<TwinAnswer> StateAsync(CancellationToken cancellationToken) => FetchAsync(_state, WithoutEvents, cancellationToken);

    public Task<TwinAnswer> MapAsync(CancellationToken cancellationToken) => FetchAsync(_map, body => body, cancellationToken);

    private async Task<TwinAnswer> FetchAsync(Cached cached, Func<string, string> shape, CancellationToken cancellationToken)
    {
        await cached.Gate.WaitAsync(cancellationToken);
        try
        {
            // One request at a time per path; whoever waited behind it takes the answer it brought.
            if (cached.Answer is { } fresh && time.GetUtcNow() - cached.FetchedAt < options.Value.TwinRefresh)
            {
                return fresh;
            }

            cached.Answer = await AskTwinAsync(cached, shape, cancellationToken);
            cached.FetchedAt = time.GetUtcNow();
            return cached.Answer;
        }
        finally
        {
            cached.Gate.Release();
        }
    }

    private async Task<TwinAnswer> AskTwinAsync(Cached cached, Func<string, string> shape, CancellationToken cancellationToken)
    {
        var timeout = options.Value.ServiceTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, cached.Path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var known = cached.Answer is { Ok: true } ok ? ok : null;
            if (known?.ETag is { } etag)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            using var response = await clients.CreateClient(Twin).SendAsync(request, deadline.Token);
            if (response.StatusCode == HttpStatusCode.NotModified && known is not null)
            {
                return known;
            }

            if (!response.IsSuccessStatusCode)
            {
                return TwinAnswer.Unavailable($"the twin answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return new TwinAnswer(true, shape(body), response.Headers.ETag?.ToString(), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TwinAnswer.Unavailable($"the twin did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or Polly.ExecutionRejectedException or TimeoutException or System.Text.Json.JsonException)
        {
            // Refused connection, a name service discovery cannot resolve, the resilience pipeline giving up, or a body that is not JSON.
            return TwinAnswer.Unavailable($"the twin is not reachable: {exception.Message}");
        }
    }

    // The twin's event log (up to 100 entries) would be most of every poll's bytes, and the map does not draw it.
    private static string WithoutEvents(string body)
    {
        var state = JsonNode.Parse(body)?.AsObject() ?? throw new System.Text.Json.JsonException("the twin's state is not a JSON object");
        state.Remove("events");
        return state.ToJsonString();
    }

    private sealed class Cached(string path)
    {
        public string Path { get; } = path;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public TwinAnswer? Answer { get; set; }

        public DateTimeOffset FetchedAt { get; set; }
    }
}

/// <summary>One answer from the twin, as JSON text to pass on, or why there is none.</summary>
public sealed record TwinAnswer(bool Ok, string? Json, string? ETag, string? Error)
{
    public static TwinAnswer Unavailable(string why) => new(false, null, null, why);
}
