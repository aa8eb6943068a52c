using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Imaging;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using OpenCvSharp;

namespace CrazyTrain.Inference.Tests;

public sealed class PreprocessingTests
{
    private const int Width = 64;
    private const int Height = 48;
    private const int Plane = Width * Height;

    private static float[] Write(ModelInput input, byte[] encoded, out Letterbox letterbox)
    {
        using var frame = ImageDecoder.Decode(encoded, strict: true);
        using var preprocessor = new FramePreprocessor(input);
        var tensor = new float[3 * Plane];
        letterbox = preprocessor.Write(frame, tensor);
        return tensor;
    }

    private static float At(float[] tensor, int channel, int x, int y) => tensor[channel * Plane + y * Width + x];

    [Fact]
    public void A_frame_is_letterboxed_into_RGB_planes_scaled_to_0_1_with_grey_padding()
    {
        // 32x16 red frame: scaled 2x to 64x32, centred with 8 rows of padding above and below.
        var tensor = Write(new ModelInput { Name = "image", Width = Width, Height = Height }, TestImages.Solid(32, 16, new Scalar(0, 0, 255)), out var letterbox);

        Assert.Equal(new Letterbox(32, 16, 2, 2, 0, 8, 64, 32), letterbox);
        Assert.Equal(1f, At(tensor, 0, 10, 20));
        Assert.Equal(0f, At(tensor, 1, 10, 20));
        Assert.Equal(0f, At(tensor, 2, 10, 20));
        foreach (var channel in new[] { 0, 1, 2 })
        {
            Assert.Equal(114f / 255f, At(tensor, channel, 0, 0), 5);
            Assert.Equal(114f / 255f, At(tensor, channel, 63, 47), 5);
        }
    }

    [Fact]
    public void BGR_models_get_blue_first_and_mean_std_are_applied()
    {
        var input = new ModelInput
        {
            Name = "image", Width = Width, Height = Height, ColorOrder = ColorOrder.Bgr,
            Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.25f],
        };
        var tensor = Write(input, TestImages.Solid(64, 48, new Scalar(0, 0, 255)), out _);

        Assert.Equal(-1f, At(tensor, 0, 5, 5));
        Assert.Equal(-1f, At(tensor, 1, 5, 5));
        Assert.Equal(2f, At(tensor, 2, 5, 5));
    }

    [Fact]
    public void Stretch_fills_the_whole_input()
    {
        var input = new ModelInput { Name = "image", Width = Width, Height = Height, Resize = ResizeMode.Stretch };
        var tensor = Write(input, TestImages.Solid(20, 100, Scalar.White), out var letterbox);

        Assert.Equal(0, letterbox.PadX);
        Assert.Equal(0, letterbox.PadY);
        Assert.All(tensor, value => Assert.Equal(1f, value));
    }

    [Fact]
    public void A_second_frame_of_another_size_repaints_the_padding()
    {
        var input = new ModelInput { Name = "image", Width = Width, Height = Height };
        using var preprocessor = new FramePreprocessor(input);
        var tensor = new float[3 * Plane];
        using (var wide = ImageDecoder.Decode(TestImages.Solid(64, 16, Scalar.White), strict: true))
        {
            preprocessor.Write(wide, tensor);
        }

        using (var tall = ImageDecoder.Decode(TestImages.Solid(16, 48, Scalar.White), strict: true))
        {
            preprocessor.Write(tall, tensor);
        }

        // The wide frame painted row 24 white across; the tall one must leave only its own column white.
        Assert.Equal(114f / 255f, At(tensor, 0, 2, 24), 5);
        Assert.Equal(1f, At(tensor, 0, 32, 24));
    }

    [Fact]
    public void A_frame_of_the_input_s_size_reads_the_same_whether_it_is_its_own_image_or_a_view_into_a_larger_one()
    {
        var input = new ModelInput { Name = "image", Width = Width, Height = Height };
        using var large = new Mat(Height + 10, Width + 20, MatType.CV_8UC3);
        Cv2.Randu(large, Scalar.All(0), Scalar.All(256));
        using var view = new Mat(large, new Rect(7, 3, Width, Height));
        using var copy = view.Clone();
        Assert.False(view.IsContinuous());
        using var preprocessor = new FramePreprocessor(input);

        // A letterboxed frame first, so the canvas holds padding: neither read may show it.
        using (var small = ImageDecoder.Decode(TestImages.Solid(16, 48, Scalar.White), strict: true))
        {
            preprocessor.Write(small, new float[3 * Plane]);
        }

        var fromView = new float[3 * Plane];
        var fromCopy = new float[3 * Plane];
        preprocessor.Write(view, fromView);
        preprocessor.Write(copy, fromCopy);

        Assert.Equal(fromCopy, fromView);
        var pixel = copy.At<Vec3b>(20, 30);
        Assert.Equal(pixel.Item2 / 255f, At(fromCopy, 0, 30, 20), 5);
        Assert.Equal(pixel.Item0 / 255f, At(fromCopy, 2, 30, 20), 5);
    }

    [Fact]
    public void Grayscale_images_become_three_equal_channels()
    {
        var tensor = Write(new ModelInput { Name = "image", Width = Width, Height = Height }, TestImages.Gray(64, 48, 51), out _);
        Assert.Equal(0.2f, At(tensor, 0, 3, 3), 5);
        Assert.Equal(0.2f, At(tensor, 1, 3, 3), 5);
        Assert.Equal(0.2f, At(tensor, 2, 3, 3), 5);
    }
}
