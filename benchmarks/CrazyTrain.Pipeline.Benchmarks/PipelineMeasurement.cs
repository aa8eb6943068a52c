using System.Diagnostics;
using CrazyTrain.Messaging;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>Starts the train, lets it warm up, reads every frame and detection for the run, then stops it.</summary>
internal static class PipelineMeasurement
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(2);

    public static async Task<PipelineReport> RunAsync(PipelineArguments arguments, TextWriter log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        log.WriteLine($"Starting the AppHost (Simulation, embedded broker, capture at {arguments.Fps} frames/s"
            + string.Concat(arguments.Client.Select(setting => $", {setting.Key}={setting.Value}")) + ")...");
        var (app, kafka, repositoryRoot) = await TrainRun.StartAsync(arguments.Fps, arguments.Client, startTimeout.Token);
        await using (app)
        {
            var ledger = new FrameLedger();
            var memory = new MemorySampler(repositoryRoot, TrainRun.Services);
            using var reader = new TopicReader(kafka, [Topics.Frames, Topics.Detections]);
            log.WriteLine($"Healthy; warming up for {arguments.WarmupSeconds} s, then measuring for {arguments.Seconds} s.");

            var clock = Stopwatch.StartNew();
            Read(reader, TimeSpan.FromSeconds(arguments.WarmupSeconds), clock, _ => { });
            var measureStart = clock.Elapsed;
            var nextMemory = TimeSpan.Zero;
            Read(reader, TimeSpan.FromSeconds(arguments.Seconds), clock, result =>
            {
                Record(ledger, result, frames: true);
                var sinceStart = clock.Elapsed - measureStart;
                if (sinceStart >= nextMemory)
                {
                    memory.Sample(sinceStart);
                    nextMemory += TimeSpan.FromSeconds(arguments.Soak ? arguments.MemoryEverySeconds : arguments.Seconds / 2);
                }
            });
            var measured = (clock.Elapsed - measureStart).TotalSeconds;
            memory.Sample(clock.Elapsed - measureStart);

            // Detections of the last frames are still on their way; frames arriving now are outside the window.
            Read(reader, Drain, clock, result => Record(ledger, result, frames: false));
            await app.StopAsync();
            return PipelineReport.From(startedAt, LoadAverage(), arguments, measured, ledger.Summarize(), memory.Samples);
        }
    }

    private static void Read(TopicReader reader, TimeSpan duration, Stopwatch clock, Action<Confluent.Kafka.ConsumeResult<string, byte[]>> onMessage)
    {
        var end = clock.Elapsed + duration;
        while (clock.Elapsed < end)
        {
            if (reader.Next(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                onMessage(result);
            }
        }
    }

    private static void Record(FrameLedger ledger, Confluent.Kafka.ConsumeResult<string, byte[]> result, bool frames)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var producedAt = result.Message.Timestamp.UtcDateTime;
        switch (result.Topic)
        {
            case Topics.Frames when frames:
                if (long.TryParse(TopicReader.Header(result, FrameHeaders.FrameId), out var frameId)
                    && long.TryParse(TopicReader.Header(result, FrameHeaders.CapturedAt), out var capturedMs))
                {
                    ledger.OnFrame(frameId, DateTimeOffset.FromUnixTimeMilliseconds(capturedMs), producedAt, receivedAt);
                }

                break;
            case Topics.Detections:
                ledger.OnDetections(result.Message.Value, producedAt, receivedAt);
                break;
        }
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
