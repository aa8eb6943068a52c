using OpenCvSharp;

namespace CrazyTrain.Inference.Tests.Support;

/// <summary>Real encoded images made with OpenCV, so the tests go through the same decoder as the service.</summary>
internal static class TestImages
{
    /// <summary>A solid image in the given BGR colour.</summary>
    public static byte[] Solid(int width, int height, Scalar bgr, string extension = ".png")
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, bgr);
        return Encode(image, extension);
    }

    /// <summary>A noisy camera-like frame (JPEG compresses it like a real one).</summary>
    public static byte[] Scene(int width, int height, int seed = 1, string extension = ".jpg")
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(60, 60, 60));
        Cv2.Randu(image, new Scalar(0, 0, 0), new Scalar(255, 255, 255));
        Cv2.GaussianBlur(image, image, new Size(0, 0), 3);
        var random = new Random(seed);
        for (var i = 0; i < 12; i++)
        {
            var center = new Point(random.Next(width), random.Next(height));
            Cv2.Circle(image, center, random.Next(5, 40), new Scalar(random.Next(256), random.Next(256), random.Next(256)), -1);
        }

        return Encode(image, extension);
    }

    public static byte[] Gray(int width, int height, byte value, string extension = ".png")
    {
        using var image = new Mat(height, width, MatType.CV_8UC1, Scalar.All(value));
        return Encode(image, extension);
    }

    public static byte[] Encode(Mat image, string extension)
    {
        Cv2.ImEncode(extension, image, out var bytes);
        return bytes;
    }
}
