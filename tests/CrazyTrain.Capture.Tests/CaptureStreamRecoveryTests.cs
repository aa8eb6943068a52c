using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.Capture.Tests.Support;

namespace CrazyTrain.Capture.Tests;

/// <summary>A network camera that goes away and comes back, through the whole service.</summary>
public sealed class CaptureStreamRecoveryTests
{
    [Fact]
    public async Task A_network_camera_that_goes_down_is_retried_reported_and_used_again_when_back()
    {
        await using var camera = new MjpegTestServer(frames: int.MaxValue, frameInterval: TimeSpan.FromMilliseconds(20));
        await using var app = new CaptureAppFactory(new Dictionary<string, string?>
        {
            ["Capture:Source"] = camera.Url,
            ["Capture:ReadTimeout"] = "00:00:02",
        });
        using var client = app.CreateClient();
        Task<JsonElement> StatusWhen(Func<JsonElement, bool> until, string what) =>
            Eventually.ReturnsAsync(() => client.GetFromJsonAsync<JsonElement>("/api/capture"), until, what);

        var running = await StatusWhen(body => body.GetProperty("framesPublished").GetInt64() >= 3, "frames from the camera");
        Assert.Equal($"stream:{camera.Url}", running.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("targetFps").ValueKind);

        camera.Down = true;
        var down = await StatusWhen(body => body.GetProperty("state").GetString() == "Retrying", "the Retrying state");
        Assert.Contains(camera.Url, down.GetProperty("lastError").GetString());
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("capture").GetProperty("status").GetString());

        var publishedWhileDown = down.GetProperty("framesPublished").GetInt64();
        camera.Down = false;
        var back = await StatusWhen(
            body => body.GetProperty("state").GetString() == "Running" && body.GetProperty("framesPublished").GetInt64() > publishedWhileDown + 2,
            "frames after the camera came back");
        Assert.Equal(JsonValueKind.Null, back.GetProperty("failingSince").ValueKind);
        Assert.True(camera.Connections >= 2, $"the service connected {camera.Connections} time(s)");
    }
}
