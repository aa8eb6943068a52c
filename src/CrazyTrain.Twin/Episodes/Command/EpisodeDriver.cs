using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrazyTrain.Twin.Api;

namespace CrazyTrain.Twin.Episodes.Command;

/// <summary>
/// Drives episodes through the running application's own APIs, as an operator would: the twin's episode reset and
/// record, the controller's start, resume and emergency stop (bearer token). Every wait has a limit and says why it gave up.
/// </summary>
internal sealed class EpisodeDriver(HttpClient twin, HttpClient controller, TimeSpan episodeLimit, Func<string?> appHostGone)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Polls (1.5 s) a standing train's controller must wait for an operator before the episode ends as a false halt.</summary>
    private const int HaltedPolls = 3;

    public static (HttpClient Twin, HttpClient Controller) Clients(AppHostProcess app, string token)
    {
        HttpClient Client(Uri uri)
        {
            var client = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(10) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        return (Client(app.TwinUri), Client(app.ControllerUri));
    }

    /// <summary>Waits until the twin and the controller answer <c>/health</c> (Healthy or Degraded), or throws with why not.</summary>
    public async Task WaitHealthyAsync(TimeSpan limit, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + limit;
        string last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (appHostGone() is { } gone)
            {
                throw new EpisodeRunException($"The AppHost exited before the app was healthy: {gone}");
            }

            var twinHealth = await HealthAsync(twin, cancel);
            var controllerHealth = await HealthAsync(controller, cancel);
            if (twinHealth is null && controllerHealth is null)
            {
                return;
            }

            last = $"twin: {twinHealth ?? "healthy"}; controller: {controllerHealth ?? "healthy"}";
            await Task.Delay(TimeSpan.FromSeconds(2), cancel);
        }

        throw new EpisodeRunException($"Time limit: the app was not healthy within {limit.TotalSeconds:F0} s (last: {last}).");
    }

    /// <summary>One episode: reset the twin to <paramref name="seed"/>, set the train going, wait for the episode's end or its time limit, read its record.</summary>
    public async Task<JsonObject> RunAsync(int seed, CancellationToken cancel)
    {
        // The previous episode may have left the train running (a lap ends while it cruises): stop it before the world changes under it.
        var state = await TrainStateAsync(cancel);
        if (state is not ("idle" or "emergency-stopped"))
        {
            using var _ = await CommandAsync("emergency-stop", cancel);
        }

        var reset = await twin.PostAsJsonAsync(EpisodeApi.Path, new EpisodeRequest(seed), cancel);
        if (!reset.IsSuccessStatusCode)
        {
            throw new EpisodeRunException($"The twin refused episode {seed}: {(int)reset.StatusCode} {await reset.Content.ReadAsStringAsync(cancel)}");
        }

        var deadline = DateTime.UtcNow + episodeLimit;
        await WaitForNewFramesAsync(deadline, cancel);
        var started = await SetGoingAsync(deadline, cancel);
        JsonObject record;
        var haltedPolls = 0;
        while (true)
        {
            if (appHostGone() is { } gone)
            {
                throw new EpisodeRunException($"The AppHost exited during episode {seed}: {gone}");
            }

            record = await RecordAsync(cancel);
            if (record["ended"]?.GetValue<bool>() == true)
            {
                break;
            }

            if (await HaltedForGoodAsync(record, cancel) is { } world)
            {
                haltedPolls++;
                if (haltedPolls >= HaltedPolls)
                {
                    await EndAsFalseHaltAsync(record, world, cancel);
                    break;
                }
            }
            else
            {
                haltedPolls = 0;
            }

            if (DateTime.UtcNow >= deadline)
            {
                record["ended"] = true;
                record["endedBecause"] = started is null
                    ? $"time-limit: {episodeLimit.TotalSeconds:F0} s (wall-clock) without the controller starting the train"
                    : $"time-limit: {episodeLimit.TotalSeconds:F0} s (wall-clock) before a lap or a no-entry halt";
                break;
            }

            await Task.Delay(Poll, cancel);
        }

        // Name what the controller acted on at each false stop (the history holds the last 1000 orders, an episode's worth).
        var orders = await controller.GetFromJsonAsync<JsonArray>("/api/orders?limit=1000", cancel);
        FalseStopOrders.Attach(record["falseStops"] as JsonArray, orders);

        // How many times the controller ordered a stop for a STOP reading in this episode: one per STOP sign unless it
        // stopped more than once at a sign (or for a misreading, which the false stops name).
        if (record["startedAt"] is JsonValue began && began.GetValue<DateTimeOffset>() is var since)
        {
            record["stopOrders"] = orders?.OfType<JsonObject>().Count(o => o["action"]?.GetValue<string>() == "stop"
                && o["time"] is JsonValue t && t.GetValue<DateTimeOffset>() >= since);
        }

        // And what reached the controller of each sign it passed without obeying (the log holds its last 5000 sightings).
        foreach (var missed in MissedSignSightings.Missed(record["signs"] as JsonArray).ToList())
        {
            MissedSignSightings.Attach(missed, await controller.GetFromJsonAsync<JsonArray>($"/api/sightings?limit=5000&label={missed["label"]}", cancel));
        }

        record["start"] = started ?? "refused";
        record["camera"] = (await twin.GetFromJsonAsync<JsonObject>("/api/twin", cancel))?["camera"]?.DeepClone();
        using (await CommandAsync("emergency-stop", cancel))
        {
        }
        return record;
    }

    /// <summary>
    /// The train stands and the controller waits for an operator (a halt, an emergency stop, a fail-safe that needs one),
    /// but the twin did not end the episode at a no-entry sign: nothing would ever move the train again. Without this
    /// the episode would sit out its whole time limit. Returns the twin's state it judged by (null: not halted), so the
    /// false halt is recorded where the train was seen standing.
    /// </summary>
    private async Task<JsonObject?> HaltedForGoodAsync(JsonObject record, CancellationToken cancel)
    {
        if (record["ended"]?.GetValue<bool>() == true)
        {
            return null;
        }

        var train = await controller.GetFromJsonAsync<JsonObject>("/api/train", cancel);
        var world = await twin.GetFromJsonAsync<JsonObject>("/api/twin", cancel);
        return train?["awaitingOperator"]?.GetValue<bool>() == true
            && world?["train"]?["speedCmPerS"]?.GetValue<double>() == 0
            ? world
            : null;
    }

    /// <summary>
    /// Ends the episode as a false halt: the record gains a false stop where the train stands (unless the twin already
    /// counted one there) naming the order that halted it, so the summary counts it and says why.
    /// </summary>
    private async Task EndAsFalseHaltAsync(JsonObject record, JsonObject world, CancellationToken cancel)
    {
        var orders = await controller.GetFromJsonAsync<JsonArray>("/api/orders?limit=1", cancel);
        var order = orders?.FirstOrDefault() as JsonObject;
        var why = order is null ? "no order" : FalseStopOrders.Describe(order);
        var positionCm = world["train"]?["positionCm"]?.GetValue<double>() ?? double.NaN;
        var falseStops = record["falseStops"] as JsonArray ?? [];
        record["falseStops"] = falseStops;
        var counted = falseStops.OfType<JsonObject>().Any(f => Math.Abs((f["positionCm"]?.GetValue<double>() ?? double.NaN) - positionCm) < 1);
        if (!counted)
        {
            falseStops.Add(new JsonObject
            {
                ["positionCm"] = positionCm,
                ["at"] = DateTimeOffset.UtcNow,
                ["nextSign"] = world["nextSign"]?["label"]?.DeepClone(),
                ["nextSignDistanceCm"] = world["nextSign"]?["distanceCm"]?.DeepClone(),
                ["controller"] = why,
            });
        }

        record["ended"] = true;
        record["endedBecause"] = $"controller-halted: waiting for an operator after {why}, with no no-entry sign ahead";
    }

    private async Task<JsonObject> RecordAsync(CancellationToken cancel) =>
        await twin.GetFromJsonAsync<JsonObject>(EpisodeApi.Path, cancel) ?? throw new EpisodeRunException("The twin answered no episode record.");

    /// <summary>
    /// Gets the train running, whatever state the controller is in: resume lifts an emergency stop or a halt (before
    /// the first start it only clears the stop, leaving the controller idle), start sets an idle train going. Both are
    /// refused while perception is not yet fresh, so the state is read again until it says running or the deadline passes.
    /// Returns the commands that were accepted, or null.
    /// </summary>
    private async Task<string?> SetGoingAsync(DateTime deadline, CancellationToken cancel)
    {
        var accepted = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            var state = await TrainStateAsync(cancel);
            if (state is "cruising" or "ramping")
            {
                return string.Join(", ", accepted);
            }

            var command = state is "idle" ? "start" : "resume";
            using var answer = await CommandAsync(command, cancel);
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                accepted.Add(command);
                continue;
            }

            await Task.Delay(Poll, cancel);
        }

        return null;
    }

    /// <summary>
    /// The camera paints a new layout's ground once before its first frame (seconds on a loaded machine); starting
    /// before frames flow again would let the controller's perception go stale and fail-safe stop the train, which the
    /// record would rightly count as a false stop. So wait for a few frames of the new episode first.
    /// </summary>
    private async Task WaitForNewFramesAsync(DateTime deadline, CancellationToken cancel)
    {
        const int frames = 5;
        long? first = null;
        while (DateTime.UtcNow < deadline)
        {
            var now = (await twin.GetFromJsonAsync<JsonObject>("/api/twin", cancel))?["camera"]?["frames"]?.GetValue<long>() ?? 0;
            first ??= now;
            if (now >= first + frames)
            {
                return;
            }

            await Task.Delay(Poll, cancel);
        }
    }

    private async Task<string?> TrainStateAsync(CancellationToken cancel) =>
        (await controller.GetFromJsonAsync<JsonObject>("/api/train", cancel))?["state"]?.GetValue<string>();

    private async Task<HttpResponseMessage> CommandAsync(string command, CancellationToken cancel)
    {
        var answer = await controller.PostAsync($"/api/train/{command}", null, cancel);
        if (answer.StatusCode is HttpStatusCode.Unauthorized)
        {
            throw new EpisodeRunException($"The controller refused the operator token for {command}.");
        }

        return answer;
    }

    private static async Task<string?> HealthAsync(HttpClient client, CancellationToken cancel)
    {
        try
        {
            using var answer = await client.GetAsync("/health", cancel);
            return answer.IsSuccessStatusCode ? null : $"{(int)answer.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            return "no answer within 10 s";
        }
    }
}

/// <summary>The run cannot go on: the message says why (for the console and the output file).</summary>
internal sealed class EpisodeRunException(string message) : Exception(message);
