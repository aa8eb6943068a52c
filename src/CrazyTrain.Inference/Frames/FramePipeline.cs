using System.Diagnostics;
using CrazyTrain.Inference.Detections;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Imaging;
using CrazyTrain.SignModel.Runtime;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Frames;

/// <summary>
/// Reads frames as fast as they come and always works on the latest one: a frame that arrives while the
/// detector is busy replaces the one waiting (counted as <c>superseded</c>), and a frame older than
/// <see cref="InferenceOptions.MaxFrameAge"/> when its turn comes is dropped (<c>stale</c>). Nothing queues,
/// so a slow moment never turns into a growing delay between what the camera sees and what the train does.
/// </summary>
public sealed partial class FramePipeline(
    IFrameFeed feed,
    IDetectionPublisher publisher,
    SignDetector detector,
    InferenceMetrics metrics,
    IOptions<InferenceOptions> options,
    TimeProvider time,
    ILogger<FramePipeline> logger) : BackgroundService
{
    public static readonly ActivitySource ActivitySource = new(InferenceMetrics.MeterName);

    private readonly InferenceOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var latest = new LatestFrame(() => metrics.Skipped(SkipReasons.Superseded));
        var detectorDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The detector has a thread of its own (docs/performance.md): on a 2-core box the thread pool is shared with
        // Kestrel, health checks and the telemetry exporters, and a frame that waited for a pool thread waited for
        // all of them. This one thread only ever detects.
        var detector = new Thread(() => Detect(latest, detectorDone, stoppingToken))
        {
            IsBackground = true,
            Name = "frame detector",
        };
        detector.Start();

        await Task.Run(() => ReceiveAsync(latest, stoppingToken), CancellationToken.None);
        await detectorDone.Task;
    }

    private void Detect(LatestFrame latest, TaskCompletionSource done, CancellationToken stoppingToken)
    {
        try
        {
            while (latest.Take(stoppingToken) is { } frame)
            {
                // Publishing hands the message to librdkafka and returns: this wait does not block on the broker.
                ProcessAsync(frame, stoppingToken).GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Handed to the service's task: it fails as the async loop did, never as a crashed thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            done.TrySetException(ex);
        }
        finally
        {
            done.TrySetResult();
        }
    }

    private async Task ReceiveAsync(LatestFrame latest, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var frame in feed.ReadAsync(stoppingToken))
                {
                    latest.Put(frame);
                }

                break;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The broker may come back; the detector and the HTTP API keep serving meanwhile.
                LogSourceFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        latest.Complete();
    }

    /// <summary>One frame, start to publication; nothing that goes wrong with one frame stops the next.</summary>
    internal async Task ProcessAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (frame.ReceivedTimestamp != 0)
        {
            metrics.QueueWait(Stopwatch.GetElapsedTime(frame.ReceivedTimestamp));
        }

        ActivityContext.TryParse(frame.TraceParent, frame.TraceState, isRemote: true, out var parent);
        using var activity = ActivitySource.StartActivity("detect frame", ActivityKind.Consumer, parent);
        activity?.SetTag("crazytrain.frame.id", frame.FrameId);

        if (detector.Unfit is not null)
        {
            // Never detections from a model that failed the checks: no perception stops the train, blind perception would not.
            metrics.Skipped(SkipReasons.ModelUnfit);
            return;
        }

        var age = time.GetUtcNow() - frame.CapturedAt;
        if (age > _options.MaxFrameAge)
        {
            // Expected whenever the train outruns the detector: counted, logged only at debug level.
            metrics.Skipped(SkipReasons.Stale);
            LogStale(frame.FrameId, age.TotalMilliseconds);
            return;
        }

        if (frame.Image.Length > _options.MaxImageBytes)
        {
            Skip(frame, ImageRejectedException.Oversized, $"it has {frame.Image.Length} bytes (limit {_options.MaxImageBytes})");
            return;
        }

        DetectionResult result;
        try
        {
            var expected = frame is { Width: { } w, Height: { } h } ? (w, h) : ((int, int)?)null;
            result = detector.Detect(frame.Image.Span, strict: true, _options.Threshold, expected);
        }
        catch (ImageRejectedException ex)
        {
            Skip(frame, ex.Reason, ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Skip(frame, SkipReasons.Failed, ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return;
        }

        metrics.Stages(result.Timings);
        activity?.SetTag("crazytrain.detections", result.Detections.Count);
        var publishing = Stopwatch.GetTimestamp();
        try
        {
            await publisher.PublishAsync(frame.CameraId, DetectionMessage.From(frame, result), activity?.Context ?? parent, cancellationToken);
            metrics.PublishDuration(Stopwatch.GetElapsedTime(publishing));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Skip(frame, SkipReasons.PublishFailed, ex.Message);
            return;
        }

        metrics.Processed();
        metrics.FrameAge(time.GetUtcNow() - frame.CapturedAt);
    }

    private void Skip(Frame frame, string reason, string why)
    {
        metrics.Skipped(reason);
        LogSkipped(frame.FrameId, frame.CameraId, reason, why);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped frame {FrameId} from {CameraId} ({Reason}): {Why}")]
    private partial void LogSkipped(long frameId, string cameraId, string reason, string why);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped frame {FrameId}: {AgeMs:F0} ms old")]
    private partial void LogStale(long frameId, double ageMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "The frame feed failed; reading again in 1 s")]
    private partial void LogSourceFailed(Exception exception);
}

/// <summary>Tags of the skipped-frames counter besides the image rejection reasons.</summary>
public static class SkipReasons
{
    public const string Stale = "stale";
    public const string Superseded = "superseded";
    public const string Failed = "failed";
    public const string PublishFailed = "publish-failed";
    public const string ModelUnfit = "model-unfit";
}
