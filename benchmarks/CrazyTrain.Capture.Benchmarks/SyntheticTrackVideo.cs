using OpenCvSharp;

namespace CrazyTrain.Capture.Benchmarks;

/// <summary>
/// A 640x480 mp4v video with the texture of a real scene (gradients, edges, moving shapes, sensor noise), so
/// decode and JPEG costs resemble the renderer's samples rather than a flat test card.
/// </summary>
internal static class SyntheticTrackVideo
{
    public static string Write(string path, int frames = 300, double fps = 30, int width = 640, int height = 480)
    {
        using var writer = new VideoWriter(path, FourCC.MP4V, fps, new Size(width, height));
        if (!writer.IsOpened())
        {
            throw new InvalidOperationException($"OpenCV cannot write {path}.");
        }

        var random = new Random(42);
        using var noise = new Mat(height, width, MatType.CV_8UC3);
        for (var index = 0; index < frames; index++)
        {
            using var frame = Render(index, width, height, random);
            Cv2.Randn(noise, Scalar.All(0), Scalar.All(6));
            Cv2.Add(frame, noise, frame);
            writer.Write(frame);
        }

        return path;
    }

    public static Mat Render(int index, int width, int height, Random random)
    {
        var frame = new Mat(height, width, MatType.CV_8UC3);
        for (var row = 0; row < height; row++)
        {
            var shade = 90 + row * 120 / height;
            Cv2.Line(frame, new Point(0, row), new Point(width - 1, row), new Scalar(shade * 0.8, shade * 0.9, shade));
        }

        // Sleepers passing under the train and a sign growing as it comes closer.
        var offset = index * 7 % 60;
        for (var y = height / 2 + offset; y < height; y += 60)
        {
            Cv2.Rectangle(frame, new Rect(width / 4, y, width / 2, 12), new Scalar(40, 60, 90), -1);
        }

        Cv2.Line(frame, new Point(width / 3, height), new Point(width / 2 - 10, height / 2), new Scalar(160, 160, 170), 4);
        Cv2.Line(frame, new Point(2 * width / 3, height), new Point(width / 2 + 10, height / 2), new Scalar(160, 160, 170), 4);
        var radius = 8 + index % 120 / 3;
        var center = new Point(width * 3 / 4 + index % 120, height / 3);
        Cv2.Circle(frame, center, radius, new Scalar(9, 26, 201), -1);
        Cv2.PutText(frame, "STOP", new Point(center.X - radius * 3 / 4, center.Y + radius / 4), HersheyFonts.HersheySimplex, radius / 30.0 + 0.2, Scalar.White, 2);
        for (var tree = 0; tree < 12; tree++)
        {
            var x = (tree * 97 + index * 5) % width;
            Cv2.Circle(frame, new Point(x, height / 2 - 30 + random.Next(-2, 3)), 22, new Scalar(40, 120 + tree * 5, 50), -1);
        }

        return frame;
    }
}
