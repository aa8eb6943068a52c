using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.Controller.Driving;
using CrazyTrain.LegoWireless.Protocol;
using CrazyTrain.LegoWireless.Virtual;
using CrazyTrain.Signs;
using Microsoft.Extensions.DependencyInjection;

namespace CrazyTrain.Controller.Tests.Service;

/// <summary>The whole controller service: Kafka in, policy, virtual hub over LWP3 bytes, Kafka and HTTP out.</summary>
public sealed class ControllerServiceTests(ControllerHost host) : IClassFixture<ControllerHost>
{
    private static readonly (string, double)[] Nothing = [];

    [Fact]
    public async Task A_stop_sign_on_train_detections_gives_a_stop_order_in_the_frames_trace_and_the_hub_brakes()
    {
        var hub = host.Services.GetRequiredService<VirtualCityHub>();
        var hubCommands = new System.Collections.Concurrent.ConcurrentQueue<(string TraceId, object? Power)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ControllerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "hub motor power")
                {
                    hubCommands.Enqueue((activity.TraceId.ToHexString(), activity.GetTagItem("crazytrain.hub.power")));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var stopSignFrom = long.MaxValue;
        using var camera = new CancellationTokenSource();
        var cameraRun = host.RunCameraAsync(frame => frame >= Interlocked.Read(ref stopSignFrom) ? [(SignCatalogue.Stop.Label, 0.93)] : Nothing, 1, camera.Token);
        try
        {
            await Eventually.True(
                async () => (await host.TrainAsync()) is var train
                    && train.GetProperty("perception").GetProperty("fresh").GetBoolean()
                    && train.GetProperty("hub").GetProperty("connected").GetBoolean(),
                "perception fresh and the virtual hub connected");
            var start = await host.Http.PostAsync("/api/train/start", null);
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
            await Eventually.TrueAsync(() => hub.MotorPowerApplied == 60, "the hub runs the motor at cruise power");

            Interlocked.Exchange(ref stopSignFrom, 0);
            var (order, traceId) = host.ReadOrder(o => o.GetProperty("action").GetString() == "stop");

            Assert.Equal(0, order.GetProperty("power").GetInt32());
            var reason = order.GetProperty("reason");
            Assert.Equal("stop", reason.GetProperty("label").GetString());
            Assert.Equal(0.93, reason.GetProperty("confidence").GetDouble());
            Assert.Equal(ControllerHost.TraceOf(reason.GetProperty("frameId").GetInt64()).ToHexString(), traceId);
            Assert.True(order.TryGetProperty("time", out _));

            await Eventually.TrueAsync(() => hub.MotorPowerApplied == MotorPower.Brake, "the virtual hub brakes");
            await Eventually.True(
                async () => (await host.TrainAsync()).GetProperty("hub") is var h && h.GetProperty("motorBraking").GetBoolean() && h.GetProperty("motorPower").GetInt32() == 0,
                "the API shows the hub's own report: braking, power 0");
            Assert.Contains("MOTOR A brake", hub.OrderLines);

            // The hub command is a span in the same trace as the frame that showed the sign.
            await Eventually.TrueAsync(() => hubCommands.Any(c => c.TraceId == traceId), "a hub command span in the stop frame's trace");
            Assert.Equal((sbyte)MotorPower.Brake, hubCommands.First(c => c.TraceId == traceId).Power);
            Assert.Equal("stop-hold", (await host.TrainAsync()).GetProperty("state").GetString());
        }
        finally
        {
            camera.Cancel();
            await cameraRun;
        }

        // The camera is gone: the stop hold turns into a fail-safe stop that says why.
        await Eventually.True(async () => (await host.TrainAsync()).GetProperty("state").GetString() == "fail-safe-stopped", "fail-safe stop");
        var failSafe = host.ReadOrder(o => o.GetProperty("action").GetString() == "fail-safe-stop").Order;
        Assert.Equal(JsonValueKind.Null, failSafe.GetProperty("reason").ValueKind);
        // Under load a late frame may trip the rate check first; once the camera stays silent the reason says so.
        await Eventually.True(
            async () => (await host.TrainAsync()).GetProperty("perception").GetProperty("failSafeReason").GetString()!.StartsWith("no fresh detections for", StringComparison.Ordinal),
            "the fail-safe reason names the silence");

        var orders = await host.Http.GetFromJsonAsync<JsonElement[]>("/api/orders?limit=2");
        Assert.Equal(["fail-safe-stop", "stop"], orders!.Select(o => o.GetProperty("action").GetString()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1000001")]
    public async Task An_order_or_sighting_limit_outside_the_history_is_a_bad_request(string limit)
    {
        using var orders = await host.Http.GetAsync($"/api/orders?limit={limit}");
        using var sightings = await host.Http.GetAsync($"/api/sightings?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, orders.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, sightings.StatusCode);
    }

    [Fact]
    public async Task Health_reports_the_hub_and_perception()
    {
        await Eventually.True(async () => (await host.TrainAsync()).GetProperty("hub").GetProperty("connected").GetBoolean(), "hub connected");

        var health = await host.HealthAsync();

        var checks = health.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("hub").GetProperty("status").GetString());
        Assert.Contains("connected", checks.GetProperty("hub").GetProperty("description").GetString());
        Assert.True(checks.TryGetProperty("perception", out _));
    }
}
