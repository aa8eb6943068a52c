using CrazyTrain.Inference.Detections;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Tests;

public sealed class ModelHotSwapTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly InferenceMetrics _metrics = new();
    private readonly MetricRecorder _recorded;
    private readonly ListLogger _log = new();
    private readonly string _path;
    private readonly SignDetector _detector;
    private readonly ModelFileWatcher _watcher;

    public ModelHotSwapTests()
    {
        _recorded = new MetricRecorder(_metrics);
        _path = new TestModel { Version = "1.0.0" }.WriteTo(_folder.Path, "signs.onnx");
        _detector = new SignDetector(ModelRuntime.Load(_path, Models.CpuOnly()));
        _watcher = new ModelFileWatcher(
            _detector, Models.CpuOnly(), _metrics,
            Options.Create(new InferenceOptions { ModelPath = _path, ModelPollInterval = TimeSpan.FromMilliseconds(100) }),
            new LoggerFactory([_log]).CreateLogger<ModelFileWatcher>());
    }

    private void Replace(byte[] bytes)
    {
        // Write beside and move over, as a deployment would; then make sure the time stamp differs.
        var temporary = _path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, _path, overwrite: true);
        File.SetLastWriteTimeUtc(_path, DateTime.UtcNow.AddSeconds(Random.Shared.Next(1, 1000)));
    }

    [Fact]
    public void A_valid_new_model_replaces_the_running_one()
    {
        Replace(new TestModel { Version = "2.0.0", Anchors = [([0, 0, 10, 10], [0, 0, 0.9f, 0, 0])] }.Build());

        Assert.True(_watcher.CheckForNewModel(_path));
        Assert.Equal("2.0.0", _detector.Current.Identity.Version);
        var result = _detector.Detect(TestImages.Scene(64, 48), strict: true);
        Assert.Equal("speed_limit_30", Assert.Single(result.Detections).Label);
        Assert.Equal(1, _recorded.Sum("crazytrain.inference.model.swaps", "swapped"));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("1.0.0 -> test-signs 2.0.0"));
    }

    [Fact]
    public void A_bad_new_model_is_rejected_with_a_log_and_the_old_one_keeps_working()
    {
        Replace("not a model"u8.ToArray());

        Assert.False(_watcher.CheckForNewModel(_path));
        Assert.Equal("1.0.0", _detector.Current.Identity.Version);
        Assert.Single(_detector.Detect(TestImages.Scene(64, 48), strict: true).Detections);
        var error = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("keeping test-signs 1.0.0", error.Message);
        Assert.Contains("signs.onnx", error.Message);
        Assert.Equal(1, _recorded.Sum("crazytrain.inference.model.swaps", "rejected"));

        // The same bad file is not retried on every poll; a fixed file is taken.
        Assert.False(_watcher.CheckForNewModel(_path));
        Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Replace(new TestModel { Version = "3.0.0" }.Build());
        Assert.True(_watcher.CheckForNewModel(_path));
        Assert.Equal("3.0.0", _detector.Current.Identity.Version);
    }

    [Fact]
    public void A_model_without_metadata_is_rejected()
    {
        Replace(new TestModel { Version = "2.0.0", WithoutMetadata = true }.Build());
        Assert.False(_watcher.CheckForNewModel(_path));
        Assert.Equal("1.0.0", _detector.Current.Identity.Version);
    }

    [Fact]
    public async Task The_running_watcher_swaps_a_replaced_file_by_itself()
    {
        await _watcher.StartAsync(CancellationToken.None);
        try
        {
            await Task.Yield();
            Replace(new TestModel { Version = "4.0.0" }.Build());
            await Eventually.True(() => _detector.Current.Identity.Version == "4.0.0", "model 4.0.0 in service: " + string.Join(" | ", _log.Entries));
        }
        finally
        {
            await _watcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Detection_keeps_going_while_models_are_swapped()
    {
        using var stop = new CancellationTokenSource();
        var image = TestImages.Scene(64, 48);
        var failures = 0;
        var detections = 0;
        var worker = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    _detector.Detect(image, strict: true);
                    Interlocked.Increment(ref detections);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        for (var version = 2; version <= 6; version++)
        {
            Replace(new TestModel { Version = $"{version}.0.0" }.Build());
            Assert.True(_watcher.CheckForNewModel(_path));
        }

        await Eventually.True(() => Volatile.Read(ref detections) > 5, "detections after the swaps");
        await stop.CancelAsync();
        await worker;
        Assert.Equal(0, failures);
        Assert.Equal("6.0.0", _detector.Current.Identity.Version);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _detector.Dispose();
        _recorded.Dispose();
        _metrics.Dispose();
        _folder.Dispose();
    }
}
