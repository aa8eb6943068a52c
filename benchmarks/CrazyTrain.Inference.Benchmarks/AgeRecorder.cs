using System.Diagnostics;
using CrazyTrain.Inference.Frames;

namespace CrazyTrain.Inference.Benchmarks;

/// <summary>Serialises each message as the Kafka publisher would and records the frame's age.</summary>
internal sealed class AgeRecorder : IDetectionPublisher
{
    private readonly List<double> _ages = [];

    public int Count
    {
        get
        {
            lock (_ages)
            {
                return _ages.Count;
            }
        }
    }

    public double[] Ages
    {
        get
        {
            lock (_ages)
            {
                return [.. _ages];
            }
        }
    }

    public Task PublishAsync(string cameraId, DetectionMessage message, ActivityContext traceContext, CancellationToken cancellationToken)
    {
        _ = message.ToUtf8Json();
        lock (_ages)
        {
            _ages.Add((DateTimeOffset.UtcNow - message.CapturedAt).TotalMilliseconds);
        }

        return Task.CompletedTask;
    }
}
