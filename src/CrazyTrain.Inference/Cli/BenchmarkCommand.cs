using System.CommandLine;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CrazyTrain.Inference.Detections;
using CrazyTrain.Inference.Frames;
using CrazyTrain.Inference.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace CrazyTrain.Inference.Cli;

/// <summary>
/// <c>benchmark</c>: (1) latency of decode + preprocess + inference + decode-boxes of one JPEG, repeated,
/// with p50/p99 per stage and the bytes allocated per frame; (2) the live pipeline fed at a fixed frame rate
/// for a while, reporting processed/skipped frames, frame age at publication and memory, to show that
/// nothing backs up. Numbers go to stdout and, as JSON, to <c>--output</c>.
/// </summary>
internal static class BenchmarkCommand
{
    public static Command Create()
    {
        var image = new Option<string?>("--image") { Description = "A JPEG to use (default: a synthetic 640x480 camera-like frame)." };
        var iterations = new Option<int>("--iterations") { Description = "Measured frames for the latency part.", DefaultValueFactory = _ => 500 };
        var warmup = new Option<int>("--warmup") { Description = "Frames run before measuring.", DefaultValueFactory = _ => 30 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads.", DefaultValueFactory = _ => 1 };
        var rate = new Option<double>("--rate") { Description = "Frames per second for the sustained part.", DefaultValueFactory = _ => 30 };
        var duration = new Option<double>("--duration") { Description = "Seconds of the sustained part (0 skips it).", DefaultValueFactory = _ => 30 };
        var output = new Option<string?>("--output", "-o") { Description = "Write the numbers as JSON here." };

        var command = new Command("benchmark", "Measure per-frame latency and a sustained frame rate on this machine.")
        {
            CliModel.Model, CliModel.Providers, image, iterations, warmup, threads, rate, duration, output,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(CliModel.Model)!, parse.GetValue(CliModel.Providers)!, parse.GetValue(image),
            parse.GetValue(iterations), parse.GetValue(warmup), parse.GetValue(threads),
            parse.GetValue(rate), parse.GetValue(duration), parse.GetValue(output), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string model, string providers, string? imagePath, int iterations, int warmup, int threads,
        double rate, double duration, string? output, CancellationToken cancellationToken)
    {
        if (iterations < 10 || warmup < 0 || threads < 1 || rate <= 0 || duration < 0)
        {
            Console.Error.WriteLine("error: need --iterations >= 10, --warmup >= 0, --threads >= 1, --rate > 0, --duration >= 0.");
            return 2;
        }

        if (imagePath is not null && !File.Exists(imagePath))
        {
            Console.Error.WriteLine($"error: image '{Path.GetFullPath(imagePath)}' does not exist.");
            return 2;
        }

        using var loggers = CliModel.CreateLoggers();
        var runtime = CliModel.Load(model, providers, threads, loggers);
        if (runtime is null)
        {
            return 2;
        }

        using var detector = new SignDetector(runtime);
        var jpeg = imagePath is null ? SyntheticFrame() : await File.ReadAllBytesAsync(imagePath, cancellationToken);
        var latency = MeasureLatency(detector, jpeg, iterations, warmup);
        var sustained = duration > 0 ? await SustainAsync(detector, jpeg, rate, TimeSpan.FromSeconds(duration), cancellationToken) : null;

        var card = runtime.Model.Card;
        var report = new
        {
            machine = new
            {
                os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                cpu = Environment.ProcessorCount,
                runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            },
            model = new { name = card.Name, version = card.Version, file = runtime.Model.FilePath, input = $"{card.Input.Width}x{card.Input.Height}", anchors = runtime.Model.Anchors },
            executionProvider = runtime.Model.ExecutionProvider,
            intraOpThreads = threads,
            image = new { source = imagePath ?? "synthetic 640x480", bytes = jpeg.Length },
            latency,
            sustained,
        };

        var json = JsonSerializer.Serialize(report, InferenceJson.Indented);
        Console.WriteLine(json);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, json, cancellationToken);
        }

        return 0;
    }

    private static object MeasureLatency(SignDetector detector, byte[] jpeg, int iterations, int warmup)
    {
        for (var i = 0; i < warmup; i++)
        {
            detector.Detect(jpeg, strict: true);
        }

        var total = new double[iterations];
        var decode = new double[iterations];
        var preprocess = new double[iterations];
        var inference = new double[iterations];
        var postprocess = new double[iterations];
        var cpu = new double[iterations];
        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            var cpuStart = ThreadCpuClock.NowMs();
            var start = Stopwatch.GetTimestamp();
            var result = detector.Detect(jpeg, strict: true);
            total[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = ThreadCpuClock.NowMs() - cpuStart;
            decode[i] = result.Timings.DecodeMs;
            preprocess[i] = result.Timings.PreprocessMs;
            inference[i] = result.Timings.InferenceMs;
            postprocess[i] = result.Timings.PostprocessMs;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return new
        {
            iterations,
            totalMs = Stats(total),
            totalThreadCpuMs = ThreadCpuClock.IsSupported ? Stats(cpu) : null,
            decodeMs = Stats(decode),
            preprocessMs = Stats(preprocess),
            inferenceMs = Stats(inference),
            postprocessMs = Stats(postprocess),
            managedBytesAllocatedPerFrame = allocated / iterations,
        };
    }

