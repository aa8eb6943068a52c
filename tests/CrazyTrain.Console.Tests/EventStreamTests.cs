using System.Net;
using System.Text.Json;
using CrazyTrain.Console.Tests.Support;

namespace CrazyTrain.Console.Tests;

/// <summary>The event stream over a real socket (Kestrel on loopback), read as a browser reads it.</summary>
public sealed class EventStreamTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private FakeTrainServices _services = null!;
    private ConsoleServer _console = null!;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _limit = new(TimeSpan.FromSeconds(60));

    public async Task InitializeAsync()
    {
        _services = await FakeTrainServices.StartAsync();
        _console = await ConsoleServer.StartAsync(broker.Broker.BootstrapServers, _services.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _console.DisposeAsync();
        await _services.DisposeAsync();
        _limit.Dispose();
    }

    private async Task<(HttpResponseMessage Response, SseReader Reader)> OpenAsync(string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{_console.Address}/api/events");
        request.Headers.Add("Accept", "text/event-stream");
        request.Headers.Add("Accept-Encoding", "gzip, br");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _limit.Token);
        return (response, new SseReader(await response.Content.ReadAsStreamAsync(_limit.Token)));
    }

    [Fact]
    public async Task The_stream_has_headers_that_keep_proxies_from_buffering_it()
    {
        var (response, reader) = await OpenAsync();
        using (response)
        using (reader)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
            Assert.True(response.Headers.CacheControl!.NoCache);
            Assert.True(response.Headers.CacheControl.NoTransform);
            Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
            Assert.Empty(response.Content.Headers.ContentEncoding);
            var retry = await reader.NextAsync(_limit.Token);
            Assert.Equal(2000, retry.Retry);
        }
    }

    [Fact]
    public async Task A_new_browser_gets_a_snapshot_then_numbered_events()
    {
        var (response, reader) = await OpenAsync();
        using (response)
        using (reader)
        {
            var snapshot = await reader.NextOfTypeAsync("snapshot", _limit.Token);
            _console.Hub.OnFrame(Frames.Record(5, _console.Hub.Now));
            var frame = await reader.NextOfTypeAsync("frame", _limit.Token);

            Assert.True(long.Parse(frame.Id!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(snapshot.Id!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(5, JsonDocument.Parse(frame.Data).RootElement.GetProperty("frameId").GetInt64());
            Assert.True(JsonDocument.Parse(snapshot.Data).RootElement.TryGetProperty("stream", out _));
        }
    }

    [Fact]
    public async Task A_browser_that_reconnects_with_Last_Event_ID_gets_what_it_missed_and_no_snapshot()
    {
        string lastSeen;
        var (response, reader) = await OpenAsync();
        using (response)
        using (reader)
        {
            _console.Hub.OnFrame(Frames.Record(1, _console.Hub.Now));
            lastSeen = (await reader.NextOfTypeAsync("frame", _limit.Token)).Id!;
        }

        // While the browser is away.
        _console.Hub.OnFrame(Frames.Record(2, _console.Hub.Now));
        _console.Hub.OnFrame(Frames.Record(3, _console.Hub.Now));

        var (again, resumed) = await OpenAsync(lastSeen);
        using (again)
        using (resumed)
        {
            Assert.NotNull((await resumed.NextAsync(_limit.Token)).Retry);
            var frameIds = new List<long>();
            while (frameIds.Count < 2)
            {
                var next = await resumed.NextAsync(_limit.Token);
                Assert.NotEqual("snapshot", next.Type);
                if (next.Type == "frame")
                {
                    frameIds.Add(JsonDocument.Parse(next.Data).RootElement.GetProperty("frameId").GetInt64());
                }
            }

            Assert.Equal([2L, 3L], frameIds);
        }
    }

    [Fact]
    public async Task An_idle_stream_sends_heartbeats_without_ids()
    {
        var (response, reader) = await OpenAsync();
        using (response)
        using (reader)
        {
            var heartbeat = await reader.NextOfTypeAsync("heartbeat", _limit.Token);

            Assert.Null(heartbeat.Id);
            Assert.True(JsonDocument.Parse(heartbeat.Data).RootElement.TryGetProperty("serverTime", out _));
        }
    }

    [Fact]
    public async Task The_polling_fallback_serves_the_same_state()
    {
        _console.Hub.OnFrame(Frames.Record(9, _console.Hub.Now));

        var response = await _http.GetAsync($"{_console.Address}/api/state", _limit.Token);
        var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_limit.Token)).RootElement;

        Assert.Equal(9, state.GetProperty("frame").GetProperty("frameId").GetInt64());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.True(state.GetProperty("lastEventId").GetInt64() > 0);
    }
}
