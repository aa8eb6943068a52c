using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;

namespace CrazyTrain.Inference.Detections;

/// <summary>
/// The detector of the process, in two lanes: live frames (the frame pipeline) and requests (the HTTP API and the
/// KServe route). Each lane has its own model runtime and goes one image at a time (a runtime's buffers are
/// shared), so a live frame never waits behind an HTTP request: a request decodes and runs on the requests' own
/// runtime, on the CPU, and never holds the live lane or the GPU. Built without a loader for requests (tests, the
/// batch tools, the benchmark), both lanes share one runtime and one gate. A hot swap replaces the model in both
/// lanes between two images, so at most the image in flight sees the old one.
/// </summary>
public sealed class SignDetector : IDisposable
{
    private readonly Lane _live;
    private readonly Lane _requests;
    private readonly Func<string, ModelRuntime>? _loadForRequests;
    private string? _unfit;

    /// <param name="initial">The live lane's runtime.</param>
    /// <param name="loadForRequests">Loads a model file for the requests' lane; null: requests share the live lane.</param>
    public SignDetector(ModelRuntime initial, Func<string, ModelRuntime>? loadForRequests = null)
    {
        _live = new Lane(initial);
        _loadForRequests = loadForRequests;
        _requests = loadForRequests is null ? _live : new Lane(LoadForRequests(initial));
    }

    /// <summary>Raised after a swap, with the new runtime (metrics follow the execution provider).</summary>
    public event Action<ModelRuntime>? Swapped;

    /// <summary>The live lane's runtime: the model that drives the train.</summary>
    public ModelRuntime Current => _live.Runtime;

    /// <summary>
    /// Why the running model must not drive the train (it failed the checks a hot swap must pass), or null. Set at start
    /// for a model that loads and runs but is blind to what the rules act on; an accepted swap clears it.
    /// </summary>
    public string? Unfit => Volatile.Read(ref _unfit);

    /// <summary>The running model failed the acceptance checks: live frames are not detected until a good model replaces it.</summary>
    public void MarkUnfit(string reason) => Volatile.Write(ref _unfit, reason);

    /// <summary>A live frame.</summary>
    public DetectionResult Detect(ReadOnlySpan<byte> image, bool strict, float? threshold = null, (int Width, int Height)? expectedSize = null)
    {
        lock (_live.Gate)
        {
            return _live.Runtime.Detect(image, strict, threshold, expectedSize);
        }
    }

    /// <summary>An image sent over HTTP: the requests' lane.</summary>
    public DetectionResult DetectRequest(ReadOnlySpan<byte> image, float? threshold)
    {
        lock (_requests.Gate)
        {
            return _requests.Runtime.Detect(image, strict: true, threshold);
        }
    }

    /// <summary>Runs the raw model on an already prepared input tensor (Open Inference Protocol), in the requests' lane.</summary>
    public T RunRaw<T>(ReadOnlySpan<float> input, Func<ModelRuntime, T> read)
    {
        lock (_requests.Gate)
        {
            var model = _requests.Runtime.Model;
            input.CopyTo(model.Input);
            model.Run();
            return read(_requests.Runtime);
        }
    }

    /// <summary>
    /// Puts <paramref name="next"/> in service in both lanes and disposes the previous runtimes. Throws
    /// <see cref="ModelLoadException"/>, changing nothing, when the requests' copy cannot be loaded or the file
    /// changed between the two loads (the requests must run exactly the accepted model).
    /// </summary>
    public void Swap(ModelRuntime next)
    {
        var nextForRequests = _loadForRequests is null ? null : LoadForRequests(next);
        var previous = _live.Exchange(next);
        var previousForRequests = nextForRequests is null ? null : _requests.Exchange(nextForRequests);
        previous.Dispose();
        previousForRequests?.Dispose();
        // Only accepted models are swapped in (ModelFileWatcher): the new one may drive.
        Volatile.Write(ref _unfit, null);
        Swapped?.Invoke(next);
    }

    public void Dispose()
    {
        _live.Dispose();
        if (!ReferenceEquals(_requests, _live))
        {
            _requests.Dispose();
        }
    }

    private ModelRuntime LoadForRequests(ModelRuntime live)
    {
        var copy = _loadForRequests!(live.Model.FilePath);
        if (copy.Model.FileStamp != live.Model.FileStamp)
        {
            copy.Dispose();
            throw new ModelLoadException(live.Model.FilePath, "the file changed while it was loaded for the HTTP requests; it is read again on the next look");
        }

        return copy;
    }

    private sealed class Lane(ModelRuntime runtime) : IDisposable
    {
        private ModelRuntime _runtime = runtime;

        public Lock Gate { get; } = new();

        public ModelRuntime Runtime => Volatile.Read(ref _runtime);

        public ModelRuntime Exchange(ModelRuntime next)
        {
            lock (Gate)
            {
                var previous = _runtime;
                Volatile.Write(ref _runtime, next);
                return previous;
            }
        }

        public void Dispose()
        {
            lock (Gate)
            {
                _runtime.Dispose();
            }
        }
    }
}
