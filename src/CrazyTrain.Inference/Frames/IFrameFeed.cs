namespace CrazyTrain.Inference.Frames;

/// <summary>
/// The encoded frames inference is fed (Kafka <c>train.frames</c> in the service, a list in tests); not capture's
/// <c>IFrameSource</c>, which opens a camera or a video.
/// </summary>
public interface IFrameFeed
{
    /// <summary>Yields frames as fast as they arrive; the pipeline decides which ones are worth processing.</summary>
    IAsyncEnumerable<Frame> ReadAsync(CancellationToken cancellationToken);
}
