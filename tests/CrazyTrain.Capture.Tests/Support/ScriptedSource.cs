using CrazyTrain.Capture.Options;
using CrazyTrain.Capture.Sources;
using OpenCvSharp;

namespace CrazyTrain.Capture.Tests.Support;

/// <summary>A live source whose reads a test scripts: each read runs the script with the read's number.</summary>
internal sealed class ScriptedSource(Func<int, CancellationToken, Task<Mat>> read, bool isLive = true, double? nativeFps = null) : IFrameSource
{
    private int _reads;

    public FrameSourceSpec Spec { get; } = new(FrameSourceKind.Camera, "scripted");

    public double? NativeFps => nativeFps;

    public bool IsLive => isLive;

    public bool Disposed { get; private set; }

    public async ValueTask<Mat> ReadAsync(CancellationToken cancellationToken) =>
        await read(Interlocked.Increment(ref _reads) - 1, cancellationToken);

    public void Dispose() => Disposed = true;
}
