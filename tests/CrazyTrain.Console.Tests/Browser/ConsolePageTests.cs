using CrazyTrain.Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrazyTrain.Console.Tests.Browser;

/// <summary>
/// The page in a real browser (Debian's chromium driven by Playwright) against the console on a real port, fed
/// through a real Kafka-protocol broker, with the services' HTTP APIs faked.
/// </summary>
public sealed class ConsolePageTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Patient = new() { Timeout = 60_000 };

    private FakeTrainServices _services = null!;
    private ConsoleServer _console = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _services = await FakeTrainServices.StartAsync();
        // In Simulation: the fake services answer for the twin too.
        _console = await ConsoleServer.StartAsync(broker.Broker.BootstrapServers, _services.BaseAddress, new Dictionary<string, string?> { ["Console:TwinUrl"] = _services.BaseAddress });
        Chromium.EnsureInstalled();
        // Consumers join their groups and the first orders come every tenth frame: seconds on a loaded 2-core box.
        SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _console.DisposeAsync();
        await _services.DisposeAsync();
    }

    /// <summary>Opens the page; signed in through the login link (as from the dashboard) when <paramref name="signedIn"/>.</summary>
    private async Task<IPage> OpenAsync(bool signedIn = false)
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(signedIn ? $"{_console.Address}/login?t={Uri.EscapeDataString(ConsoleSettings.OperatorToken)}" : _console.Address);
        return page;
    }

    /// <summary>
    /// The page reports an action twice: from its own POST's answer ("emergency-stop: done") and from the event
    /// every console receives ("emergency-stop by 127.0.0.1: done"); whichever lands last is shown.
    /// </summary>
    private static readonly System.Text.RegularExpressions.Regex EmergencyStopDone = new("emergency-stop( by [^:]+)?: done");

    [Fact]
    public async Task Shows_live_frames_with_boxes_then_the_stall_when_capture_stops_and_sends_the_emergency_stop()
    {
        using var producer = broker.Broker.CreateProducer();
        using var stop = new CancellationTokenSource();
        var capturing = true;
        _services.CaptureChanged += state => capturing = state == "running";
        var feed = TrainFeed.RunAsync(producer, () => capturing, stop.Token);
        try
        {
            var page = await OpenAsync(signedIn: true);
            Assert.Equal($"{_console.Address}/", page.Url);

            // Live: frames arrive and change, each with the stop sign boxed on it.
            await Expect(page.Locator("#stream")).ToHaveAttributeAsync("data-state", "live", Patient);
            var firstFrame = await page.Locator("#frame-id").TextContentAsync();
            await Expect(page.Locator("#frame-id")).Not.ToHaveTextAsync(firstFrame!, new() { Timeout = 30_000 });
            await Expect(page.Locator("#frame-boxes")).ToContainTextAsync("stop 93%");
            await Expect(page.Locator("#transport")).ToContainTextAsync("transport: events");
            await Expect(page.Locator("#provider")).ToHaveTextAsync("CPU");
            await Expect(page.Locator("#hub-battery")).ToHaveTextAsync("87%");
            await Expect(page.Locator("#orders")).ToContainTextAsync("stop");
            Assert.True(await page.EvaluateAsync<bool>(LabelDrawnScript), "the stop sign's box and label are drawn on the frame they belong to");
            await page.ScreenshotAsync(new() { Path = BrowserArtifacts.PathFor("console-live.png"), FullPage = true });

            // Capture stops: the badge says so rather than looking alive.
            await page.ClickAsync("button[data-action=capture-stop]");
            await Expect(page.Locator("#stream")).ToHaveAttributeAsync("data-state", "stalled", Patient);
            await Expect(page.Locator("#stream-reason")).ToContainTextAsync("capture stopped", new() { Timeout = 30_000 });
            Assert.Equal(1, _services.CallsTo("/api/capture/stop"));

            // Emergency stop reaches the controller.
            await page.ClickAsync("#emergency-stop");
            await Expect(page.Locator("#action-result")).ToContainTextAsync(EmergencyStopDone);
            Assert.Equal(1, _services.CallsTo("/api/train/emergency-stop"));
            await page.ScreenshotAsync(new() { Path = BrowserArtifacts.PathFor("console-stalled.png"), FullPage = true });
        }
        finally
        {
            await stop.CancelAsync();
            await feed;
        }
    }

    [Fact]
    public async Task Switches_to_polling_by_itself_when_events_are_held_back_and_stays_live()
    {
        using var stop = new CancellationTokenSource();
        var feed = FeedHubAsync(stop.Token);
        try
        {
            var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 } });
            // What a buffering proxy does to an event stream: the response starts, and nothing arrives.
            await page.RouteAsync("**/api/events**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/event-stream", Body = ": held back\n\n" }));
            await page.GotoAsync(_console.Address);

            await Expect(page.Locator("#transport")).ToContainTextAsync("polling", new() { Timeout = 60_000 });
            await Expect(page.Locator("#stream")).ToHaveAttributeAsync("data-state", "live", Patient);
            var frame = await page.Locator("#frame-id").TextContentAsync();
            await Expect(page.Locator("#frame-id")).Not.ToHaveTextAsync(frame!, new() { Timeout = 30_000 });
            await Expect(page.Locator("#frame-boxes")).ToContainTextAsync("stop 93%", new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new() { Path = BrowserArtifacts.PathFor("console-polling.png"), FullPage = true });
        }
        finally
        {
            await stop.CancelAsync();
            await feed;
        }
    }

    /// <summary>Feeds the hub directly, as the consumers would: a frame every 100 ms and its detections.</summary>
    private Task FeedHubAsync(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        for (long frameId = 1; !cancellationToken.IsCancellationRequested; frameId++)
        {
            var now = _console.Hub.Now;
            _console.Hub.OnFrame(Frames.Record(frameId, now));
            var box = Frames.StopSignBox(frameId);
            _console.Hub.OnDetections(frameId, now, Frames.Detections(frameId, now, ("stop", 0.93, box.X, box.Y, box.W, box.H)));
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }, CancellationToken.None);

    [Fact]
    public async Task Shows_the_backend_unreachable_rather_than_a_blank_page_when_the_console_goes_away()
    {
        var page = await OpenAsync();
        await Expect(page.Locator("#stream")).ToHaveAttributeAsync("data-state", "stalled", Patient);

        await _console.App.StopAsync();

        await Expect(page.Locator("#stream")).ToHaveAttributeAsync("data-state", "down", Patient);
        await Expect(page.Locator("#stream-reason")).ToContainTextAsync("console backend unreachable", new() { Timeout = 60_000 });
        await Expect(page.Locator("h1")).ToHaveTextAsync("CrazyTrain");
    }

    [Fact]
    public async Task Without_sign_in_only_the_emergency_stop_works_and_the_sign_in_form_lets_the_operator_act()
    {
        var page = await OpenAsync();
        await Expect(page.Locator("#token-row")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await page.ClickAsync("button[data-action=capture-stop]");
        await Expect(page.Locator("#action-result")).ToContainTextAsync("401");
        await Expect(page.Locator("#action-result")).ToContainTextAsync("operator token is required");
        await page.ClickAsync("#emergency-stop");
        await Expect(page.Locator("#action-result")).ToContainTextAsync(EmergencyStopDone);
        Assert.Equal(0, _services.CallsTo("/api/capture/stop"));
        Assert.Equal(1, _services.CallsTo("/api/train/emergency-stop"));

        await page.FillAsync("#token", ConsoleSettings.OperatorToken);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#sign-out-row")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#token-row")).ToBeHiddenAsync();
        Assert.DoesNotContain(ConsoleSettings.OperatorToken, page.Url);
        Assert.Empty(await page.EvaluateAsync<string>("() => document.cookie"));   // HttpOnly: no script reads it
        await page.ClickAsync("button[data-action=capture-stop]");

        await Expect(page.Locator("#action-result")).ToContainTextAsync("capture-stop");
        await Expect(page.Locator("#action-result")).ToContainTextAsync("done");
        Assert.Equal(1, _services.CallsTo("/api/capture/stop"));
    }

    [Fact]
    public async Task A_page_of_another_port_on_the_same_host_cannot_act_through_a_signed_in_browser()
    {
        // Signed in: the browser holds the console's SameSite=Strict cookie...
        var page = await OpenAsync(signedIn: true);
        await Expect(page.Locator("#sign-out-row")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // ...and a page on another port of the same host (same site: the cookie goes along) posts to the console.
        // A simple POST needs no preflight: it reaches the console, only its answer is hidden from the page.
        await page.GotoAsync($"{_services.BaseAddress}/api/capture");
        var answer = await page.EvaluateAsync<string>(
            "async url => (await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include' })).type",
            $"{_console.Address}/api/actions/capture-stop");

        Assert.Equal("opaque", answer);
        Assert.Equal(0, _services.CallsTo("/api/capture/stop"));
    }

    [Fact]
    public async Task Draws_the_twins_track_signs_and_train_and_follows_the_train_then_says_quietly_when_the_twin_is_away()
    {
        _services.TwinPose = new FakeTwinPose(5, 0, 0);
        var page = await OpenAsync();

        // The fake twin's 25 cm square, table y flipped to run up the screen, its STOP sign in the stop colour.
        await Expect(page.Locator("#twin")).ToHaveAttributeAsync("data-state", "live", Patient);
        await Expect(page.Locator("#twin-track")).ToHaveAttributeAsync("points", "0,0 25,0 25,-25 0,-25");
        await Expect(page.Locator("#twin-track")).ToHaveAttributeAsync("stroke-width", "6.4");
        await Expect(page.Locator("#twin-map .twin-sign[data-label=stop] circle")).ToHaveAttributeAsync("fill", "#c91a09");
        await Expect(page.Locator("#twin-train")).ToHaveAttributeAsync("transform", "translate(5 0) rotate(0.0)");
        await Expect(page.Locator("#twin-speed")).ToContainTextAsync("26.5 cm/s");
        await Expect(page.Locator("#twin-next")).ToHaveTextAsync("stop in 55.0 cm");
        await Expect(page.Locator("#twin-hub")).ToHaveTextAsync("60%");
        var before = await page.Locator("#twin-train").BoundingBoxAsync();

        // The train runs round the corner and heads away from the operator: on screen, right and up.
        _services.TwinPose = new FakeTwinPose(25, 10, Math.PI / 2);
        await Expect(page.Locator("#twin-train")).ToHaveAttributeAsync("transform", "translate(25 -10) rotate(-90.0)", Patient);
        var after = await page.Locator("#twin-train").BoundingBoxAsync();
        Assert.True(after!.X > before!.X && after.Y < before.Y, $"the marker moved right and up: from ({before.X}, {before.Y}) to ({after.X}, {after.Y})");
        await Expect(page.Locator("#twin-next")).ToHaveTextAsync("stop in 25.0 cm");
        await page.ScreenshotAsync(new() { Path = BrowserArtifacts.PathFor("console-twin-map.png"), FullPage = true });

        // The twin goes away: a quiet line under the map, and the rest of the page carries on.
        await page.RouteAsync("**/api/twin", route => route.FulfillAsync(new() { Status = 502, ContentType = "application/json", Body = """{"error":"twin unavailable: the twin is not reachable"}""" }));
        await Expect(page.Locator("#twin")).ToHaveAttributeAsync("data-state", "unavailable", Patient);
        await Expect(page.Locator("#twin-status")).ToHaveTextAsync("twin unavailable");
        await Expect(page.Locator("#twin-map #twin-track")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Shows_no_map_where_the_console_has_no_twin()
    {
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 } });
        // What a Hardware console answers: there is no twin.
        await page.RouteAsync("**/api/twin**", route => route.FulfillAsync(new() { Status = 404, ContentType = "application/json", Body = """{"error":"There is no twin in this mode"}""" }));
        await page.GotoAsync(_console.Address);

        await Expect(page.Locator("#twin")).ToHaveAttributeAsync("data-state", "none", Patient);
        await Expect(page.Locator("#twin")).ToBeHiddenAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("CrazyTrain");
    }

    /// <summary>
    /// Whether the label of the stop sign's box is drawn where it belongs on the frame shown: the label's background,
    /// in the page's colour for <c>stop</c> (#c91a09), just above the box, where the photo itself shows sky.
    /// </summary>
    private const string LabelDrawnScript = """
        () => {
          const id = Number(document.getElementById('frame-id').textContent.replace('#', ''));
          const x = 286 + 40 * (id % 2), y = 120;
          const [r, g, b] = document.getElementById('frame').getContext('2d').getImageData(x + 1, y - 10, 1, 1).data;
          return Math.abs(r - 0xc9) < 6 && Math.abs(g - 0x1a) < 6 && Math.abs(b - 0x09) < 6;
        }
        """;
}
