using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.Console.Tests.Support;

namespace CrazyTrain.Console.Tests;

/// <summary>The console's HTTP API in memory (WebApplicationFactory) against fake services on real loopback ports.</summary>
public sealed class ConsoleApiTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private const string Token = ConsoleSettings.OperatorToken;

    private FakeTrainServices _services = null!;

    public async Task InitializeAsync() => _services = await FakeTrainServices.StartAsync();

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private ConsoleFactory Console(IDictionary<string, string?>? settings = null, string? services = null) =>
        new(broker.Broker.BootstrapServers, services ?? _services.BaseAddress, settings);

    /// <summary>A script's client: <c>Authorization: Bearer</c> with the operator token, no cookie, no Origin.</summary>
    private static HttpClient Operator(ConsoleFactory console)
    {
        var client = console.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        return client;
    }

    /// <summary>A browser signed in through the login link: its session cookie, sent with <paramref name="origin"/> (null: none).</summary>
    private static async Task<HttpResponseMessage> PostAsBrowserAsync(ConsoleFactory console, string path, string? origin)
    {
        var client = console.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var login = await client.GetAsync($"/login?t={Uri.EscapeDataString(Token)}");
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Cookie", cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The console's own origin as TestServer serves it.</summary>
    private static string OwnOrigin(ConsoleFactory console) => console.Server.BaseAddress.GetLeftPart(UriPartial.Authority);

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
        Assert.False(state.GetProperty("operator").GetProperty("signedIn").GetBoolean());
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
    public async Task The_emergency_stop_needs_no_sign_in_and_reaches_the_controller_with_the_consoles_token()
    {
        await using var console = Console();
        var response = await console.CreateClient().PostAsync("/api/actions/emergency-stop", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal(200, body.GetProperty("upstreamStatus").GetInt32());
        // The fake answers 401 to anything but the operator token: the console forwarded it.
        Assert.Equal(1, _services.CallsTo("/api/train/emergency-stop"));
    }

    [Theory]
    [InlineData("capture-start", "/api/capture/start")]
    [InlineData("capture-stop", "/api/capture/stop")]
    [InlineData("train-start", "/api/train/start")]
    public async Task Each_button_calls_its_service(string action, string path)
    {
        await using var console = Console();
        var response = await Operator(console).PostAsync($"/api/actions/{action}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([path], _services.Calls);
    }

    [Theory]
    [InlineData("capture-start")]
    [InlineData("capture-stop")]
    [InlineData("train-start")]
    [InlineData("resume")]
    public async Task On_loopback_too_every_other_action_without_a_token_is_a_401_and_nothing_reaches_the_service(string action)
    {
        await using var console = Console();
        var response = await console.CreateClient().PostAsync($"/api/actions/{action}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("operator token is required", (await Json(response)).GetProperty("error").GetString());
        Assert.Empty(_services.Arrived);
    }

    [Theory]
    [InlineData("Bearer not-the-operator-token")]
    [InlineData("Bearer operator-token-for-console-tests-and-more")]
    [InlineData("Basic b3BlcmF0b3I6dG9rZW4=")]
    public async Task A_wrong_token_is_a_401(string authorization)
    {
        await using var console = Console();
        var client = console.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.PostAsync("/api/actions/train-start", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_services.Arrived);
    }

    [Fact]
    public async Task The_right_bearer_token_acts_and_viewing_needs_none()
    {
        await using var console = Console();

        Assert.Equal(HttpStatusCode.OK, (await Operator(console).PostAsync("/api/actions/train-start", null)).StatusCode);
        var state = await Json(await console.CreateClient().GetAsync("/api/state"));
        Assert.False(state.GetProperty("operator").GetProperty("signedIn").GetBoolean());
        Assert.Equal(["/api/train/start"], _services.Calls);
    }

    [Fact]
    public async Task The_login_link_sets_an_HttpOnly_SameSite_Strict_cookie_and_sends_the_browser_to_the_page()
    {
        await using var console = Console();
        var client = console.CreateClient(new() { AllowAutoRedirect = false });

        var login = await client.GetAsync($"/login?t={Uri.EscapeDataString(Token)}");
        var wrong = await client.GetAsync("/login?t=not-the-operator-token");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("./", login.Headers.Location!.OriginalString);
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, cookie);
        Assert.Equal("no-referrer", login.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_signed_in_browser_acts_from_the_consoles_own_origin_only()
    {
        await using var console = Console();
        var own = OwnOrigin(console);
        var sameSiteOtherPort = $"{console.Server.BaseAddress.Scheme}://{console.Server.BaseAddress.Host}:8081";

        var fromPage = await PostAsBrowserAsync(console, "/api/actions/capture-stop", own);
        var forgedSameSite = await PostAsBrowserAsync(console, "/api/actions/capture-start", sameSiteOtherPort);
        var forgedElsewhere = await PostAsBrowserAsync(console, "/api/actions/train-start", "https://evil.example");
        var withoutOrigin = await PostAsBrowserAsync(console, "/api/actions/train-start", origin: null);

        Assert.Equal(HttpStatusCode.OK, fromPage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forgedSameSite.StatusCode);
        Assert.Contains("not from this console's own page", (await Json(forgedSameSite)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, forgedElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutOrigin.StatusCode);
        Assert.Equal(["/api/capture/stop"], _services.Calls);
    }

    [Fact]
    public async Task A_forged_cross_origin_post_is_refused_even_with_the_bearer_token_and_even_for_the_emergency_stop()
    {
        await using var console = Console();
        var client = Operator(console);
        client.DefaultRequestHeaders.Add("Origin", "http://127.0.0.1:1");

        var start = await client.PostAsync("/api/actions/train-start", null);
        var stop = await client.PostAsync("/api/actions/emergency-stop", null);

        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stop.StatusCode);
        Assert.Empty(_services.Arrived);
    }

    [Fact]
    public async Task The_page_learns_whether_this_browser_is_signed_in()
    {
        await using var console = Console();
        var client = console.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var before = await Json(await client.GetAsync("/api/state"));
        await client.GetAsync($"/login?t={Uri.EscapeDataString(Token)}");
        var after = await Json(await client.GetAsync("/api/state"));

        Assert.False(before.GetProperty("operator").GetProperty("signedIn").GetBoolean());
        Assert.True(after.GetProperty("operator").GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task A_service_refusing_the_consoles_token_is_a_502_naming_it_not_a_401_for_the_operator()
    {
        await using var console = Console();
        _services.ExpectedToken = "a-token-the-console-does-not-have";

        var response = await Operator(console).PostAsync("/api/actions/train-start", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("401", (await Json(response)).GetProperty("error").GetString());
    }

    [Fact]
    public void Without_an_operator_token_the_console_does_not_start_and_names_the_setting()
    {
        var error = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(
            StartFailure.Of(() => Console(new Dictionary<string, string?> { ["CrazyTrain:OperatorToken"] = "" }), console => console.CreateClient()));

        Assert.Contains("CrazyTrain:OperatorToken is not set", error.Message);
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
        var response = await Operator(console).PostAsync("/api/actions/resume", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("not in an emergency stop", (await Json(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_emergency_stop_goes_through_while_another_action_is_in_flight()
    {
        await using var console = Console();
        var client = Operator(console);
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
        var client = Operator(console);
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
