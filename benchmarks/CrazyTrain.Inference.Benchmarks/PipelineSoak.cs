using System.Diagnostics;
using System.Text.Json;
using CrazyTrain.Inference.Detections;
using CrazyTrain.Inference.Frames;
using CrazyTrain.Inference.Hosting;
using CrazyTrain.SignModel.Batch;
using CrazyTrain.SignModel.Benchmarking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Inference.Benchmarks;

/// <summary>
/// The service's real <see cref="FramePipeline"/> fed at a fixed frame rate for a while: frames sent, published and
/// skipped, frame age at publication (first and second half, to show that nothing backs up) and memory over time.
/// </summary>
internal static class PipelineSoak
{
    public static async Task<int> RunAsync(
        string model, string providers, string? imagePath, int threads, double rate, double duration, string? output, CancellationToken cancellationToken)
    {
        if (threads < 1 || rate <= 0 || duration <= 0)
        {
            await Console.Error.WriteLineAsync("error: need --threads >= 1, --rate > 0, --duration > 0.");
            return 2;
        }

        if (imagePath is not null && !File.Exists(imagePath))
        {
            await Console.Error.WriteLineAsync($"error: image '{Path.GetFullPath(imagePath)}' does not exist.");
            return 2;
        }

        using var loggers = CliModel.CreateLoggers();
        var runtime = CliModel.Load(model, providers, threads, loggers);
        if (runtime is null)
        {
            return 2;
        }

        using var detector = new SignDetector(runtime);
        var jpeg = imagePath is null ? LatencyBenchmark.SyntheticFrames(1, seed: 1)[0] : await File.ReadAllBytesAsync(imagePath, cancellationToken);
        var sustained = await SustainAsync(detector, jpeg, rate, TimeSpan.FromSeconds(duration), cancellationToken);
        var card = runtime.Model.Card;
        var report = new
        {
            model = new { name = card.Name, version = card.Version, file = runtime.Model.FilePath },
            executionProvider = runtime.Model.ExecutionProvider,
            intraOpThreads = threads,
            image = new { source = imagePath ?? "synthetic 640x480", bytes = jpeg.Length },
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

    private static async Task<object> SustainAsync(SignDetector detector, byte[] jpeg, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var metrics = new InferenceMetrics();
        var source = new PacedFeed(jpeg, rate, duration);
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
            frameAgeMs = Stats.Of(ages),
            frameAgeFirstHalfMs = Stats.Of(ages[..half]),
            frameAgeSecondHalfMs = Stats.Of(ages[half..]),
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
}
