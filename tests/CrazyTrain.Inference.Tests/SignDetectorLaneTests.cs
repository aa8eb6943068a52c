using CrazyTrain.Inference.Detections;
using CrazyTrain.Inference.Tests.Support;
using CrazyTrain.SignModel.Runtime;

namespace CrazyTrain.Inference.Tests;

/// <summary>Live frames and HTTP requests run in lanes of their own: a request in the detector never holds a live frame.</summary>
public sealed class SignDetectorLaneTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private SignDetector TwoLanes(string version = "1.0.0")
    {
        var path = new TestModel { Version = version }.WriteTo(_folder.Path, "signs.onnx");
        return new SignDetector(ModelRuntime.Load(path, Models.CpuOnly()), file => ModelRuntime.Load(file, Models.CpuOnly()));
    }

    [Fact]
    public async Task A_live_frame_is_detected_while_an_http_request_holds_the_detector()
    {
        using var detector = TwoLanes();
        using var requestInside = new ManualResetEventSlim();
        using var releaseRequest = new ManualResetEventSlim();
        var request = Task.Run(() => detector.RunRaw(new float[3 * 48 * 64], runtime =>
        {
            requestInside.Set();
            releaseRequest.Wait();
            return runtime.Identity;
        }));
        Assert.True(requestInside.Wait(TimeSpan.FromSeconds(30)), "the request never entered the detector");

        var live = await Eventually.CompletesAsync(Task.Run(() => detector.Detect(TestImages.Scene(64, 48), strict: true)), "a live frame beside a held request");

        Assert.False(request.IsCompleted);
        Assert.Single(live.Detections);
        releaseRequest.Set();
        Assert.Equal("1.0.0", (await request).Version);
    }

    [Fact]
    public void A_swap_replaces_the_model_in_both_lanes()
    {
        using var detector = TwoLanes();
        var path = new TestModel { Version = "2.0.0" }.WriteTo(_folder.Path, "signs.onnx");

        detector.Swap(ModelRuntime.Load(path, Models.CpuOnly()));

        Assert.Equal("2.0.0", detector.Current.Identity.Version);
        Assert.Equal("2.0.0", detector.DetectRequest(TestImages.Scene(64, 48), threshold: null).Model.Version);
        Assert.Equal("2.0.0", detector.RunRaw(new float[3 * 48 * 64], runtime => runtime.Identity.Version));
    }

    [Fact]
    public void A_file_that_changed_between_the_two_loads_swaps_nothing()
    {
        using var detector = TwoLanes();
        var path = new TestModel { Version = "2.0.0" }.WriteTo(_folder.Path, "signs.onnx");
        var next = ModelRuntime.Load(path, Models.CpuOnly());
        new TestModel { Version = "3.0.0", Name = "longer-name-changes-the-length" }.WriteTo(_folder.Path, "signs.onnx");

        var error = Assert.Throws<CrazyTrain.SignModel.Metadata.ModelLoadException>(() => detector.Swap(next));

        next.Dispose();
        Assert.Contains("changed while it was loaded", error.Message);
        Assert.Equal("1.0.0", detector.Current.Identity.Version);
        Assert.Equal("1.0.0", detector.DetectRequest(TestImages.Scene(64, 48), threshold: null).Model.Version);
    }

    public void Dispose() => _folder.Dispose();
}
