using System.Diagnostics;
using CrazyTrain.Training.Model;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;

namespace CrazyTrain.Training.Inference;

/// <summary>
/// Runs a CrazyTrain ONNX model on CPU the way the contract describes (metadata only): letterbox, RGB scaling,
/// boxes/scores outputs, threshold, NMS, boxes mapped back to the frame. Used by evaluate and benchmark.
/// </summary>
public sealed class OnnxSignDetector : IDisposable
{
    private readonly InferenceSession session;
    private readonly float[] input;
    private readonly DenseTensor<float> inputTensor;

    public OnnxSignDetector(string modelPath, int threads = 1)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Model file '{modelPath}' does not exist.", modelPath);
        }

        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(modelPath, options);
        if (!session.ModelMetadata.CustomMetadataMap.TryGetValue(ModelDescription.MetadataKey, out var json))
        {
            session.Dispose();
            throw new InvalidDataException($"'{modelPath}' has no '{ModelDescription.MetadataKey}' metadata entry.");
        }

        Description = ModelDescription.FromJson(json);
        var (w, h) = (Description.Input.Width, Description.Input.Height);
        input = new float[3 * w * h];
        inputTensor = new DenseTensor<float>(input, [1, 3, h, w]);
    }

    public ModelDescription Description { get; }

    /// <summary>Raw graph outputs for a prepared input tensor [1,3,H,W] (used by the parity test).</summary>
    public (float[] Boxes, float[] Scores) RunRaw(float[] tensor)
    {
        var shaped = new DenseTensor<float>(tensor, [1, 3, Description.Input.Height, Description.Input.Width]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(Description.Input.Name, shaped)]);
        var boxes = results.First(r => r.Name == Description.Output.Boxes).AsEnumerable<float>().ToArray();
        var scores = results.First(r => r.Name == Description.Output.Scores).AsEnumerable<float>().ToArray();
        return (boxes, scores);
    }

    /// <summary>Detects signs in a BGR frame; keeps candidates scoring at least <paramref name="minScore"/>.</summary>
    public IReadOnlyList<Detection> Detect(Mat bgr, double? minScore = null, DetectionTimings? timings = null)
    {
        var clock = Stopwatch.StartNew();
        var (w, h) = (Description.Input.Width, Description.Input.Height);
        var letterbox = Description.Input.Resize == "stretch"
            ? throw new NotSupportedException("Only letterbox models are supported by this tool.")
            : Letterbox.For(bgr.Width, bgr.Height, w, h);
        letterbox.Fill(bgr, input, w, h, (float)Description.Input.Scale, (byte)Description.Input.PadValue);
        var preprocess = clock.Elapsed.TotalMilliseconds;

        using var results = session.Run([NamedOnnxValue.CreateFromTensor(Description.Input.Name, inputTensor)]);
        var inference = clock.Elapsed.TotalMilliseconds;

        var boxes = results.First(r => r.Name == Description.Output.Boxes).AsTensor<float>();
        var scores = results.First(r => r.Name == Description.Output.Scores).AsTensor<float>();
        var threshold = (float)(minScore ?? Description.Threshold);
        var anchors = scores.Dimensions[1];
        var classes = scores.Dimensions[2];
        var candidates = new List<Detection>();
        var scoreSpan = ((DenseTensor<float>)scores).Buffer.Span;
        var boxSpan = ((DenseTensor<float>)boxes).Buffer.Span;
        for (var a = 0; a < anchors; a++)
        {
            for (var c = 0; c < classes; c++)
            {
                var score = scoreSpan[(a * classes) + c];
                if (score < threshold || score <= 0)
                {
                    continue;
                }

                var (x1, y1) = letterbox.ToFrame(boxSpan[a * 4], boxSpan[(a * 4) + 1]);
                var (x2, y2) = letterbox.ToFrame(boxSpan[(a * 4) + 2], boxSpan[(a * 4) + 3]);
                candidates.Add(new Detection(c, Description.Labels[c], score, x1, y1, x2, y2));
            }
        }

        var nms = Description.Nms;
        var kept = NonMaximumSuppression.Apply(candidates, nms.IouThreshold, nms.ClassAgnostic, nms.MaxDetections);
        if (timings is not null)
        {
            timings.PreprocessMs = preprocess;
            timings.InferenceMs = inference - preprocess;
            timings.PostprocessMs = clock.Elapsed.TotalMilliseconds - inference;
        }

        return kept;
    }

    public void Dispose() => session.Dispose();
}

/// <summary>Where the time of one <see cref="OnnxSignDetector.Detect"/> call went.</summary>
public sealed class DetectionTimings
{
    public double PreprocessMs { get; set; }

    public double InferenceMs { get; set; }

    public double PostprocessMs { get; set; }
}
