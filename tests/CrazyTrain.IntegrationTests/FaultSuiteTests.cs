using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using CrazyTrain.AppHost.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// The fault suite (issue 17): with the whole application running and the train cruising, each fault is injected and
/// the train must reach the safe state, seen in the twin: its hub holds the motor at float (0) or brake (127) and the
/// train stands still. The time from injection to the motor stopping (from the twin's events) is measured and written
/// to <c>fault-suite/fault-times.{json,md}</c> under the test output, each marked against issue 17's 1 s
/// (<see cref="FaultTimes.Expected"/>), never asserted.
/// </summary>
[Collection(FaultSuiteCollection.Name)]
[Trait("Category", "Fault")]
public sealed class FaultSuiteTests(FaultAppFixture app)
{
    private static readonly TimeSpan SafeStateLimit = TimeSpan.FromSeconds(30);

    /// <summary>Long enough for a killed service to start again on a loaded 2-core box.</summary>
    private static readonly TimeSpan PerceptionBackLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public Task Controller_killed_the_hub_stops_the_motor() =>
        KillAndRestartAsync("controller", "CrazyTrain.Controller", "controller killed (SIGKILL)");

    [Fact]
    public async Task Controller_frozen_the_guard_cuts_the_link_and_the_hub_stops_the_motor()
    {
        await CruiseAsync();
        var controller = ResourceProcess.Find(app.App, "controller", "CrazyTrain.Controller");

        var injectedAt = DateTimeOffset.UtcNow;
        ResourceProcess.Freeze(controller);
        try
        {
            await AssertSafeAndRecordAsync("controller frozen (SIGSTOP)", injectedAt);

            // The train may already stand (a fail-safe stop on a loaded box before the injection): then the safe state
            // comes before the guard's deadline, so wait for the guard to say it cut the link.
            using var guard = app.App.CreateHttpClient("hub-guard", "http");
            JsonElement check = default;
            await Eventually.True(async () =>
            {
                using var health = JsonDocument.Parse(await guard.GetStringAsync("/health"));
                check = health.RootElement.GetProperty("checks").GetProperty("guard").Clone();
                return check.GetProperty("status").GetString() == "Degraded";
            }, "the guard reports the cut link", TimeSpan.FromSeconds(15));
            Assert.True(check.GetProperty("data").GetProperty("linkCut").GetBoolean());
            var cutAt = DateTimeOffset.Parse(check.GetProperty("data").GetProperty("cutSince").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            app.Times.RecordGuardCut("controller frozen (SIGSTOP)", (cutAt - injectedAt).TotalMilliseconds);
        }
        finally
        {
            ResourceProcess.Thaw(controller);
        }

        var thawedAt = DateTimeOffset.UtcNow;
        using var back = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await app.App.ResourceNotifications.WaitForResourceHealthyAsync("controller", back.Token);
        await AwaitPerceptionBackAsync("controller frozen (SIGSTOP)", thawedAt);
    }

    [Fact]
    public async Task Hub_link_dropped_the_hub_lets_go_and_the_controller_reconnects()
    {
        await CruiseAsync();
        using var twin = app.App.CreateHttpClient("twin", "http");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/twin/hub/drop")
        {
            Content = JsonContent.Create(new { reason = "fault suite: hub link dropped" }),
            Headers = { Authorization = new("Bearer", TrainAppFixture.OperatorToken) },
        };

        var injectedAt = DateTimeOffset.UtcNow;
        using var response = await twin.SendAsync(request);
        var answeredAt = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dropped").GetBoolean());
        // The hub lets go and floats the motor before it answers. The controller reconnects at once (its first retry
        // has no delay over TCP) and its hub client restores the intended power, so the twin's world, ticking every
        // 10 ms, may never see the motor idle: the time recorded is the drop's round trip, an upper bound.
        await Eventually.True(async () => (await TwinAsync(twin)).GetProperty("hub").GetProperty("connected").GetBoolean(),
            "the controller reconnects to the hub", TimeSpan.FromSeconds(30));
        app.Times.Record(new FaultTime(
            "hub link dropped (twin /api/twin/hub/drop)",
            injectedAt,
            (answeredAt - injectedAt).TotalMilliseconds,
            "motor floats when the hub lets go, before the drop's answer; the controller reconnects and resumes",
            null));
    }

    [Fact]
    public async Task Camera_lost_the_controller_stops_the_train()
    {
        await CruiseAsync();
        using var capture = app.CreateOperatorClient("capture");

        var injectedAt = DateTimeOffset.UtcNow;
        var restartedAt = injectedAt;
        using (var stop = await capture.PostAsync("/api/capture/stop", null))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        try
        {
            await AssertSafeAndRecordAsync("camera lost (capture stopped)", injectedAt);
        }
        finally
        {
            restartedAt = DateTimeOffset.UtcNow;
            using var start = await capture.PostAsync("/api/capture/start", null);
        }

        await AwaitPerceptionBackAsync("camera lost (capture stopped)", restartedAt);
    }

    [Fact]
    public async Task Broker_lost_the_controller_stops_the_train()
    {
        await CruiseAsync();
        var cluster = app.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<EmbeddedKafkaResource>().Single().Broker.Cluster
            ?? throw new InvalidOperationException("The embedded broker has not started.");

        var injectedAt = DateTimeOffset.UtcNow;
        using (new BrokerOutage(cluster))
        {
            await AssertSafeAndRecordAsync("broker lost (development broker down)", injectedAt);
        }

        // Back up: the clients reconnect by themselves, and frames must flow to the controller again.
        await AwaitPerceptionBackAsync("broker lost (development broker down)", DateTimeOffset.UtcNow);
    }

    [Fact]
    public Task Inference_killed_the_controller_stops_the_train() =>
        KillAndRestartAsync("inference", "CrazyTrain.Inference", "inference killed (SIGKILL)");

    /// <summary>Kills a service's process while the train cruises, asserts the safe state, then starts the service again for the next fault.</summary>
    private async Task KillAndRestartAsync(string resource, string assembly, string fault)
    {
        await CruiseAsync();
        var process = ResourceProcess.Find(app.App, resource, assembly);

        var injectedAt = DateTimeOffset.UtcNow;
        ResourceProcess.Kill(process);
        try
        {
            await AssertSafeAndRecordAsync(fault, injectedAt);
        }
        finally
        {
            // Whatever the outcome, the next fault needs the whole app again.
            using var restart = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await ResourceProcess.RestartAsync(app.App, resource, restart.Token);
        }

        await AwaitPerceptionBackAsync(fault, injectedAt);
    }

    /// <summary>Starts the train as an operator and waits until the twin's train runs under power.</summary>
    private async Task CruiseAsync()
    {
        using var controller = app.CreateOperatorClient("controller");
        using var twin = app.App.CreateHttpClient("twin", "http");
        await Eventually.True(async () =>
        {
            await SelfDrivingTests.StartCruisingAsync(controller);
            var state = await TwinAsync(twin);
            var power = state.GetProperty("hub").GetProperty("motorPower").GetInt32();
            return power is > 0 and <= 100 && state.GetProperty("train").GetProperty("speedCmPerS").GetDouble() > 1;
        }, "the train cruises under power", TimeSpan.FromSeconds(90));
    }

    private async Task AssertSafeAndRecordAsync(string fault, DateTimeOffset injectedAt)
    {
        using var twin = app.App.CreateHttpClient("twin", "http");
        var deadline = DateTime.UtcNow + SafeStateLimit;
        JsonElement state;
        do
        {
            await Task.Delay(100);
            state = await TwinAsync(twin);
        }
        while (!IsSafe(state) && DateTime.UtcNow < deadline);

        Assert.True(IsSafe(state), $"{fault}: the train is not in the safe state {SafeStateLimit.TotalSeconds} s later: {state}");
        await RecordAsync(fault, injectedAt, twin, waitForStandstill: true);
    }

    /// <summary>
    /// The pipeline recovers by itself: the controller accepts detections of a frame captured after the fault ended
    /// (for a killed service: after it was killed, so its restart counts). The time is recorded, not asserted; the
    /// bound only ends a pipeline that never comes back.
    /// </summary>
    private async Task AwaitPerceptionBackAsync(string fault, DateTimeOffset startedAt)
    {
        using var controller = app.App.CreateHttpClient("controller", "http");
        JsonElement perception = default;
        try
        {
            await Eventually.True(
                async () =>
                {
                    using var train = JsonDocument.Parse(await controller.GetStringAsync("/api/train"));
                    perception = train.RootElement.GetProperty("perception").Clone();
                    return perception.GetProperty("fresh").GetBoolean()
                        && perception.GetProperty("lastFrameAt").ValueKind == JsonValueKind.String
                        && perception.GetProperty("lastFrameAt").GetDateTimeOffset() > startedAt;
                },
                $"{fault}: the controller gets fresh detections again",
                PerceptionBackLimit);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}; the controller's perception: {perception}");
        }

        app.Times.RecordPerceptionBack(fault, (DateTimeOffset.UtcNow - startedAt).TotalMilliseconds);
    }

