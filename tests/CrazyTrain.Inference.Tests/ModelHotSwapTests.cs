using CrazyTrain.Inference.Detections;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
    private readonly ModelSwapStatus _status = new();

    public ModelHotSwapTests()
    {
        _recorded = new MetricRecorder(_metrics);
        _path = new TestModel { Version = "1.0.0" }.WriteTo(_folder.Path, "signs.onnx");
        _detector = new SignDetector(ModelRuntime.Load(_path, Models.CpuOnly()));
        _watcher = new ModelFileWatcher(
            _detector, Models.CpuOnly(), _metrics, _status, TimeProvider.System,
            Options.Create(new InferenceOptions { ModelPath = _path, ModelPollInterval = TimeSpan.FromMilliseconds(100) }),
            new LoggerFactory([_log]).CreateLogger<ModelFileWatcher>());
    }

    private static readonly (float[] Box, float[] Scores) GoldenStop = TestModel.GoldenStop;

    /// <summary>A new model that passes the acceptance checks: every label of the catalogue, STOP where the golden image has it.</summary>
    private static byte[] Passing(string version) => new TestModel { Version = version, Anchors = [GoldenStop] }.Build();

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
        Replace(new TestModel { Version = "2.0.0", Anchors = [([0, 0, 10, 10], [0, 0, 0.9f, 0, 0]), GoldenStop] }.Build());

        Assert.True(_watcher.CheckForNewModel(_path));
        Assert.Equal("2.0.0", _detector.Current.Identity.Version);
        var result = _detector.Detect(TestImages.Scene(64, 48), strict: true);
        Assert.Equal(["speed_limit_30", "stop"], result.Detections.Select(d => d.Label).Order());
        Assert.Null(_status.Refused);
        Assert.Equal(1, _recorded.Sum("crazytrain.inference.model.swaps", "swapped"));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("1.0.0 -> test-signs 2.0.0"));
    }

    [Fact]
    public void A_good_model_replacing_one_that_failed_the_checks_at_start_lets_the_live_frames_through_again()
    {
        _detector.MarkUnfit("it does not see the STOP sign of the golden image above its threshold");

        Replace(Passing("2.0.0"));

        Assert.True(_watcher.CheckForNewModel(_path));
        Assert.Null(_detector.Unfit);
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
        Assert.NotNull(_status.Refused);
        Replace(Passing("3.0.0"));
        Assert.True(_watcher.CheckForNewModel(_path));
        Assert.Equal("3.0.0", _detector.Current.Identity.Version);
        Assert.Null(_status.Refused);
    }

    [Fact]
    public void A_model_without_metadata_is_rejected()
    {
        Replace(new TestModel { Version = "2.0.0", WithoutMetadata = true }.Build());
        Assert.False(_watcher.CheckForNewModel(_path));
        Assert.Equal("1.0.0", _detector.Current.Identity.Version);
    }

    [Fact]
    public async Task A_model_without_a_label_the_driving_rules_act_on_is_refused_and_health_says_why()
    {
        Replace(new TestModel { Version = "2.0.0", Labels = ["stop", "speed_limit_30", "speed_limit_50", "danger", "parking"], Anchors = [GoldenStop] }.Build());

        Assert.False(_watcher.CheckForNewModel(_path));

        Assert.Equal("1.0.0", _detector.Current.Identity.Version);
        var refused = Assert.IsType<RefusedModel>(_status.Refused);
        Assert.Contains("test-signs 2.0.0", refused.Reason);
        Assert.Contains("labels lack no_entry", refused.Reason);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("labels lack no_entry") && e.Message.Contains("keeping test-signs 1.0.0"));
        Assert.Equal(1, _recorded.Sum("crazytrain.inference.model.swaps", "rejected"));
        var health = await new ModelHealthCheck(_detector, _status, Models.CpuOnly(), Options.Create(new TrainModeOptions())).CheckHealthAsync(new());
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("labels lack no_entry", health.Description);
        Assert.Contains("previous one kept", health.Description);
    }

    [Fact]
    public void A_model_that_sees_no_stop_sign_in_the_golden_image_is_refused()
    {
        // STOP scored below the model's threshold (0.5) where the sign stands: blind to it.
        Replace(new TestModel { Version = "2.0.0", Anchors = [(GoldenStop.Box, [0.3f, 0, 0, 0, 0])] }.Build());

        Assert.False(_watcher.CheckForNewModel(_path));

        Assert.Equal("1.0.0", _detector.Current.Identity.Version);
        Assert.Contains("does not see the STOP sign of the golden image", _status.Refused?.Reason);
    }

    [Fact]
    public void A_model_that_sees_stop_in_the_wrong_place_is_refused()
    {
        // The default test model scores STOP at 0.9 everywhere it looks, but its box is far from the golden sign.
        Replace(new TestModel { Version = "2.0.0" }.Build());

        Assert.False(_watcher.CheckForNewModel(_path));

        Assert.Equal("1.0.0", _detector.Current.Identity.Version);
        Assert.Contains("not where the sign stands", _status.Refused?.Reason);
    }

    [Fact]
    public void The_shipped_model_passes_the_acceptance_checks_on_the_shipped_golden_image()
    {
        using var shipped = ModelRuntime.Load(ModelLocator.Resolve(InferenceOptions.DefaultModelPath), Models.CpuOnly());

        Assert.Null(ModelAcceptance.Refusal(shipped, File.ReadAllBytes(ModelAcceptance.GoldenImagePath), threshold: null));
    }

    [Fact]
    public async Task Running_on_the_cpu_while_a_gpu_provider_is_configured_is_degraded_on_the_edge()
    {
        var withGpu = new ExecutionProviderChain(["CUDA", "CPU"], 1, NullLogger.Instance);
        var hardware = Options.Create(new TrainModeOptions { Mode = TrainMode.Hardware });
        var simulation = Options.Create(new TrainModeOptions { Mode = TrainMode.Simulation });

        var fellBack = await new ModelHealthCheck(_detector, _status, withGpu, hardware).CheckHealthAsync(new());
        var cpuByChoice = await new ModelHealthCheck(_detector, _status, Models.CpuOnly(), hardware).CheckHealthAsync(new());
        var laptop = await new ModelHealthCheck(_detector, _status, withGpu, simulation).CheckHealthAsync(new());

        Assert.Equal(HealthStatus.Degraded, fellBack.Status);
        Assert.Contains("running on the CPU although CUDA is configured", fellBack.Description);
        Assert.Equal(HealthStatus.Healthy, cpuByChoice.Status);
        Assert.Equal(HealthStatus.Healthy, laptop.Status);
        Assert.Equal("CUDA -> CPU", laptop.Data["fallback"]);
    }

    [Fact]
    public async Task The_running_watcher_swaps_a_replaced_file_by_itself()
    {
        await _watcher.StartAsync(CancellationToken.None);
        try
        {
            await Task.Yield();
            Replace(Passing("4.0.0"));
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
            Replace(Passing($"{version}.0.0"));
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
