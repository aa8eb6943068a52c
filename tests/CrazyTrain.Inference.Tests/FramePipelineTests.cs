using System.Diagnostics;
using System.Text.Json;
using CrazyTrain.Inference.Detections;
using CrazyTrain.Inference.Frames;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Tests;

public sealed class FramePipelineTests : IAsyncLifetime
{
    private const string Skipped = "crazytrain.inference.frames.skipped";
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private readonly TempFolder _folder = new();
    private readonly TestFrameFeed _source = new();
    private readonly TestPublisher _publisher = new();
    private readonly TestClock _clock = new();
    private readonly InferenceMetrics _metrics = new();
    private readonly MetricRecorder _recorded;
    private readonly SignDetector _detector;
    private readonly FramePipeline _pipeline;
    private readonly byte[] _jpeg = TestImages.Scene(128, 96);

    public FramePipelineTests()
    {
        _recorded = new MetricRecorder(_metrics);
        _detector = new SignDetector(Models.Load(
            new TestModel { Name = "signs", Version = "1.2.3", Anchors = [([8 + 3, 6, 8 + 27, 30], [0, 0, 0, 0, 0.8f])] },
            _folder));
        _pipeline = new FramePipeline(
            _source, _publisher, _detector, _metrics,
            Options.Create(new InferenceOptions { MaxFrameAge = TimeSpan.FromMilliseconds(500), MaxImageBytes = 100_000 }),
            _clock, NullLogger<FramePipeline>.Instance);
    }

    public Task InitializeAsync() => _pipeline.StartAsync(CancellationToken.None);

    private Frame NewFrame(long id, byte[]? image = null, TimeSpan? age = null, int? width = 128, int? height = 96) =>
        new("cam-1", id, _clock.Now - (age ?? TimeSpan.FromMilliseconds(40)), width, height, "image/jpeg", image ?? _jpeg, TraceParent, "congo=t61",
            Stopwatch.GetTimestamp());

