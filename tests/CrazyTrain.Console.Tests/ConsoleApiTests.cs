using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.Console.Operators;
using CrazyTrain.Console.Tests.Support;

namespace CrazyTrain.Console.Tests;

/// <summary>The console's HTTP API in memory (WebApplicationFactory) against fake services on real loopback ports.</summary>
public sealed class ConsoleApiTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private const string Token = "operator-token-for-tests";

    private FakeTrainServices _services = null!;

    public async Task InitializeAsync() => _services = await FakeTrainServices.StartAsync();

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private ConsoleFactory Console(IDictionary<string, string?>? settings = null, string? services = null) =>
        new(broker.Broker.BootstrapServers, services ?? _services.BaseAddress, settings);

    private static Dictionary<string, string?> TokenAlways(string? token = Token) => new()
    {
        ["Console:OperatorTokenRequired"] = "Always",
        ["Console:OperatorToken"] = token,
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task The_page_is_served_from_the_root()
    {
        await using var console = Console();
        var html = await console.CreateClient().GetStringAsync("/");

        Assert.Contains("console.js", html);
        Assert.Contains("EMERGENCY STOP", html);
    }

    [Fact]
    public async Task The_snapshot_shows_what_the_services_report()
    {
        await using var console = Console();
        var client = console.CreateClient();

        var state = (await Eventually.Get(async () =>
        {
            var json = await Json(await client.GetAsync("/api/state"));
            return json.GetProperty("services").GetProperty("train").GetProperty("reachable").GetBoolean() ? (JsonElement?)json : null;
        }, "the poller to reach the fake controller"))!.Value;

        var services = state.GetProperty("services");
        Assert.Equal("running", services.GetProperty("capture").GetProperty("data").GetProperty("state").GetString());
        Assert.Equal("CPU", services.GetProperty("model").GetProperty("data").GetProperty("executionProvider").GetString());
        Assert.Equal(87, services.GetProperty("train").GetProperty("data").GetProperty("hub").GetProperty("battery").GetInt32());
        Assert.Equal("start", state.GetProperty("orders")[0].GetProperty("action").GetString());
        Assert.Equal("stalled", state.GetProperty("stream").GetProperty("state").GetString());
        Assert.False(state.GetProperty("operator").GetProperty("tokenRequired").GetBoolean());
    }

    [Fact]
    public async Task Services_that_are_down_are_a_state_on_the_page_not_an_error()
    {
        // A port nothing listens on: every upstream call fails.
        await using var console = Console(services: "http://127.0.0.1:9");
        var client = console.CreateClient();

        var state = (await Eventually.Get(async () =>
        {
            var json = await Json(await client.GetAsync("/api/state"));
            return json.GetProperty("stream").GetProperty("state").GetString() == "down" ? (JsonElement?)json : null;
        }, "the console to notice capture is unreachable"))!.Value;

        Assert.Contains("capture service unreachable", state.GetProperty("stream").GetProperty("reason").GetString());
        Assert.False(state.GetProperty("services").GetProperty("train").GetProperty("reachable").GetBoolean());
        var stop = await client.PostAsync("/api/actions/emergency-stop", null);
        Assert.Equal(HttpStatusCode.BadGateway, stop.StatusCode);
        Assert.Contains("controller", (await Json(stop)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_latest_frame_is_served_with_its_id_and_an_older_one_on_request()
    {
        await using var console = Console();
        var client = console.CreateClient();
        var before = await client.GetAsync("/api/frames/latest.jpg");
        var now = console.Hub.Now;
        console.Hub.OnFrame(Frames.Record(40, now));
        console.Hub.OnFrame(Frames.Record(41, now));

        var latest = await client.GetAsync("/api/frames/latest.jpg");
        var older = await client.GetAsync("/api/frames/latest.jpg?id=40");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains("No frame", (await Json(before)).GetProperty("error").GetString());
        Assert.Equal("41", latest.Headers.GetValues("X-Frame-Id").Single());
        Assert.Equal("image/jpeg", latest.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Frames.Jpeg(41), await latest.Content.ReadAsByteArrayAsync());
        Assert.Equal("40", older.Headers.GetValues("X-Frame-Id").Single());
        Assert.Equal("no-store", latest.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task On_loopback_an_action_needs_no_token_and_reaches_the_service()
    {
        await using var console = Console();
        var response = await console.CreateClient().PostAsync("/api/actions/emergency-stop", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal(200, body.GetProperty("upstreamStatus").GetInt32());
        Assert.Equal(1, _services.CallsTo("/api/train/emergency-stop"));
    }

    [Theory]
    [InlineData("capture-start", "/api/capture/start")]
    [InlineData("capture-stop", "/api/capture/stop")]
    [InlineData("train-start", "/api/train/start")]
    public async Task Each_button_calls_its_service(string action, string path)
    {
        await using var console = Console();
        var response = await console.CreateClient().PostAsync($"/api/actions/{action}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([path], _services.Calls);
    }

    [Fact]
    public async Task A_missing_token_is_a_401_with_a_reason_and_nothing_reaches_the_service()
    {
        await using var console = Console(TokenAlways());
        var response = await console.CreateClient().PostAsync("/api/actions/emergency-stop", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("operator token is required", (await Json(response)).GetProperty("error").GetString());
        Assert.Empty(_services.Calls);
    }

    [Fact]
    public async Task A_wrong_token_is_a_401()
    {
        await using var console = Console(TokenAlways());
        var client = console.CreateClient();
        client.DefaultRequestHeaders.Add(OperatorAccess.TokenHeader, "not-the-token");

        var response = await client.PostAsync("/api/actions/train-start", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The operator token is wrong.", (await Json(response)).GetProperty("error").GetString());
        Assert.Empty(_services.Calls);
    }

    [Fact]
    public async Task The_right_token_works_in_either_header_and_viewing_needs_none()
    {
        await using var console = Console(TokenAlways());
        var client = console.CreateClient();
        using var header = new HttpRequestMessage(HttpMethod.Post, "/api/actions/train-start");
        header.Headers.Add(OperatorAccess.TokenHeader, Token);
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/api/actions/emergency-stop");
        bearer.Headers.Authorization = new("Bearer", Token);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(header)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(bearer)).StatusCode);
        var state = await Json(await client.GetAsync("/api/state"));
        Assert.True(state.GetProperty("operator").GetProperty("tokenRequired").GetBoolean());
        Assert.Equal(["/api/train/start", "/api/train/emergency-stop"], _services.Calls);
    }

    [Fact]
    public async Task Without_a_configured_token_actions_are_refused_where_one_is_required()
    {
        await using var console = Console(TokenAlways(token: null));
        var response = await console.CreateClient().PostAsync("/api/actions/emergency-stop", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Console:OperatorToken", (await Json(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_action_is_a_404_listing_the_known_ones()
    {
        await using var console = Console();
        var response = await console.CreateClient().PostAsync("/api/actions/self-destruct", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("emergency-stop", (await Json(response)).GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task A_refusal_by_the_service_is_passed_on_with_its_reason()
    {
        await using var console = Console();
        var response = await console.CreateClient().PostAsync("/api/actions/resume", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("not in an emergency stop", (await Json(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_emergency_stop_goes_through_while_another_action_is_in_flight()
    {
        await using var console = Console();
        var client = console.CreateClient();
        _services.ActionGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _services.GatedPaths.Add("/api/capture/start");

        var slow = client.PostAsync("/api/actions/capture-start", null);
        await Eventually.True(() => _services.Arrived.Contains("/api/capture/start"), "the slow action to be held by the service");
        var stop = await client.PostAsync("/api/actions/emergency-stop", null);

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.False(slow.IsCompleted);
        Assert.Equal(["/api/train/emergency-stop"], _services.Calls);
        _services.ActionGate.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await slow).StatusCode);
    }

    [Fact]
    public async Task Other_actions_wait_their_turn_and_give_up_with_409_when_the_turn_does_not_come()
    {
        await using var console = Console(new Dictionary<string, string?> { ["Console:ActionQueueTimeout"] = "00:00:00.300" });
        var client = console.CreateClient();
        _services.ActionGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _services.GatedPaths.Add("/api/train/start");

        var first = client.PostAsync("/api/actions/train-start", null);
        await Eventually.True(() => _services.Arrived.Contains("/api/train/start"), "the first action to be held by the service");
        var second = await client.PostAsync("/api/actions/capture-stop", null);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Another operator action", (await Json(second)).GetProperty("error").GetString());
        Assert.Empty(_services.Calls);
        _services.ActionGate.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
    }
}

/// <summary>One mock broker per test class: consumers need a real broker to connect to.</summary>
public sealed class BrokerFixture : IDisposable
{
    public MockBroker Broker { get; } = new();

    public void Dispose() => Broker.Dispose();
}
