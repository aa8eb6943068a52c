using CrazyTrain.Capture.Options;
using OpenCvSharp;

namespace CrazyTrain.Capture.Sources;

/// <summary>An opened source of BGR frames. Not thread-safe: one grab loop owns it.</summary>
internal interface IFrameSource : IDisposable
{
    FrameSourceSpec Spec { get; }

    /// <summary>The rate the source itself delivers, when it knows it (a file's recorded rate, a camera's mode).</summary>
    double? NativeFps { get; }

    /// <summary>
    /// Live sources hand out frames at their own pace (a read waits for the next one); a file is read as fast
    /// as it decodes, so the grab loop must pace it.
    /// </summary>
    bool IsLive { get; }

    /// <summary>
    /// The next frame, owned by the caller. Throws <see cref="FrameSourceException"/> when the source is lost
    /// or cannot decode, and <see cref="EndOfVideoException"/> at the end of a file that does not loop.
    /// </summary>
    ValueTask<Mat> ReadAsync(CancellationToken cancellationToken);
}
