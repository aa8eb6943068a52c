using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Sources;
using CrazyTrain.Capture.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Capture.Tests;

public sealed class CaptureApiTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Video() => TestVideos.WriteNumbered(_folder.File("api.mp4"), frames: 10, fps: 25, width: 320, height: 240);

    private static async Task<JsonElement> StatusAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/api/capture");

    private static Task<JsonElement> StatusWhenAsync(HttpClient client, Func<JsonElement, bool> until, string what) =>
        Eventually.ReturnsAsync(() => StatusAsync(client), until, what);

    [Fact]
    public async Task Status_reports_the_contract_fields_while_a_video_plays()
    {
        var video = Video();
        await using var app = new CaptureAppFactory(new Dictionary<string, string?> { ["Capture:Source"] = video, ["Capture:CameraId"] = "front" });
        using var client = app.CreateClient();

        var status = await StatusWhenAsync(client, body => body.GetProperty("framesPublished").GetInt64() >= 3, "three published frames");

        Assert.Equal($"file:{video}", status.GetProperty("source").GetString());
        Assert.Equal("Running", status.GetProperty("state").GetString());
        // Simulation (the default mode) films the 25 fps test video at the train camera's 30 frames/s.
        Assert.Equal(30, status.GetProperty("targetFps").GetDouble());
        Assert.True(status.GetProperty("measuredFps").GetDouble() > 0);
        // Drops depend on how busy the machine is (the first frames meet a cold JIT); only the field is checked.
        Assert.Equal(JsonValueKind.Number, status.GetProperty("framesDropped").ValueKind);
        Assert.Equal(0, status.GetProperty("framesFailed").GetInt64());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("lastError").ValueKind);
        Assert.Equal("front", status.GetProperty("cameraId").GetString());
        Assert.All(app.Publisher.Frames, entry => Assert.Equal("front", entry.Frame.CameraId));
    }

    [Fact]
    public async Task Latest_frame_is_served_as_jpeg()
    {
        await using var app = new CaptureAppFactory(new Dictionary<string, string?> { ["Capture:Source"] = Video() });
        using var client = app.CreateClient();
        await StatusWhenAsync(client, body => body.GetProperty("framesPublished").GetInt64() >= 1, "a published frame");

        using var response = await client.GetAsync("/api/capture/frame.jpg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var jpeg = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        Assert.True(response.Headers.Contains("X-Frame-Id"));
    }

    [Fact]
    public async Task Stop_and_start_control_capture()
    {
        await using var app = new CaptureAppFactory(new Dictionary<string, string?> { ["Capture:Source"] = Video() });
        using var client = app.CreateOperatorClient();
        await StatusWhenAsync(client, body => body.GetProperty("framesPublished").GetInt64() >= 1, "a published frame");

        using var stopped = await client.PostAsync("/api/capture/stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        var afterStop = await stopped.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Stopped", afterStop.GetProperty("state").GetString());
        var publishedAtStop = afterStop.GetProperty("framesPublished").GetInt64();
        Assert.Equal(publishedAtStop, (await StatusAsync(client)).GetProperty("framesPublished").GetInt64());

        using var started = await client.PostAsync("/api/capture/start", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await StatusWhenAsync(client, body => body.GetProperty("framesPublished").GetInt64() > publishedAtStop, "frames after start");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-operator-token")]
    [InlineData("Basic b3BlcmF0b3I6dG9rZW4=")]
    public async Task Stop_and_start_without_the_operator_token_are_refused_with_401_and_change_nothing(string? authorization)
    {
        await using var app = new CaptureAppFactory(new Dictionary<string, string?> { ["Capture:Source"] = Video() });
        using var client = app.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        await StatusWhenAsync(client, body => body.GetProperty("framesPublished").GetInt64() >= 1, "a published frame");

        using var stop = await client.PostAsync("/api/capture/stop", null);
        using var start = await client.PostAsync("/api/capture/start", null);

        Assert.Equal(HttpStatusCode.Unauthorized, stop.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
        Assert.StartsWith("Bearer", stop.Headers.WwwAuthenticate.ToString());
        var problem = await stop.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("operator token", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Running", (await StatusAsync(client)).GetProperty("state").GetString());
    }

    [Fact]
    public void Without_an_operator_token_capture_does_not_start_and_names_the_setting()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Capture:Source"] = Video(),
            ["CrazyTrain:OperatorToken"] = "",
        };

        var error = Assert.IsType<OptionsValidationException>(StartFailure.Of(() => new CaptureAppFactory(settings), app => app.CreateClient()));

        Assert.Contains("CrazyTrain:OperatorToken is not set", error.Message);
    }

    [Fact]
    public async Task Without_auto_start_capture_waits_and_the_snapshot_says_why()
    {
        await using var app = new CaptureAppFactory(new Dictionary<string, string?>
        {
            ["Capture:Source"] = Video(),
            ["Capture:AutoStart"] = "false",
        });
        using var client = app.CreateClient();

        Assert.Equal("Stopped", (await StatusAsync(client)).GetProperty("state").GetString());
        using var snapshot = await client.GetAsync("/api/capture/frame.jpg");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, snapshot.StatusCode);
        var problem = await snapshot.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Stopped", problem.GetProperty("detail").GetString());
        Assert.Empty(app.Publisher.Frames);
    }

    [Fact]
    public async Task A_missing_video_is_retried_and_named_in_status_and_health()
    {
        var missing = _folder.File("no-such-video.mp4");
        await using var app = new CaptureAppFactory(new Dictionary<string, string?> { ["Capture:Source"] = missing });
        using var client = app.CreateClient();

        var status = await StatusWhenAsync(client, body => body.GetProperty("state").GetString() == "Retrying", "the Retrying state");
        Assert.Equal($"Video file '{missing}' does not exist.", status.GetProperty("lastError").GetString());

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        var capture = report.GetProperty("checks").GetProperty("capture");
        Assert.Equal("Degraded", capture.GetProperty("status").GetString());
        Assert.Contains(missing, capture.GetProperty("description").GetString());

        using var snapshot = await client.GetAsync("/api/capture/frame.jpg");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, snapshot.StatusCode);
    }

    [Fact]
    public async Task A_source_that_fails_for_longer_than_allowed_turns_health_unhealthy()
    {
        await using var app = new CaptureAppFactory(new Dictionary<string, string?>
        {
            ["Capture:Source"] = _folder.File("still-missing.mp4"),
            ["Capture:UnhealthyAfter"] = "00:00:00.001",
        });
        using var client = app.CreateClient();
        await StatusWhenAsync(client, body => body.GetProperty("state").GetString() == "Retrying", "the Retrying state");

        var report = await Eventually.ReturnsAsync(
            async () => await (await client.GetAsync("/health")).Content.ReadFromJsonAsync<JsonElement>(),
            body => body.GetProperty("status").GetString() == "Unhealthy", "Unhealthy");
        Assert.Contains("still-missing.mp4", report.GetProperty("checks").GetProperty("capture").GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_source_that_comes_back_is_used_again_and_the_failure_streak_ends()
    {
        var video = Video();
        var failuresLeft = 2;
        await using var app = new CaptureAppFactory(
            new Dictionary<string, string?> { ["Capture:Source"] = video },
            services => services.AddSingleton<IFrameSourceFactory>(provider => new FlakyFactory(
                () => Interlocked.Decrement(ref failuresLeft) >= 0,
                ActivatorUtilities.CreateInstance<FrameSourceFactory>(provider))));
        using var client = app.CreateClient();

        var status = await StatusWhenAsync(client, body => body.GetProperty("framesPublished").GetInt64() >= 1, "frames after two failures");

        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Equal("Camera unplugged (scripted).", status.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("failingSince").ValueKind);
        Assert.True(failuresLeft < 0);
    }

    [Fact]
    public async Task Frames_that_never_reach_the_broker_make_health_degraded_with_the_reason()
    {
        await using var app = new CaptureAppFactory(new Dictionary<string, string?>
        {
            ["Capture:Source"] = Video(),
            ["Capture:StallAfter"] = "00:00:00.200",
        });
        app.Publisher.OnPublish = (_, _) => throw new InvalidOperationException("Local: Message timed out");
        using var client = app.CreateClient();

        var report = await Eventually.ReturnsAsync(
            async () => await (await client.GetAsync("/health")).Content.ReadFromJsonAsync<JsonElement>(),
            body => body.GetProperty("checks").GetProperty("capture").GetProperty("description").GetString()!.Contains("no frame was published"),
            "a stalled capture check");

        var capture = report.GetProperty("checks").GetProperty("capture");
        Assert.Equal("Degraded", capture.GetProperty("status").GetString());
        var description = capture.GetProperty("description").GetString();
        Assert.Contains("Local: Message timed out", description);
        var status = await StatusAsync(client);
        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Equal(0, status.GetProperty("framesPublished").GetInt64());
        Assert.True(status.GetProperty("framesFailed").GetInt64() > 0);

        // The camera's view is still there for whoever is debugging the broker.
        using var snapshot = await client.GetAsync("/api/capture/frame.jpg");
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
    }

    [Fact]
    public void Bad_configuration_stops_start_up_with_a_message_naming_the_setting()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Capture:Source"] = Video(),
            ["Capture:Width"] = "100000",
            ["Capture:Kind"] = "Webcam",
        };

        var error = Assert.IsType<OptionsValidationException>(StartFailure.Of(() => new CaptureAppFactory(settings), app => app.CreateClient()));

        Assert.Contains("Capture:Width is 100000", error.Message);
        Assert.Contains("Capture:Kind is 'Webcam'", error.Message);
    }

    private sealed class FlakyFactory(Func<bool> fail, IFrameSourceFactory inner) : IFrameSourceFactory
    {
        public Task<IFrameSource> OpenAsync(FrameSourceSpec spec, CaptureOptions options, CancellationToken cancellationToken) =>
            fail() ? throw new FrameSourceException("Camera unplugged (scripted).") : inner.OpenAsync(spec, options, cancellationToken);
    }
}
