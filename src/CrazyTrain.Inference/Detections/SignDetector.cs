using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;

namespace CrazyTrain.Inference.Detections;

/// <summary>
/// The one detector of the process, shared by the frame pipeline, the HTTP API and the batch command.
/// Images go through one at a time (the model's buffers are shared); a hot swap replaces the model
/// between two images, so at most the image in flight sees the old one.
/// </summary>
public sealed class SignDetector : IDisposable
{
    private readonly Lock _gate = new();
    private ModelRuntime _current;

    public SignDetector(ModelRuntime initial)
    {
        _current = initial;
    }

    /// <summary>Raised after a swap, with the new runtime (metrics follow the execution provider).</summary>
    public event Action<ModelRuntime>? Swapped;

    public ModelRuntime Current => Volatile.Read(ref _current);

    public DetectionResult Detect(ReadOnlySpan<byte> image, bool strict, float? threshold = null, (int Width, int Height)? expectedSize = null)
    {
        lock (_gate)
        {
            return _current.Detect(image, strict, threshold, expectedSize);
        }
    }

    /// <summary>Runs the raw model on an already prepared input tensor (Open Inference Protocol).</summary>
    public T RunRaw<T>(ReadOnlySpan<float> input, Func<ModelRuntime, T> read)
    {
        lock (_gate)
        {
            var model = _current.Model;
            input.CopyTo(model.Input);
            model.Run();
            return read(_current);
        }
    }

    /// <summary>Puts <paramref name="next"/> in service and disposes the previous runtime.</summary>
    public void Swap(ModelRuntime next)
    {
        ModelRuntime previous;
        lock (_gate)
        {
            previous = _current;
            Volatile.Write(ref _current, next);
        }

        previous.Dispose();
        Swapped?.Invoke(next);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _current.Dispose();
        }
    }
}
