using System.Diagnostics;
using CrazyTrain.SignModel.Detections;
using CrazyTrain.SignModel.Imaging;
using CrazyTrain.SignModel.Metadata;
using CrazyTrain.SignModel.Runtime;
using OpenCvSharp;

namespace CrazyTrain.SignModel.Runtime;

/// <summary>A loaded model with its own preprocessor and decoder: everything one image goes through.</summary>
public sealed class ModelRuntime : IDisposable
{
    private readonly FramePreprocessor _preprocessor;
    private readonly DetectionDecoder _decoder;

    public ModelRuntime(DetectionModel model)
    {
        Model = model;
        Identity = new ModelIdentity(model.Card.Name, model.Card.Version);
        _preprocessor = new FramePreprocessor(model.Card.Input);
        _decoder = new DetectionDecoder(model.Card, model.Anchors);
    }

    public DetectionModel Model { get; }

    public ModelIdentity Identity { get; }

    /// <summary>Loads the model and runs one small image through every stage, so the first real frame is not slowed by JIT and lazy native set-up.</summary>
    public static ModelRuntime Load(string path, ExecutionProviderChain providers)
    {
        var runtime = new ModelRuntime(DetectionModel.Load(path, providers));
        try
        {
            using var blank = new Mat(32, 32, MatType.CV_8UC3, Scalar.All(runtime.Model.Card.Input.PadValue));
            Cv2.ImEncode(".jpg", blank, out var jpeg);
            runtime.Detect(jpeg, strict: true, threshold: null);
            return runtime;
        }
        catch
        {
            runtime.Dispose();
            throw;
        }
    }

    /// <param name="expectedSize">When the sender announced the frame size, a decoded image of another size is rejected.</param>
    public DetectionResult Detect(ReadOnlySpan<byte> image, bool strict, float? threshold, (int Width, int Height)? expectedSize = null)
    {
        var start = Stopwatch.GetTimestamp();
        using var frame = ImageDecoder.Decode(image, strict);
        if (expectedSize is { } size && (size.Width != frame.Width || size.Height != frame.Height))
        {
            throw new ImageRejectedException(
                ImageRejectedException.UnexpectedSize,
                $"The frame is {frame.Width}x{frame.Height} but its headers say {size.Width}x{size.Height}.");
        }

        var decoded = Stopwatch.GetTimestamp();
        var letterbox = _preprocessor.Write(frame, Model.Input);
        var preprocessed = Stopwatch.GetTimestamp();
        Model.Run();
        var inferred = Stopwatch.GetTimestamp();
        var detections = _decoder.Decode(Model.Boxes, Model.Scores, letterbox, threshold);
        var done = Stopwatch.GetTimestamp();

        return new DetectionResult(
            frame.Width,
            frame.Height,
            Identity,
            detections,
            new StageTimings(
                Milliseconds(start, decoded),
                Milliseconds(decoded, preprocessed),
                Milliseconds(preprocessed, inferred),
                Milliseconds(inferred, done)));
    }

    private static double Milliseconds(long from, long to) =>
        Math.Round(Stopwatch.GetElapsedTime(from, to).TotalMilliseconds, 3);

    public void Dispose()
    {
        _preprocessor.Dispose();
        Model.Dispose();
    }
}
