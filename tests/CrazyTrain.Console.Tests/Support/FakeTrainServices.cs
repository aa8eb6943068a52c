using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Console.Tests.Support;

/// <summary>
/// Capture, inference and controller as the console sees them: their documented HTTP APIs on a real loopback
/// port, answering with canned state and recording every call.
/// </summary>
public sealed class FakeTrainServices : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeTrainServices(WebApplication app) => _app = app;

    public string BaseAddress { get; private set; } = string.Empty;

    /// <summary>Actions completed, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Actions that reached the service, before any gate held them.</summary>
    public ConcurrentQueue<string> Arrived { get; } = new();

    public volatile string CaptureState = "running";

    public volatile bool HubConnected = true;

    /// <summary>Each call to these paths waits for this gate first (to hold an action in flight).</summary>
    public TaskCompletionSource ActionGate { get; set; } = CompletedGate();

    public HashSet<string> GatedPaths { get; } = [];

    /// <summary>The bearer token the fake's actions demand, as the real services do; anything else gets 401.</summary>
    public volatile string ExpectedToken = ConsoleSettings.OperatorToken;

    /// <summary>Raised after capture is stopped or started, so a test's frame producer can follow.</summary>
    public event Action<string>? CaptureChanged;

    public static async Task<FakeTrainServices> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTrainServices(app);
        fake.Map();
        await app.StartAsync();
        fake.BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return fake;
    }

    public int CallsTo(string path) => Calls.Count(call => call == path);

    /// <summary>The twin's train on its table (cm, radians), as <c>/api/twin</c> reports it.</summary>
    public volatile FakeTwinPose TwinPose = new(0, 0, 0);

    /// <summary>Requests the fake twin answered (state and map), and map bodies it sent in full.</summary>
    public int TwinRequests => _twinRequests;

    public int TwinMapBodies => _twinMapBodies;

    /// <summary>The layout's version (the map's ETag); changing it is an episode laying another track.</summary>
    public volatile string TwinMapVersion = "0123456789abcdef";

    private int _twinRequests;
    private int _twinMapBodies;

    private void Map()
    {
        _app.MapGet("/api/capture", () => Results.Json(new
        {
            cameraId = "cam0", source = "file:samples/stop-sign.mp4", state = CaptureState, targetFps = 10.0, measuredFps = CaptureState == "running" ? 10.0 : 0.0,
            framesPublished = 123, framesDropped = 0, lastError = (string?)null,
        }));
        _app.MapGet("/api/model", () => Results.Json(new
        {
            name = "crazytrain-signs", version = "1.0.0", labels = new[] { "stop", "no_entry", "speed_limit_30", "speed_limit_50", "danger" },
            executionProvider = "CPU", threshold = 0.5,
        }));
        _app.MapGet("/api/train", () => Results.Json(new
        {
            mode = "Simulation", state = "Cruising", running = true, cruisePower = 60, speedCap = (int?)null, power = 60, awaitingOperator = false,
            perception = new { fresh = true, lastFrameId = 1, failSafeReason = (string?)null },
            hub = new { connected = HubConnected, state = HubConnected ? "Connected" : "Disconnected", name = "Virtual City Hub", battery = 87, rssi = -52, motorPower = 60, motorBraking = false, link = "virtual", lastError = HubConnected ? null : "link dropped" },
        }));
        _app.MapGet("/api/orders", (int? limit) => Results.Json(new[]
        {
            new { time = "2026-11-28T16:00:00.456Z", action = "start", power = 60, reason = (object?)null },
        }));
        MapTwin();
        foreach (var path in new[] { "/api/capture/start", "/api/capture/stop", "/api/train/start", "/api/train/emergency-stop", "/api/train/resume" })
        {
            _app.MapPost(path, async (HttpRequest request) =>
            {
                if (request.Headers.Authorization.ToString() != $"Bearer {ExpectedToken}")
                {
                    return Results.Problem(detail: "The operator token is wrong.", statusCode: StatusCodes.Status401Unauthorized);
                }

                Arrived.Enqueue(path);
                if (GatedPaths.Contains(path))
                {
                    await ActionGate.Task;
                }

                Calls.Enqueue(path);
                if (path.StartsWith("/api/capture/", StringComparison.Ordinal))
                {
                    CaptureState = path.EndsWith("stop", StringComparison.Ordinal) ? "stopped" : "running";
                    CaptureChanged?.Invoke(CaptureState);
                }

                return path == "/api/train/resume"
                    ? Results.Json(new { accepted = false, message = "The train is not in an emergency stop.", orders = Array.Empty<object>() }, statusCode: StatusCodes.Status409Conflict)
                    : Results.Json(new { accepted = path });
            });
        }
    }

    // The twin's two reads as docs/twin.md describes them: a square loop of 100 cm with one STOP sign.
    private void MapTwin()
    {
        _app.MapGet("/api/twin", () =>
        {
            Interlocked.Increment(ref _twinRequests);
            var pose = TwinPose;
            return Results.Json(new
            {
                train = new { positionCm = pose.XCm + pose.YCm, speedCmPerS = 26.5, lap = 0, xCm = pose.XCm, yCm = pose.YCm, heading = pose.Heading },
                hub = new { connected = true, motorPower = 60 },
                nextSign = new { label = "stop", positionCm = 60.0, distanceCm = 60 - pose.XCm - pose.YCm },
                layout = new { notation = "fake square", lengthCm = 100.0, signs = 1 },
                events = new[] { new { time = "2026-12-04T20:00:00Z", kind = "motor", message = "motor power 60%", positionCm = 0.0 } },
            });
        });
        _app.MapGet("/api/twin/map", (HttpRequest request, HttpResponse response) =>
        {
            Interlocked.Increment(ref _twinRequests);
            var etag = $"\"{TwinMapVersion}\"";
            response.Headers.ETag = etag;
            if (request.Headers.IfNoneMatch.ToString() == etag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            Interlocked.Increment(ref _twinMapBodies);
            return Results.Json(new
            {
                version = TwinMapVersion, notation = "fake square", lengthCm = 100.0, trackWidthCm = 6.4, pointSpacingCm = 25.0,
                bounds = new { minXCm = -3.2, minYCm = -3.2, maxXCm = 28.2, maxYCm = 32.2 },
                centreLine = new[] { new[] { 0.0, 0.0 }, [25.0, 0.0], [25.0, 25.0], [0.0, 25.0] },
                signs = new[] { new { label = "stop", target = true, positionCm = 60.0, side = "right", xCm = 15.0, yCm = 32.0 } },
            });
        });
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    public async ValueTask DisposeAsync()
    {
        ActionGate.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Where the fake twin's train stands on the table.</summary>
public sealed record FakeTwinPose(double XCm, double YCm, double Heading);
