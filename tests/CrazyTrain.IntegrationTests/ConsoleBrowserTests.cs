using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// The operator console inside the whole application (Simulation mode: the twin, the real model, the twin's hub):
/// what a browser loads from it, the twin's map in a real browser (Playwright driving Debian's chromium), and an
/// emergency stop pressed on it reaching the hub. The rest of the page's behaviour in a real browser is covered in
/// CrazyTrain.Console.Tests.
/// </summary>
[Collection(TrainAppCollection.Name)]
public sealed class ConsoleBrowserTests(TrainAppFixture train)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static async Task<JsonElement> JsonAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient http, string path, Func<JsonElement, bool> condition, string what, CancellationToken cancellationToken)
    {
        JsonElement last = default;
        while (true)
        {
            try
            {
                last = await JsonAsync(http, path, cancellationToken);
                if (condition(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // The service is still starting; ask again.
            }

            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up waiting for {what}; last answer of {path}: {(last.ValueKind == JsonValueKind.Undefined ? "none" : last.GetRawText())}");
            }
        }
    }

    private static async Task WaitForStartAsync(HttpClient console, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Resuming from an emergency stop another test left needs fresh perception, which a loaded box may not have
            // yet: ask again each time, or the start is refused for good ("resume first"), as in one CI run.
            using (await console.PostAsync("/api/actions/resume", null, cancellationToken))
            {
            }

            using var start = await console.PostAsync("/api/actions/train-start", null, cancellationToken);
            var body = await start.Content.ReadAsStringAsync(cancellationToken);
            if (start.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
            try
            {
                await Task.Delay(500, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The controller never accepted a start through the console; last answer: {body}");
            }
        }
    }

    [Fact]
    public async Task The_console_is_ready_and_serves_its_page()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await train.App.ResourceNotifications.WaitForResourceHealthyAsync("console", timeout.Token);
        using var console = train.App.CreateHttpClient("console");

        var page = await console.GetStringAsync("/", timeout.Token);
        using var health = await console.GetAsync("/health", timeout.Token);

        Assert.Contains("EMERGENCY STOP", page);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task The_console_page_draws_the_twins_track_and_signs_and_the_train_moving_round_it()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await train.App.ResourceNotifications.WaitForResourceHealthyAsync("console", timeout.Token);
        using var console = train.CreateOperatorClient("console");
        using var twin = train.App.CreateHttpClient("twin");

        // Through the console the map is the twin's own, version and all.
        var map = await WaitForAsync(console, "/api/twin/map", _ => true, "the console to relay the twin's map", timeout.Token);
        var twinsMap = await JsonAsync(twin, "/api/twin/map", timeout.Token);
        Assert.Equal(twinsMap.GetProperty("version").GetString(), map.GetProperty("version").GetString());
        var points = map.GetProperty("centreLine").GetArrayLength();
        var signs = map.GetProperty("signs").GetArrayLength();
        Assert.True(points > 10 && signs > 0, $"a track of {points} points and {signs} signs");

        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing (run: sudo apt-get install -y chromium).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1100 } });
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(train.App.GetEndpoint("console", "http").ToString());

        var patient = new LocatorAssertionsToHaveAttributeOptions { Timeout = 120_000 };
        await Expect(page.Locator("#twin")).ToHaveAttributeAsync("data-state", "live", patient);
        Assert.Equal(points, (await page.Locator("#twin-track").GetAttributeAsync("points"))!.Split(' ').Length);
        await Expect(page.Locator("#twin-map .twin-sign")).ToHaveCountAsync(signs);
        await Expect(page.Locator("#twin-train")).ToHaveAttributeAsync("transform", new System.Text.RegularExpressions.Regex(@"^translate\(-?[\d.]+ -?[\d.]+\) rotate\(-?[\d.]+\)$"), patient);
        var standing = await page.Locator("#twin-train").GetAttributeAsync("transform");

        // An operator starts the train (clearing whatever stop another test left); the marker follows it round.
        try
        {
            await WaitForStartAsync(console, timeout.Token);
            await Expect(page.Locator("#twin-train")).Not.ToHaveAttributeAsync("transform", standing!, patient);
            await Expect(page.Locator("#twin-speed")).ToContainTextAsync("cm/s");
            Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "TestResults", "console-twin-map.png"), FullPage = true });
        }
        finally
        {
            // The shared application is left with its train stopped, as the other tests expect.
            using var stop = await console.PostAsync("/api/actions/emergency-stop", null, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }
    }

    /// <summary>Debian's chromium: <c>dotnet test</c> installs it before these tests where it can (tests/Directory.Build.targets).</summary>
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task The_console_shows_the_live_stream_and_its_emergency_stop_reaches_the_virtual_hub()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await train.App.ResourceNotifications.WaitForResourceHealthyAsync("console", timeout.Token);
        using var console = train.CreateOperatorClient("console");
        using var controller = train.App.CreateHttpClient("controller");

        // The console receives the sample video's frames and the model's detections of them.
        var live = await WaitForAsync(console, "/api/state",
            state => state.GetProperty("stream").GetProperty("state").GetString() == "live"
                && state.GetProperty("detections").ValueKind == JsonValueKind.Object,
            "the console to show a live stream with detections", timeout.Token);
        var frameId = live.GetProperty("frame").GetProperty("frameId").GetInt64();
        using (var image = await console.GetAsync($"/api/frames/latest.jpg?id={frameId}", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
            Assert.True(image.Headers.Contains("X-Frame-Id"));
        }

        // An operator clears whatever another test left (an emergency stop), starts the train and then presses the
        // emergency stop, all on the console. The controller refuses to start until perception is fresh: ask again.
        await WaitForStartAsync(console, timeout.Token);
        await WaitForAsync(controller, "/api/train",
            state => state.GetProperty("hub").GetProperty("motorPower") is { ValueKind: JsonValueKind.Number } power && power.GetInt32() > 0,
            "the virtual hub to report the motor running", timeout.Token);
        using (var stop = await console.PostAsync("/api/actions/emergency-stop", null, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        // The virtual hub reports the motor stopped, and the console shows the order it heard on train.orders.
        var stopped = await WaitForAsync(controller, "/api/train",
            state => state.GetProperty("hub") is { ValueKind: JsonValueKind.Object } hub
                && hub.GetProperty("connected").GetBoolean()
                && (hub.GetProperty("motorBraking").GetBoolean() || (hub.GetProperty("motorPower") is { ValueKind: JsonValueKind.Number } power && power.GetInt32() == 0)),
            "the virtual hub to report the motor stopped", timeout.Token);
        Assert.True(stopped.GetProperty("hub").GetProperty("connected").GetBoolean());
        await WaitForAsync(console, "/api/state",
            state => state.GetProperty("orders").EnumerateArray().Any(order => order.GetProperty("action").GetString() == "emergency-stop"),
            "the console to show the emergency-stop order", timeout.Token);

        // The shared application is left with its train stopped, as the other tests expect.
    }
}