    private static bool IsSafe(JsonElement state) =>
        state.GetProperty("hub").GetProperty("motorPower").GetInt32() is 0 or 127
        && state.GetProperty("train").GetProperty("speedCmPerS").GetDouble() == 0;

    /// <summary>From the twin's events after the injection: the first float or brake of the motor, and the standstill.</summary>
    private async Task RecordAsync(string fault, DateTimeOffset injectedAt, HttpClient twin, bool waitForStandstill)
    {
        var events = (await TwinAsync(twin)).GetProperty("events").EnumerateArray()
            .Select(e => (Time: e.GetProperty("time").GetDateTimeOffset(), Kind: e.GetProperty("kind").GetString(), Message: e.GetProperty("message").GetString()))
            .Where(e => e.Time >= injectedAt)
            .ToList();
        var motor = events.FirstOrDefault(e => e.Kind == "motor" && e.Message is "motor floats" or "motor brakes");
        var stopped = events.FirstOrDefault(e => e.Kind == "stopped");
        if (motor.Kind is null)
        {
            // The safe state holds (asserted above) but the motor stopped before the fault: on a loaded box the
            // perception can go stale by itself between the cruise check and the injection. Nothing to time then.
            app.Times.Record(new FaultTime(fault, injectedAt, null, $"the train was already stopping before the injection: {string.Join("; ", events.Select(e => e.Message))}", null));
            return;
        }

        var how = events.FirstOrDefault(e => e.Kind == "hub-disconnected" && e.Time <= motor.Time).Message is { } dropped
            ? $"{motor.Message} ({dropped})"
            : motor.Message;
        app.Times.Record(new FaultTime(
            fault,
            injectedAt,
            (motor.Time - injectedAt).TotalMilliseconds,
            how,
            waitForStandstill && stopped.Kind is not null ? (stopped.Time - injectedAt).TotalMilliseconds : null));
    }

    private static async Task<JsonElement> TwinAsync(HttpClient twin)
    {
        using var document = JsonDocument.Parse(await twin.GetStringAsync("/api/twin"));
        return document.RootElement.Clone();
    }
}
