using System.Diagnostics.Metrics;
using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Capture.Sources;
using CrazyTrain.Capture.Status;
using CrazyTrain.Capture.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace CrazyTrain.Capture.Tests.Support;

/// <summary>Builds a <see cref="CaptureSession"/> with real statistics and metrics and a recording publisher.</summary>
internal sealed class SessionHarness : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public SessionHarness(TimeProvider? time = null, CaptureOptions? options = null)
    {
        Time = time ?? TimeProvider.System;
        Options = options ?? new CaptureOptions();
        Statistics = new CaptureStatistics(Time);
        Metrics = new CaptureMetrics(_services.GetRequiredService<IMeterFactory>(), Statistics);
    }

    public TimeProvider Time { get; }

    public CaptureOptions Options { get; }

    public CaptureStatistics Statistics { get; }

    public CaptureMetrics Metrics { get; }

    public RecordingFramePublisher Publisher { get; } = new();

    public LastPublishedFrame Latest { get; } = new();

    public List<string> Errors { get; } = [];

    public CaptureSession Create(IFrameSource source, double? fps) =>
        new(source, Options, fps, new FrameIdGenerator(Time), Publisher, Statistics, Metrics, Latest, Time,
            message =>
            {
                lock (Errors)
                {
                    Errors.Add(message);
                }
            },
            NullLogger.Instance);

    /// <summary>
    /// A live source that hands out <paramref name="frames"/> frames one at a time, each only after the one
    /// before has been published or failed, so no frame is pushed out of the queue; then it stays silent.
    /// </summary>
    public ScriptedSource OneAtATime(Func<int, Mat> frames, int count) => new(async (read, token) =>
    {
        if (read >= count)
        {
            await Task.Delay(Timeout.Infinite, token);
        }

        while (Statistics.FramesPublished + Statistics.FramesDropped < read)
        {
            await Task.Delay(5, token);
        }

        return frames(read);
    });

    public void Dispose() => _services.Dispose();
}
