using CrazyTrain.Capture.Options;
using OpenCvSharp;

namespace CrazyTrain.Capture.Sources;

/// <summary>
/// A video file seen by a camera running at another rate (<see cref="FilePlayback.RealTime"/>): camera slot n
/// shows file frame <c>floor(n * fileFps / cameraFps)</c>, so a 10 fps sample filmed at 30 fps repeats each
/// frame three times and its signs pass by at the speed they were rendered at. The grab loop still paces
/// the slots; this only decides which file frame each slot shows.
/// </summary>
internal sealed class RealTimeFileSource(IFrameSource file, double fileFps, double cameraFps) : IFrameSource
{
    private Mat? _shown;
    private long _slot;
    private long _fileFramesRead;

    public FrameSourceSpec Spec => file.Spec;

    public double? NativeFps => cameraFps;

    public bool IsLive => false;

    public async ValueTask<Mat> ReadAsync(CancellationToken cancellationToken)
    {
        // The file frame due in this slot, counted from 0; the small epsilon keeps exact ratios (30/10) exact.
        var due = (long)Math.Floor((_slot * fileFps / cameraFps) + 1e-9);
        _slot++;
        while (_shown is null || _fileFramesRead <= due)
        {
            var next = await file.ReadAsync(cancellationToken);
            _shown?.Dispose();
            _shown = next;
            _fileFramesRead++;
        }

        return _shown.Clone();
    }

    public void Dispose()
    {
        _shown?.Dispose();
        file.Dispose();
    }
}
