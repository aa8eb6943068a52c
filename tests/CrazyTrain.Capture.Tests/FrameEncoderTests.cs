using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Capture.Tests.Support;
using OpenCvSharp;

namespace CrazyTrain.Capture.Tests;

public sealed class FrameEncoderTests
{
    [Fact]
    public void Encodes_a_decodable_jpeg_of_the_same_size()
    {
        using var frame = TestVideos.Solid(640, 480, 90);
        var (jpeg, width, height) = FrameEncoder.Encode(frame, 640, 480, quality: 80);

        Assert.Equal((640, 480), (width, height));
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        using var decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.Equal(new Size(640, 480), decoded.Size());
        Assert.Equal(90, Cv2.Mean(decoded).Val0, tolerance: 2);
    }

    [Fact]
    public void Larger_frames_are_scaled_down_keeping_their_aspect()
    {
        using var frame = TestVideos.Solid(1280, 720, 50);
        var (jpeg, width, height) = FrameEncoder.Encode(frame, 640, 480, quality: 80);

        Assert.Equal((640, 360), (width, height));
        using var decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.Equal(new Size(640, 360), decoded.Size());
    }

    [Fact]
    public void Lower_quality_gives_a_smaller_file()
    {
        using var frame = new Mat(480, 640, MatType.CV_8UC3);
        Cv2.Randu(frame, Scalar.All(0), Scalar.All(255));

        var low = FrameEncoder.Encode(frame, 640, 480, quality: 20).Jpeg.Length;
        var high = FrameEncoder.Encode(frame, 640, 480, quality: 95).Jpeg.Length;

        Assert.True(low < high, $"quality 20 gave {low} bytes, quality 95 gave {high}");
    }

    [Fact]
    public void An_empty_frame_is_refused() =>
        Assert.Throws<ArgumentException>(() => FrameEncoder.Encode(new Mat(), 640, 480, 80));
}
