using System.Diagnostics;
using System.Runtime.InteropServices;
using CrazyTrain.SignModel.Runtime;
using OpenCvSharp;

namespace CrazyTrain.SignModel.Benchmarking;

/// <summary>
/// The project's one latency benchmark: encoded camera frames through the sign model library's
/// <see cref="ModelRuntime.Detect"/>, the code path of every frame in the inference service (decode, letterbox and
/// preprocess, ONNX Runtime, box decoding and NMS). The <c>benchmark</c> verb and the model card both use it.
/// </summary>
public static class LatencyBenchmark
{
    public static BenchmarkReport Run(
        ModelRuntime runtime, IReadOnlyList<byte[]> frames, string source, int threads, int iterations, int warmup, IProgress<int>? progress = null)
    {
        if (frames.Count == 0)
        {
            throw new ArgumentException("No frames to time.", nameof(frames));
        }

        for (var i = 0; i < warmup; i++)
        {
            runtime.Detect(frames[i % frames.Count], strict: true, threshold: null);
        }

        var total = new double[iterations];
        var cpu = new double[iterations];
        var decode = new double[iterations];
        var preprocess = new double[iterations];
        var inference = new double[iterations];
        var postprocess = new double[iterations];
        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            var cpuStart = ThreadCpuClock.NowMs();
            var start = Stopwatch.GetTimestamp();
            var result = runtime.Detect(frames[i % frames.Count], strict: true, threshold: null);
            total[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = ThreadCpuClock.NowMs() - cpuStart;
            decode[i] = result.Timings.DecodeMs;
            preprocess[i] = result.Timings.PreprocessMs;
            inference[i] = result.Timings.InferenceMs;
            postprocess[i] = result.Timings.PostprocessMs;
            progress?.Report(1);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var card = runtime.Model.Card;
        return new BenchmarkReport(
            new MachineInfo(RuntimeInformation.OSDescription, Environment.ProcessorCount, RuntimeInformation.FrameworkDescription),
            new BenchmarkedModel(card.Name, card.Version, runtime.Model.FilePath, $"{card.Input.Width}x{card.Input.Height}", runtime.Model.Anchors),
            runtime.Model.ExecutionProvider,
            threads,
            new BenchmarkImages(source, frames.Count, (long)frames.Average(f => f.Length)),
            new LatencyReport(
                iterations,
                Stats.Of(total),
                ThreadCpuClock.IsSupported ? Stats.Of(cpu) : null,
                Stats.Of(decode),
                Stats.Of(preprocess),
                Stats.Of(inference),
                Stats.Of(postprocess),
                allocated / iterations)
            {
                ModelPathMs = Stats.Of(total.Select((t, i) => t - decode[i]).ToArray()),
            },
            DateTime.UtcNow.ToString("O"));
    }

    /// <summary>Frames to time when none are given: camera-like 640x480 JPEGs (smooth shading, edges, sign-sized shapes).</summary>
    public static IReadOnlyList<byte[]> SyntheticFrames(int count, int seed)
    {
        var frames = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            using var frame = new Mat(480, 640, MatType.CV_8UC3);
            var random = new Random(seed + i);
            var noise = new byte[480 * 640 * 3];
            random.NextBytes(noise);
            Marshal.Copy(noise, 0, frame.Data, noise.Length);
            Cv2.GaussianBlur(frame, frame, new Size(0, 0), 6);
            for (var s = 0; s < 20; s++)
            {
                Cv2.Circle(frame, new Point(random.Next(640), random.Next(480)), random.Next(8, 40),
                    new Scalar(random.Next(256), random.Next(256), random.Next(256)), -1, LineTypes.AntiAlias);
            }

            Cv2.ImEncode(".jpg", frame, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
            frames.Add(jpeg);
        }

        return frames;
    }
}
