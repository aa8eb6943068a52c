using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Imaging;

namespace CrazyTrain.Inference.Tests;

public sealed class ImageDecodingTests
{
    [Fact]
    public void JPEG_PNG_BMP_WebP_and_TIFF_are_recognised_by_their_bytes()
    {
        Assert.Equal(ImageFormat.Jpeg, ImageFormatSniffer.Sniff(TestImages.Scene(32, 32)));
        Assert.Equal(ImageFormat.Png, ImageFormatSniffer.Sniff(TestImages.Scene(32, 32, extension: ".png")));
        Assert.Equal(ImageFormat.Bmp, ImageFormatSniffer.Sniff(TestImages.Scene(32, 32, extension: ".bmp")));
        Assert.Equal(ImageFormat.WebP, ImageFormatSniffer.Sniff(TestImages.Scene(32, 32, extension: ".webp")));
        Assert.Equal(ImageFormat.Tiff, ImageFormatSniffer.Sniff(TestImages.Scene(32, 32, extension: ".tiff")));
        Assert.Equal(ImageFormat.Unknown, ImageFormatSniffer.Sniff("GIF89a..."u8));
    }

    [Theory]
    [InlineData(new byte[0], ImageRejectedException.Empty)]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E }, ImageRejectedException.UnsupportedFormat)]
    public void Empty_and_foreign_data_are_rejected_with_a_reason(byte[] data, string reason)
    {
        var error = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(data, strict: true));
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void A_truncated_JPEG_is_rejected_as_truncated_live_and_as_corrupt_offline()
    {
        var jpeg = TestImages.Scene(320, 240);
        var truncated = jpeg[..(jpeg.Length * 2 / 3)];

        var error = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(truncated, strict: true));
        Assert.Equal(ImageRejectedException.Truncated, error.Reason);

        // OpenCV 4.13 refuses a JPEG that ends early rather than greying out the rest.
        var offline = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(truncated, strict: false));
        Assert.Equal(ImageRejectedException.Corrupt, offline.Reason);
    }

    [Fact]
    public void A_JPEG_header_with_garbage_after_it_is_corrupt()
    {
        byte[] data = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8, 0xFF, 0xD9];
        var error = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(data, strict: true));
        Assert.Equal(ImageRejectedException.Corrupt, error.Reason);
    }

    [Fact]
    public void A_truncated_PNG_is_corrupt()
    {
        var png = TestImages.Scene(64, 64, extension: ".png");
        var error = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(png[..(png.Length / 2)], strict: true));
        Assert.Equal(ImageRejectedException.Corrupt, error.Reason);
    }

    [Theory]
    [InlineData(".bmp", true)]
    [InlineData(".webp", true)]
    [InlineData(".tiff", true)]
    [InlineData(".ppm", false)]
    [InlineData(".webp", false)]
    public void Every_format_OpenCV_reads_is_accepted_live_and_offline(string extension, bool strict)
    {
        using var image = ImageDecoder.Decode(TestImages.Scene(16, 12, extension: extension), strict);
        Assert.Equal(16, image.Width);
        Assert.Equal(12, image.Height);
    }

    [Fact]
    public void A_truncated_WebP_is_corrupt()
    {
        var webp = TestImages.Scene(64, 64, extension: ".webp");
        var error = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(webp[..(webp.Length / 2)], strict: true));
        Assert.Equal(ImageRejectedException.Corrupt, error.Reason);
    }

    [Theory]
    [InlineData(".jpg")]
    [InlineData(".png")]
    [InlineData(".webp")]
    [InlineData(".bmp")]
    [InlineData(".tiff")]
    [InlineData(".ppm")]
    [InlineData(".pgm")]
    public void The_size_is_read_from_the_header_of_every_format_decoded(string extension)
    {
        // PGM holds grey pixels only.
        var data = extension == ".pgm" ? TestImages.Gray(37, 23, 90, extension) : TestImages.Scene(37, 23, extension: extension);

        Assert.True(ImageSize.TryRead(data, ImageFormatSniffer.Sniff(data), out var width, out var height));
        Assert.Equal((37, 23), (width, height));
    }

    [Fact]
    public void The_size_of_a_lossless_WebP_is_read_from_its_header()
    {
        using var image = new OpenCvSharp.Mat(23, 37, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(90));
        OpenCvSharp.Cv2.ImEncode(".webp", image, out var data, new OpenCvSharp.ImageEncodingParam(OpenCvSharp.ImwriteFlags.WebPQuality, 101));

        Assert.True(ImageSize.TryRead(data, ImageFormat.WebP, out var width, out var height));
        Assert.Equal((37, 23), (width, height));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_decompression_bomb_is_refused_from_its_header_with_the_reason(bool strict)
    {
        var bomb = TestImages.PngDeclaring(20000, 20000);

        var error = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(bomb, strict));
        Assert.Equal(ImageRejectedException.TooManyPixels, error.Reason);
        Assert.Contains("20000x20000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_frames_are_bounded_tighter_than_offline_photos()
    {
        var photo = TestImages.PngDeclaring(6000, 4000);

        Assert.Equal(ImageRejectedException.TooManyPixels, Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(photo, strict: true)).Reason);
        Assert.True(PixelLimit.Offline.Allows(6000, 4000));
        Assert.False(PixelLimit.Live.Allows(6000, 4000));
        Assert.True(PixelLimit.Live.Allows(4096, 4096));
    }
}
