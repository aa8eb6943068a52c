using OpenCvSharp;

namespace CrazyTrain.Capture.Tests.Support;

/// <summary>
/// Small real videos written with OpenCV. Frame n is filled with a grey level that encodes n, so a test can
/// tell which frame it read after lossy compression.
/// </summary>
internal static class TestVideos
{
    public const int LevelStep = 20;

    public static string WriteNumbered(string path, int frames, double fps = 25, int width = 160, int height = 120)
    {
        var fourCc = path.EndsWith(".avi", StringComparison.OrdinalIgnoreCase) ? FourCC.MJPG : FourCC.MP4V;
        using var writer = new VideoWriter(path, fourCc, fps, new Size(width, height));
        if (!writer.IsOpened())
        {
            throw new InvalidOperationException($"OpenCV cannot write {path}.");
        }

        for (var index = 0; index < frames; index++)
        {
            using var frame = new Mat(height, width, MatType.CV_8UC3, Scalar.All(LevelFor(index)));
            writer.Write(frame);
        }

        return path;
    }

    public static int LevelFor(int index) => 10 + index * LevelStep;

    /// <summary>The frame number a decoded frame shows, from its mean grey level.</summary>
    public static int IndexOf(Mat frame) => (int)Math.Round((Cv2.Mean(frame).Val0 - 10) / LevelStep);

    public static Mat Solid(int width, int height, int level) => new(height, width, MatType.CV_8UC3, Scalar.All(level));
}
