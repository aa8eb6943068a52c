using CrazyTrain.Capture.Options;

namespace CrazyTrain.Capture.Tests;

public sealed class CaptureOptionsValidatorTests
{
    private static string[] Failures(Action<CaptureOptions> change)
    {
        var options = new CaptureOptions();
        change(options);
        var result = new CaptureOptionsValidator().Validate(null, options);
        return result.Failures?.ToArray() ?? [];
    }

    [Fact]
    public void Defaults_are_valid() => Assert.Empty(Failures(_ => { }));

    [Theory]
    [InlineData(100_000, 480, "Capture:Width is 100000")]
    [InlineData(0, 480, "Capture:Width is 0")]
    [InlineData(640, 5, "Capture:Height is 5")]
    public void Impossible_resolution_names_the_setting(int width, int height, string expected)
    {
        var failure = Assert.Single(Failures(options => (options.Width, options.Height) = (width, height)));
        Assert.StartsWith(expected, failure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1000)]
    [InlineData(double.NaN)]
    public void Impossible_fps_names_the_setting(double fps)
    {
        var failure = Assert.Single(Failures(options => options.Fps = fps));
        Assert.StartsWith("Capture:Fps is", failure);
    }

    [Fact]
    public void Unknown_kind_lists_the_kinds()
    {
        var failure = Assert.Single(Failures(options => options.Kind = "Webcam"));
        Assert.Equal("Capture:Kind is 'Webcam'; expected one of: File, Camera, GStreamer, Stream.", failure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Jpeg_quality_out_of_range_is_rejected(int quality) =>
        Assert.StartsWith("Capture:JpegQuality is", Assert.Single(Failures(options => options.JpegQuality = quality)));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Queue_longer_than_two_is_rejected(int capacity) =>
        Assert.StartsWith("Capture:QueueCapacity is", Assert.Single(Failures(options => options.QueueCapacity = capacity)));

    [Fact]
    public void Stream_needs_a_supported_url()
    {
        var failure = Assert.Single(Failures(options => (options.Kind, options.Source) = ("Stream", "ftp://camera/stream")));
        Assert.Contains("Capture:Source is 'ftp://camera/stream'", failure);
    }

    [Fact]
    public void Camera_without_device_is_rejected() =>
        Assert.StartsWith("Capture:Source is empty", Assert.Single(Failures(options => options.Kind = "Camera")));

    [Fact]
    public void Retry_delays_must_be_ordered() =>
        Assert.StartsWith("Capture:RetryMaxDelay", Assert.Single(Failures(options =>
            (options.RetryInitialDelay, options.RetryMaxDelay) = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)))));
}
