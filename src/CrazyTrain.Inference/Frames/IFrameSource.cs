namespace CrazyTrain.Inference.Frames;

/// <summary>Where frames come from (Kafka <c>train.frames</c> in the service, a list in tests).</summary>
public interface IFrameSource
{
    /// <summary>Yields frames as fast as they arrive; the pipeline decides which ones are worth processing.</summary>
    IAsyncEnumerable<Frame> ReadAsync(CancellationToken cancellationToken);
}
