using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Capture.Publishing;
using CrazyTrain.Capture.Sources;
using CrazyTrain.Capture.Status;
using CrazyTrain.Capture.Telemetry;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Capture;

/// <summary>
/// Owns capture: opens the source, runs sessions, and when a source fails opens it again after an
/// exponential backoff, for as long as capture is wanted. Started and stopped by configuration or the API;
/// a failing source never stops the service.
/// </summary>
internal sealed class CaptureService(
    IOptions<CaptureOptions> options,
    IOptions<TrainModeOptions> trainMode,
    IHostEnvironment environment,
    IFrameSourceFactory sourceFactory,
    IFramePublisher publisher,
    FrameIdGenerator frameIds,
    CaptureStatistics statistics,
    CaptureMetrics metrics,
    LastPublishedFrame latestFrame,
    TimeProvider time,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly CaptureOptions _options = options.Value;
    private readonly ILogger _logger = loggerFactory.CreateLogger<CaptureService>();
    private readonly Lock _gate = new();
    private readonly FrameSourceSpec _spec = FrameSourceResolver.Resolve(options.Value, trainMode.Value.Mode, environment.ContentRootPath);
    private CancellationTokenSource? _run;
    private Task _running = Task.CompletedTask;
    private CancellationToken _serviceStopping = CancellationToken.None;

    private CaptureState _state = CaptureState.Stopped;
    private double? _targetFps;
    private long _publishedAtOpen;
    private DateTimeOffset? _runningSince;
    private string? _lastError;
    private DateTimeOffset? _failingSince;
    private DateTimeOffset? _nextRetryAt;

    public CaptureStatus GetStatus()
    {
        var frame = latestFrame.Current;
        lock (_gate)
        {
            if (_state == CaptureState.Running && statistics.FramesPublished > _publishedAtOpen)
            {
                // Frames flow again: the failure streak is over (lastError stays, as history).
                _failingSince = null;
            }

            return new CaptureStatus(
                _options.CameraId,
                _spec.Description,
                _state,
                _targetFps is { } target ? Math.Round(target, 3) : null,
                Math.Round(statistics.MeasuredFps(), 2),
                statistics.FramesPublished,
                statistics.FramesDropped,
                statistics.FramesFailed,
                _lastError,
                _failingSince,
                _nextRetryAt,
                _state == CaptureState.Running ? _runningSince : null,
                statistics.LastPublishedAt,
                frame?.FrameId,
                frame?.CapturedAt,
                _options.Width,
                _options.Height,
                _options.JpegQuality);
        }
    }

    /// <summary>Starts capturing unless it already runs; returns at once (opening happens in the background).</summary>
    public void StartCapture()
    {
        lock (_gate)
        {
            if (_run is not null || _serviceStopping.IsCancellationRequested)
            {
                return;
            }

            _run = CancellationTokenSource.CreateLinkedTokenSource(_serviceStopping);
            _state = CaptureState.Starting;
            _lastError = null;
            _failingSince = null;
            _nextRetryAt = null;
            var token = _run.Token;
            _running = Task.Run(() => SuperviseAsync(token), CancellationToken.None);
        }
    }

    /// <summary>Stops capturing and releases the source (the camera is free for others afterwards).</summary>
    public async Task StopCaptureAsync()
    {
        CancellationTokenSource? run;
        Task running;
        lock (_gate)
        {
            run = _run;
            running = _running;
            _run = null;
        }

        if (run is null)
        {
            return;
        }

        await run.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        run.Dispose();
        lock (_gate)
        {
            if (_run is null)
            {
                _state = CaptureState.Stopped;
                _nextRetryAt = null;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _serviceStopping = stoppingToken;
        _logger.LogInformation("Capture source {Source} for camera {CameraId}", _spec.Description, _options.CameraId);
        if (_options.AutoStart)
        {
            StartCapture();
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }

        await StopCaptureAsync();
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var backoff = _options.RetryInitialDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var publishedBefore = statistics.FramesPublished;
            try
            {
                using var source = await sourceFactory.OpenAsync(_spec, _options, cancellationToken);
                var target = _options.Fps ?? source.NativeFps ?? DefaultFileFps(source);
                lock (_gate)
                {
                    _targetFps = target;
                    _publishedAtOpen = statistics.FramesPublished;
                    _runningSince = time.GetUtcNow();
                    _state = CaptureState.Running;
                    _nextRetryAt = null;
                }

                _logger.LogInformation("Capturing from {Source} at {Fps} fps", _spec.Description, target?.ToString("0.##") ?? "the source's own");
                var session = new CaptureSession(source, _options, target, frameIds, publisher, statistics, metrics, latestFrame, time,
                    ReportFrameError, loggerFactory.CreateLogger<CaptureSession>());
                await session.RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (EndOfVideoException end)
            {
                _logger.LogInformation("{Message}", end.Message);
                lock (_gate)
                {
                    _state = CaptureState.Stopped;
                    _lastError = end.Message;
                    _run?.Dispose();
                    _run = null;
                }

                return;
            }
            catch (Exception exception)
            {
                // Anything, including a bug, ends in a retry rather than a dead capture loop.
                if (statistics.FramesPublished > publishedBefore)
                {
                    backoff = _options.RetryInitialDelay;
                }

                RecordFailure(exception, backoff);
            }

            try
            {
                await Task.Delay(backoff, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RetryMaxDelay.Ticks));
        }
    }

    private void RecordFailure(Exception exception, TimeSpan backoff)
    {
        var message = exception is FrameSourceException ? exception.Message : $"Capture failed unexpectedly: {exception.Message}";
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _state = CaptureState.Retrying;
            _lastError = message;
            _failingSince ??= now;
            _nextRetryAt = now + backoff;
        }

        if (exception is FrameSourceException)
        {
            _logger.LogWarning("{Message} Retrying in {Backoff}", message, backoff);
        }
        else
        {
            _logger.LogError(exception, "{Message} Retrying in {Backoff}", message, backoff);
        }
    }

    private void ReportFrameError(string message)
    {
        lock (_gate)
        {
            _lastError = message;
        }
    }

    private double? DefaultFileFps(IFrameSource source)
    {
        if (source.IsLive)
        {
            return null;
        }

        // A file that states no rate still has to be paced at real time; 30 fps is the common recording rate.
        const double fallback = 30;
        _logger.LogWarning("{Source} states no frame rate and Capture:Fps is empty; playing it at {Fps} fps", _spec.Description, fallback);
        return fallback;
    }
}