    [Fact]
    public async Task A_fresh_frame_is_published_as_the_contract_document_continuing_its_trace()
    {
        _source.Send(NewFrame(42));
        await Eventually.True(() => _publisher.Published.Count == 1, "frame 42 published");

        var (key, message, trace) = _publisher.Published[0];
        Assert.Equal("cam-1", key);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", trace.TraceId.ToHexString());

        var json = JsonDocument.Parse(message.ToUtf8Json()).RootElement;
        Assert.Equal(
            ["frameId", "capturedAt", "width", "height", "model", "detections", "timings"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(42, json.GetProperty("frameId").GetInt64());
        Assert.Equal("2026-11-28T16:00:00.083Z", json.GetProperty("capturedAt").GetString());
        Assert.Equal(128, json.GetProperty("width").GetInt32());
        Assert.Equal(96, json.GetProperty("height").GetInt32());
        Assert.Equal("""{"name":"signs","version":"1.2.3"}""", json.GetProperty("model").GetRawText());
        var detection = Assert.Single(json.GetProperty("detections").EnumerateArray());
        Assert.Equal("danger", detection.GetProperty("label").GetString());
        Assert.Equal(0.8f, detection.GetProperty("confidence").GetSingle());
        Assert.Equal(["x", "y", "width", "height"], detection.GetProperty("box").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["decodeMs", "preprocessMs", "inferenceMs", "postprocessMs"], json.GetProperty("timings").EnumerateObject().Select(p => p.Name));

        Assert.Equal(1, _recorded.Sum("crazytrain.inference.frames.processed"));
        Assert.Equal(40, _recorded.Sum("crazytrain.inference.frame.age"), 3);
        // The latency budget: every stage of the frame's way through the service, once each.
        Assert.Equal(6, _recorded.Count("crazytrain.inference.stage.duration"));
        Assert.All(
            ["queue", "decode", "preprocess", "inference", "postprocess", "publish"],
            stage => Assert.Equal(1, _recorded.Count("crazytrain.inference.stage.duration", stage)));
    }

    [Fact]
    public async Task A_frame_older_than_the_limit_is_skipped_and_counted()
    {
        _source.Send(NewFrame(1, age: TimeSpan.FromSeconds(2)));
        await Eventually.True(() => _recorded.Sum(Skipped) == 1, "frame 1 skipped");
        _source.Send(NewFrame(2));
        await Eventually.True(() => _publisher.Published.Count == 1, "frame 2 published");

        Assert.Equal(2, _publisher.Published[0].Message.FrameId);
        Assert.Equal(1, _recorded.Sum(Skipped, SkipReasons.Stale));
    }

    [Fact]
    public async Task A_model_unfit_to_drive_detects_no_live_frame_and_counts_each_until_a_good_one_replaces_it()
    {
        _detector.MarkUnfit("its labels lack stop");
        _source.Send(NewFrame(1));
        await Eventually.True(() => _recorded.Sum(Skipped, SkipReasons.ModelUnfit) == 1, "frame 1 skipped");

        Assert.Empty(_publisher.Published);
        Assert.Equal(0, _recorded.Sum("crazytrain.inference.frames.processed"));
    }

    [Fact]
    public async Task Frames_arriving_while_busy_are_replaced_by_the_latest_never_queued()
    {
        _publisher.HoldNext();
        _source.Send(NewFrame(1));
        await Eventually.True(() => _publisher.Entered, "frame 1 in publication");

        _source.Send(NewFrame(2));
        _source.Send(NewFrame(3));
        _source.Send(NewFrame(4));
        await Eventually.True(() => _recorded.Sum(Skipped, SkipReasons.Superseded) == 2, "frames 2 and 3 superseded");
        _publisher.Release();

        await Eventually.True(() => _publisher.Published.Count == 2, "frame 4 published");
        Assert.Equal([1L, 4L], _publisher.Published.Select(p => p.Message.FrameId));
    }

    [Theory]
    [InlineData("corrupt")]
    [InlineData("unexpected-size")]
    [InlineData("oversized")]
    [InlineData("empty")]
    [InlineData("too-many-pixels")]
    public async Task A_bad_frame_is_skipped_with_its_reason_and_the_next_one_is_processed(string reason)
    {
        var bad = reason switch
        {
            "corrupt" => NewFrame(1, image: [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9]),
            "unexpected-size" => NewFrame(1, width: 640, height: 480),
            "oversized" => NewFrame(1, image: new byte[200_000]),
            // A live frame is bounded like an API call: the header's size is refused before anything is allocated.
            "too-many-pixels" => NewFrame(1, image: TestImages.PngDeclaring(20000, 20000)),
            _ => NewFrame(1, image: []),
        };
        _source.Send(bad);
        await Eventually.True(() => _recorded.Sum(Skipped) == 1, "frame 1 skipped");
        _source.Send(NewFrame(2));
        await Eventually.True(() => _publisher.Published.Count == 1, "frame 2 published");

        Assert.Equal(2, _publisher.Published[0].Message.FrameId);
        Assert.Equal(1, _recorded.Sum(Skipped, reason));
    }

    [Fact]
    public async Task A_failed_publication_is_counted_and_does_not_stop_the_pipeline()
    {
        _publisher.FailWhen = message => message.FrameId == 1 ? new InvalidOperationException("broker gone") : null;
        _source.Send(NewFrame(1));
        await Eventually.True(() => _recorded.Sum(Skipped) == 1, "frame 1 skipped");
        _source.Send(NewFrame(2));
        await Eventually.True(() => _publisher.Published.Count == 1, "frame 2 published");

        Assert.Equal(1, _recorded.Sum(Skipped, SkipReasons.PublishFailed));
    }

    [Fact]
    public async Task Frames_without_a_trace_start_a_new_one_or_none()
    {
        _source.Send(NewFrame(5) with { TraceParent = null, TraceState = null });
        await Eventually.True(() => _publisher.Published.Count == 1, "frame 5 published");
        Assert.NotEqual("4bf92f3577b34da6a3ce929d0e0e4736", _publisher.Published[0].Trace.TraceId.ToHexString());
    }

    [Fact]
    public void The_execution_provider_is_reported_as_a_metric()
    {
        _metrics.ExecutionProvider = "CPU";
        _recorded.Observe();
        Assert.Equal(1, _recorded.Sum("crazytrain.inference.execution_provider", "CPU"));
    }

    public async Task DisposeAsync()
    {
        await _pipeline.StopAsync(CancellationToken.None);
        _pipeline.Dispose();
        _detector.Dispose();
        _recorded.Dispose();
        _metrics.Dispose();
        _folder.Dispose();
    }
}
