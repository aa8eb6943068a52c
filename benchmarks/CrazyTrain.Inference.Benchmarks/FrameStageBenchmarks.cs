using BenchmarkDotNet.Attributes;
using CrazyTrain.Inference.Cli;
using CrazyTrain.Inference.Detections;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.Inference.Imaging;
using CrazyTrain.Inference.Model;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace CrazyTrain.Inference.Benchmarks;

/// <summary>
/// One 640x480 JPEG through each stage on one ONNX Runtime thread, with allocations per call: the hot path
/// should allocate nothing managed beyond the decoded image and the result.
/// </summary>
[MemoryDiagnoser]
public class FrameStageBenchmarks
{
    private ModelRuntime _runtime = null!;
    private FramePreprocessor _preprocessor = null!;
    private DetectionDecoder _decoder = null!;
    private byte[] _jpeg = null!;
    private Mat _decoded = null!;
    private Letterbox _letterbox;

    [GlobalSetup]
    public void Setup()
    {
        var path = ModelLocator.Resolve(Environment.GetEnvironmentVariable("CRAZYTRAIN_MODEL") ?? InferenceOptions.DefaultModelPath);
        _runtime = ModelRuntime.Load(path, new ExecutionProviderChain(["CPU"], 1, NullLogger.Instance));
        _preprocessor = new FramePreprocessor(_runtime.Model.Card.Input);
        _decoder = new DetectionDecoder(_runtime.Model.Card, _runtime.Model.Anchors);
        _jpeg = BenchmarkCommand.SyntheticFrame();
        _decoded = ImageDecoder.Decode(_jpeg, strict: true);
        _letterbox = _preprocessor.Write(_decoded, _runtime.Model.Input);
        _runtime.Model.Run();
    }

    [Benchmark]
    public int Decode()
    {
        using var image = ImageDecoder.Decode(_jpeg, strict: true);
        return image.Width;
    }

    [Benchmark]
    public Letterbox Preprocess() => _preprocessor.Write(_decoded, _runtime.Model.Input);

    [Benchmark]
    public void Inference() => _runtime.Model.Run();

    [Benchmark]
    public int DecodeBoxes() => _decoder.Decode(_runtime.Model.Boxes, _runtime.Model.Scores, _letterbox, _runtime.Model.Card.Threshold).Count;

    [Benchmark(Baseline = true)]
    public int WholeFrame() => _runtime.Detect(_jpeg, strict: true, threshold: null).Detections.Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _decoded.Dispose();
        _preprocessor.Dispose();
        _runtime.Dispose();
    }
}
