using System.Diagnostics;
using System.Threading.Channels;
using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Pacing;
using CrazyTrain.Capture.Publishing;
using CrazyTrain.Capture.Sources;
using CrazyTrain.Capture.Status;
using CrazyTrain.Capture.Telemetry;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Capture.Pipeline;

/// <summary>
/// One run of an opened source: a grab loop feeding a bounded drop-oldest queue, and an encode-and-publish
/// loop draining it. A slow encoder or broker therefore costs the oldest waiting frame, never memory or
/// freshness. A file is paced at <c>targetFps</c>; a live source is thinned to it; with no target a live
/// source is taken as it comes. Ends by throwing the source's failure, or when cancelled.
/// </summary>
internal sealed class CaptureSession(
    IFrameSource source,
    CaptureOptions options,
    double? targetFps,
    FrameIdGenerator frameIds,
    IFramePublisher publisher,
    CaptureStatistics statistics,
    CaptureMetrics metrics,
    LastPublishedFrame latestFrame,
    TimeProvider time,
    Action<string> reportError,
    ILogger logger)
{
    private int _failuresInARow;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<GrabbedFrame>(
            new BoundedChannelOptions(options.QueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            },
            OnDropped);

        var publishing = Task.Run(() => PublishLoopAsync(channel.Reader, cancellationToken), CancellationToken.None);
        try
        {
            await GrabLoopAsync(channel.Writer, cancellationToken);
        }
        finally
        {
            // A lost source lets the publish loop send what is queued (at most QueueCapacity frames); a stop
            // cancels it. Whatever is left is released here.
            channel.Writer.TryComplete();
            await publishing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            while (channel.Reader.TryRead(out var left))
            {
                End(left, "cancelled");
            }
        }
    }

    private async Task GrabLoopAsync(ChannelWriter<GrabbedFrame> writer, CancellationToken cancellationToken)
    {
        // A file must be paced even when nobody knows its rate; 30 fps is the common recording rate.
        var pacer = targetFps is { } fps ? new FramePacer(time, fps) : source.IsLive ? null : new FramePacer(time, 30);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (pacer is not null && !source.IsLive)
            {
                var delay = pacer.DelayUntilNextSlot();
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken);
                }
            }

            var started = time.GetTimestamp();
            var image = await source.ReadAsync(cancellationToken);
            var grabbed = time.GetTimestamp();
            if (pacer is not null && source.IsLive && !pacer.IsSlotDue())
            {
                // A camera faster than the target rate: thin it here, before any encoding work.
                image.Dispose();
                continue;
            }

            pacer?.TakeSlot();
            metrics.Grabbed(time.GetElapsedTime(started, grabbed).TotalMilliseconds);
            var frameId = frameIds.Next();
            var frame = new GrabbedFrame(image, frameId, time.GetUtcNow(), grabbed,
                CaptureTelemetry.StartFrameActivity(options.CameraId, frameId));
            if (!writer.TryWrite(frame))
            {
                End(frame, "cancelled");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task PublishLoopAsync(ChannelReader<GrabbedFrame> reader, CancellationToken cancellationToken)
    {
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var frame))
            {
                await PublishAsync(frame, cancellationToken);
            }
        }
    }

    private async Task PublishAsync(GrabbedFrame grabbed, CancellationToken cancellationToken)
    {
        var previous = Activity.Current;
        Activity.Current = grabbed.Activity;
        var outcome = "published";
        try
        {
            var encodeStarted = time.GetTimestamp();
            CapturedFrame frame;
            try
            {
                var (jpeg, width, height) = FrameEncoder.Encode(grabbed.Image, options.Width, options.Height, options.JpegQuality);
                frame = new CapturedFrame(options.CameraId, grabbed.FrameId, grabbed.CapturedAt, width, height, jpeg);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                outcome = CaptureMetrics.DropReasonEncodeFailed;
                Fail(grabbed, outcome, $"Frame {grabbed.FrameId} could not be encoded as JPEG: {exception.Message}", exception);
                return;
            }

            metrics.Encoded(time.GetElapsedTime(encodeStarted).TotalMilliseconds);
            // The snapshot shows what the camera sees even while the broker takes nothing: that is when people look.
            latestFrame.Set(frame);
            long handedOff;

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.PublishTimeout);
                // The call returns once the frame is in the producer's hands; awaiting it waits for the broker.
                var publishing = publisher.PublishAsync(frame, timeout.Token);
                handedOff = time.GetTimestamp();
                await publishing;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                outcome = "cancelled";
                return;
            }
            catch (Exception exception)
            {
                outcome = CaptureMetrics.DropReasonPublishFailed;
                var why = exception is OperationCanceledException
                    ? $"no broker acknowledgement within {options.PublishTimeout.TotalSeconds:0.#} s"
                    : exception.Message;
                Fail(grabbed, outcome, $"Frame {grabbed.FrameId} could not be published to train.frames: {why}", exception);
                return;
            }

            statistics.RecordPublished();
            metrics.Published(
                time.GetElapsedTime(grabbed.GrabbedTimestamp, handedOff).TotalMilliseconds,
                time.GetElapsedTime(grabbed.GrabbedTimestamp).TotalMilliseconds);
            if (_failuresInARow > 0)
            {
                logger.LogInformation("Frames flow again after {Failures} failed frames", _failuresInARow);
                _failuresInARow = 0;
            }
        }
        finally
        {
            Activity.Current = previous;
            End(grabbed, outcome);
        }
    }

    private void Fail(GrabbedFrame frame, string reason, string message, Exception exception)
    {
        statistics.RecordFailed();
        metrics.Dropped(reason);
        frame.Activity.SetStatus(ActivityStatusCode.Error, message);
        frame.Activity.AddException(exception);
        reportError(message);
        // One warning per failure streak: a broker outage at 30 fps must not bury the log.
        if (_failuresInARow++ == 0)
        {
            logger.LogWarning(exception, "{Message} Further failures are logged at Debug until a frame gets through.", message);
        }
        else
        {
            logger.LogDebug(exception, "{Message}", message);
        }
    }

    private void OnDropped(GrabbedFrame frame)
    {
        statistics.RecordDropped();
        metrics.Dropped(CaptureMetrics.DropReasonQueueFull);
        End(frame, CaptureMetrics.DropReasonQueueFull);
    }

    private static void End(GrabbedFrame frame, string outcome)
    {
        frame.Activity.SetTag("crazytrain.frame.outcome", outcome);
        frame.Activity.Stop();
        frame.Dispose();
    }
}
