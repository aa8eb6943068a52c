using System.Diagnostics;
using System.Text.Json;
using CrazyTrain.Training.Inference;
using OpenCvSharp;

namespace CrazyTrain.Training.Benchmarking;

/// <summary>Per-frame cost of the whole path a frame takes in inference: JPEG decode, preprocess, ONNX run, box decoding.</summary>
public sealed record LatencyReport(
    string Model,
    int Threads,
    int Frames,
    double TotalP50Ms,
    double TotalP90Ms,
    double TotalMeanMs,
    double DecodeP50Ms,
    double PreprocessP50Ms,
    double InferenceP50Ms,
    double PostprocessP50Ms,
    string Machine,
    string MeasuredAt)
{
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
}

public static class LatencyBenchmark
{
    public static LatencyReport Run(string modelPath, IReadOnlyList<byte[]> jpegFrames, int threads, int frames, int warmup, IProgress<int>? progress = null)
    {
        using var detector = new OnnxSignDetector(modelPath, threads);
        var total = new List<double>();
        var decode = new List<double>();
        var pre = new List<double>();
        var infer = new List<double>();
        var post = new List<double>();
        var timings = new DetectionTimings();
        for (var i = 0; i < warmup + frames; i++)
        {
            var clock = Stopwatch.StartNew();
            using var frame = Cv2.ImDecode(jpegFrames[i % jpegFrames.Count], ImreadModes.Color);
            var decoded = clock.Elapsed.TotalMilliseconds;
            detector.Detect(frame, timings: timings);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (i >= warmup)
            {
                total.Add(elapsed);
                decode.Add(decoded);
                pre.Add(timings.PreprocessMs);
                infer.Add(timings.InferenceMs);
                post.Add(timings.PostprocessMs);
                progress?.Report(1);
            }
        }

        return new LatencyReport(
            Path.GetFileName(modelPath), threads, frames,
            Percentile(total, 0.5), Percentile(total, 0.9), total.Average(),
            Percentile(decode, 0.5), Percentile(pre, 0.5), Percentile(infer, 0.5), Percentile(post, 0.5),
            $"{Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            DateTime.UtcNow.ToString("O"));
    }

    /// <summary>Frames to time when no folder is given: textured noise at 640x480, encoded like the camera's JPEGs.</summary>
    public static IReadOnlyList<byte[]> SyntheticFrames(int count, int seed)
    {
        var frames = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var pixels = new byte[480 * 640 * 3];
            new Random(seed + i).NextBytes(pixels);
            using var image = Mat.FromPixelData(480, 640, MatType.CV_8UC3, pixels);
            Cv2.GaussianBlur(image, image, new Size(7, 7), 0);
            frames.Add(image.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, 90)));
        }

        return frames;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var index = (int)Math.Clamp(Math.Round(p * (sorted.Length - 1)), 0, sorted.Length - 1);
        return sorted[index];
    }
}
