using System.Net;
using System.Text.Json;
using CrazyTrain.Messaging;

namespace CrazyTrain.IntegrationTests;

[Collection(TrainAppCollection.Name)]
public sealed class BackboneTests(TrainAppFixture train)
{
    [Theory]
    [InlineData("capture")]
    [InlineData("inference")]
    [InlineData("controller")]
    public async Task Every_service_reports_ready_with_the_broker_reachable(string service)
    {
        using var http = train.App.CreateHttpClient(service);

        using var response = await http.GetAsync("/health");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("kafka").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("capture")]
    [InlineData("inference")]
    [InlineData("controller")]
    public async Task Liveness_is_answered_in_every_environment(string service)
    {
        using var http = train.App.CreateHttpClient(service);

        using var response = await http.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void A_frame_and_its_detections_share_one_trace()
    {
        // Frames are published by capture and answered by inference; whichever frame inference picks, its
        // detection message must carry the frame's trace id and frame id.
        var framesByTrace = new Dictionary<string, string>();
        var errors = new List<string>();
        using var consumer = train.CreateConsumer(errors, Topics.Frames, Topics.Detections);
        string? matchedTrace = null;
        var seen = new Dictionary<string, int>();
        var headerNames = new HashSet<string>();

        var found = KafkaMessages.ReadUntil(consumer, TimeSpan.FromSeconds(90), result =>
        {
            var headers = KafkaMessages.HeadersOf(result);
            seen[result.Topic] = seen.GetValueOrDefault(result.Topic) + 1;
            headerNames.UnionWith(headers.Keys);
            var traceId = TraceContext.TraceIdOf(headers);
            if (traceId is null)
            {
                return false;
            }

            if (result.Topic == Topics.Frames)
            {
                framesByTrace[traceId] = headers[FrameHeaders.FrameId];
                return false;
            }

            using var detection = JsonDocument.Parse(result.Message.Value);
            var frameId = detection.RootElement.GetProperty("frameId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (framesByTrace.TryGetValue(traceId, out var framesFrameId) && framesFrameId == frameId)
            {
                matchedTrace = traceId;
                return true;
            }

            return false;
        });

        Assert.True(found, $"No detection carried the trace id of its frame: messages seen {string.Join(", ", seen)}; headers seen {string.Join(", ", headerNames)}; client errors: {string.Join("; ", errors)}.");
        Assert.NotNull(matchedTrace);
    }
}