    private static async Task<object> SustainAsync(SignDetector detector, byte[] jpeg, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var metrics = new InferenceMetrics();
        var source = new PacedSource(jpeg, rate, duration);
        var publisher = new AgeRecorder();
        var options = Options.Create(new InferenceOptions { MaxFrameAge = TimeSpan.FromMilliseconds(500) });
        using var pipeline = new FramePipeline(source, publisher, detector, metrics, options, TimeProvider.System, NullLogger<FramePipeline>.Instance);

        GC.Collect();
        var process = Process.GetCurrentProcess();
        var workingSetStart = process.WorkingSet64;
        var heapStart = GC.GetTotalMemory(forceFullCollection: true);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var samples = SampleMemoryAsync(process, publisher, TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 20, 1, 30)), sampling.Token);
        await pipeline.StartAsync(cancellationToken);
        await source.Finished.WaitAsync(cancellationToken);
        await Task.Delay(500, cancellationToken);
        await pipeline.StopAsync(cancellationToken);
        await sampling.CancelAsync();
        var memory = await samples;
        process.Refresh();

        var ages = publisher.Ages;
        var half = ages.Length / 2;
        return new
        {
            targetFps = rate,
            seconds = duration.TotalSeconds,
            framesSent = source.Sent,
            framesPublished = ages.Length,
            framesSkipped = source.Sent - ages.Length,
            publishedFps = Math.Round(ages.Length / duration.TotalSeconds, 2),
            frameAgeMs = Stats(ages),
            frameAgeFirstHalfMs = Stats(ages[..half]),
            frameAgeSecondHalfMs = Stats(ages[half..]),
            workingSetMiB = new { start = workingSetStart / 1048576.0, end = process.WorkingSet64 / 1048576.0 },
            managedHeapMiB = new { start = heapStart / 1048576.0, end = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0 },
            memoryOverTime = memory,
        };
    }

    /// <summary>Working set and managed heap every few seconds: flat lines mean nothing accumulates.</summary>
    private static async Task<List<object>> SampleMemoryAsync(Process process, AgeRecorder published, TimeSpan every, CancellationToken cancellationToken)
    {
        var samples = new List<object>();
        var start = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                process.Refresh();
                samples.Add(new
                {
                    seconds = Math.Round(Stopwatch.GetElapsedTime(start).TotalSeconds),
                    workingSetMiB = Math.Round(process.WorkingSet64 / 1048576.0, 1),
                    managedHeapMiB = Math.Round(GC.GetTotalMemory(forceFullCollection: false) / 1048576.0, 1),
                    published = published.Count,
                });
            }
        }
        catch (OperationCanceledException)
        {
        }

        return samples;
    }

    private static object Stats(double[] values)
    {
        if (values.Length == 0)
        {
            return new { count = 0 };
        }

        var sorted = values.Order().ToArray();
        double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new
        {
            count = sorted.Length,
            mean = Math.Round(sorted.Average(), 3),
            p50 = Math.Round(Percentile(0.50), 3),
            p90 = Math.Round(Percentile(0.90), 3),
            p99 = Math.Round(Percentile(0.99), 3),
            max = Math.Round(sorted[^1], 3),
        };
    }

    /// <summary>A camera-like 640x480 JPEG: smooth shading, edges and a few sign-sized shapes.</summary>
    internal static byte[] SyntheticFrame()
    {
        using var frame = new Mat(480, 640, MatType.CV_8UC3);
        Cv2.Randu(frame, Scalar.All(0), Scalar.All(255));
        Cv2.GaussianBlur(frame, frame, new Size(0, 0), 6);
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            Cv2.Circle(frame, new Point(random.Next(640), random.Next(480)), random.Next(8, 40),
                new Scalar(random.Next(256), random.Next(256), random.Next(256)), -1, LineTypes.AntiAlias);
        }

        Cv2.ImEncode(".jpg", frame, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
        return jpeg;
    }

    /// <summary>Sends the same JPEG as new frames at a fixed rate, like the camera.</summary>
    private sealed class PacedSource(byte[] jpeg, double rate, TimeSpan duration) : IFrameSource
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Sent { get; private set; }

        public Task Finished => _finished.Task;

        public async IAsyncEnumerable<Frame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate));
            var end = DateTimeOffset.UtcNow + duration;
            while (DateTimeOffset.UtcNow < end && await timer.WaitForNextTickAsync(cancellationToken))
            {
                Sent++;
                yield return new Frame("bench", Sent, DateTimeOffset.UtcNow, null, null, "image/jpeg", jpeg, null, null);
            }

            _finished.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    /// <summary>Serialises each message as the Kafka publisher would and records the frame's age.</summary>
    private sealed class AgeRecorder : IDetectionPublisher
    {
        private readonly List<double> _ages = [];

        public int Count
        {
            get
            {
                lock (_ages)
                {
                    return _ages.Count;
                }
            }
        }

        public double[] Ages
        {
            get
            {
                lock (_ages)
                {
                    return [.. _ages];
                }
            }
        }

        public Task PublishAsync(string cameraId, DetectionMessage message, ActivityContext traceContext, CancellationToken cancellationToken)
        {
            _ = message.ToUtf8Json();
            lock (_ages)
            {
                _ages.Add((DateTimeOffset.UtcNow - message.CapturedAt).TotalMilliseconds);
            }

            return Task.CompletedTask;
        }
    }
}
