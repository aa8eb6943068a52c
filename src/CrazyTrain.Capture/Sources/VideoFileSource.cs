using CrazyTrain.Capture.Options;
using OpenCvSharp;

namespace CrazyTrain.Capture.Sources;

/// <summary>
/// A video file read through OpenCV's FFmpeg backend, started again at its end when looping. The first frame
/// is decoded at open so a file that opens but cannot be decoded fails at once, naming the file.
/// </summary>
internal sealed class VideoFileSource : IFrameSource
{
    private readonly string _path;
    private readonly bool _loop;
    private VideoCapture _capture;

    private VideoFileSource(FrameSourceSpec spec, bool loop, VideoCapture capture, double? nativeFps)
    {
        Spec = spec;
        _path = spec.Location;
        _loop = loop;
        _capture = capture;
        NativeFps = nativeFps;
    }

    public FrameSourceSpec Spec { get; }

    public double? NativeFps { get; }

    public bool IsLive => false;

    public static VideoFileSource Open(FrameSourceSpec spec, bool loop)
    {
        var path = spec.Location;
        if (Directory.Exists(path))
        {
            throw new FrameSourceException($"Video file '{path}' is a folder, not a video file.");
        }

        if (!File.Exists(path))
        {
            throw new FrameSourceException($"Video file '{path}' does not exist.");
        }

        var capture = OpenCapture(path);
        using (var first = new Mat())
        {
            if (!capture.Read(first) || first.Empty())
            {
                capture.Dispose();
                throw new FrameSourceException($"Video file '{path}' opened but its first frame cannot be decoded (corrupt or empty video).");
            }
        }

        if (!Rewind(capture))
        {
            // Some containers cannot seek; opening again starts at the first frame just as well.
            capture.Dispose();
            capture = OpenCapture(path);
        }

        var fps = capture.Get(VideoCaptureProperties.Fps);
        return new VideoFileSource(spec, loop, capture, double.IsFinite(fps) && fps > 0 ? fps : null);
    }

    public ValueTask<Mat> ReadAsync(CancellationToken cancellationToken)
    {
        var frame = new Mat();
        try
        {
            if (_capture.Read(frame) && !frame.Empty())
            {
                return ValueTask.FromResult(frame);
            }

            if (!_loop)
            {
                throw new EndOfVideoException($"Video file '{_path}' ended (looping is off).");
            }

            if (!Rewind(_capture) || !_capture.Read(frame) || frame.Empty())
            {
                _capture.Dispose();
                _capture = OpenCapture(_path);
                if (!_capture.Read(frame) || frame.Empty())
                {
                    throw new FrameSourceException($"Video file '{_path}' cannot be decoded after starting it again.");
                }
            }

            return ValueTask.FromResult(frame);
        }
        catch
        {
            frame.Dispose();
            throw;
        }
    }

    public void Dispose() => _capture.Dispose();

    private static VideoCapture OpenCapture(string path)
    {
        var capture = new VideoCapture(path, VideoCaptureAPIs.ANY);
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new FrameSourceException($"Video file '{path}' cannot be opened: not a video OpenCV can read (corrupt, truncated or unsupported container).");
        }

        return capture;
    }

    private static bool Rewind(VideoCapture capture) =>
        capture.Set(VideoCaptureProperties.PosFrames, 0) && capture.Get(VideoCaptureProperties.PosFrames) <= 0;
}
