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
            + string.Concat(arguments.Client.Select(setting => $", {setting.Key}={setting.Value}"))
            + string.Concat((arguments.Environment ?? []).Select(v => $", {v.Service}: {v.Key}={v.Value}")) + ")...");
        var train = await TrainRun.StartAsync(arguments.Fps, arguments.Client, arguments.Environment ?? [], startTimeout.Token);
        await using (train.App)
        {
            var ledger = new FrameLedger();
            var timeline = new SignTimeline();
            var every = TimeSpan.FromSeconds(arguments.Soak ? arguments.MemoryEverySeconds : Math.Max(1, arguments.Seconds / 2));
            // Each service's GC heap and GC committed memory (EventPipe, as dotnet-counters does), beside its resident size.
            using var heaps = new GcHeapCounters(
                MemorySampler.Processes(train.RepositoryRoot, TrainRun.Services), (int)Math.Max(1, Math.Min(every.TotalSeconds, 10)));
            var memory = new MemorySampler(train.RepositoryRoot, TrainRun.Services, heaps);
            using var lag = new TopicLag(train.Kafka);
            using var reader = new TopicReader(train.Kafka, [Topics.Frames, Topics.Detections]);
            log.WriteLine($"Healthy; starting the train, warming up for {arguments.WarmupSeconds} s, then measuring for {arguments.Seconds} s.");
            await using var reactions = await SignReactions.StartAsync(train.Twin, train.Controller, train.OperatorToken, startTimeout.Token);
            if (reactions.StartNote is { } note)
            {
                log.WriteLine($"No reaction times: {note}");
            }

            // train.orders exists once the train was started (its start order is the first message).
            using var orders = reactions.StartNote is null ? new TopicReader(train.Kafka, [Topics.Orders]) : null;

            var clock = Stopwatch.StartNew();
            Read(reader, orders, TimeSpan.FromSeconds(arguments.WarmupSeconds), clock, _ => { });
            var measureStart = clock.Elapsed;
            var measureStartTime = DateTimeOffset.UtcNow;
            void Sample()
            {
                memory.Sample(clock.Elapsed - measureStart);
                lag.Sample(clock.Elapsed - measureStart);
            }

            // Samples are taken beside the reader (a lag query takes a broker round trip or more), never in its way.
            using var stopSampling = new CancellationTokenSource();
            var sampling = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(every);
                do
                {
                    Sample();
                }
                while (await timer.WaitForNextTickAsync(stopSampling.Token).AsTask().ContinueWith(tick => !tick.IsCanceled && tick.Result, TaskScheduler.Default));
            });
            Read(reader, orders, TimeSpan.FromSeconds(arguments.Seconds), clock, result => Record(ledger, timeline, result, frames: true));
            var measured = (clock.Elapsed - measureStart).TotalSeconds;
            await stopSampling.CancelAsync();
            await sampling;
            Sample();
            var measureEndTime = DateTimeOffset.UtcNow;

            // Detections of the last frames are still on their way; frames arriving now are outside the window.
            Read(reader, orders, Drain, clock, result => Record(ledger, timeline, result, frames: false));
            // The twin's last motor events are polled twice a second.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var reactionSummary = reactions.Summarize(measureStartTime, measureEndTime);
            var breakdown = timeline.Summarize(reactions.Events(), measureStartTime, measureEndTime);
            await train.App.StopAsync();
            return PipelineReport.From(
                startedAt, LoadAverage(), arguments, measured, ledger.Summarize(), memory.Samples, lag.Samples, reactionSummary, breakdown);
        }
    }

    private static void Read(
        TopicReader reader, TopicReader? orders, TimeSpan duration, Stopwatch clock, Action<Confluent.Kafka.ConsumeResult<string, byte[]>> onMessage)
    {
        var end = clock.Elapsed + duration;
        while (clock.Elapsed < end)
        {
            if (reader.Next(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                onMessage(result);
            }

            // Orders are a few per sign: a look without waiting keeps the frames' reader on time.
            while (orders?.Next(TimeSpan.Zero) is { } order)
            {
                onMessage(order);
            }
        }
    }

    private static void Record(FrameLedger ledger, SignTimeline timeline, Confluent.Kafka.ConsumeResult<string, byte[]> result, bool frames)
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
                    timeline.OnFrame(frameId, DateTimeOffset.FromUnixTimeMilliseconds(capturedMs));
                }

                break;
            case Topics.Detections:
                ledger.OnDetections(result.Message.Value, producedAt, receivedAt);
                timeline.OnDetections(result.Message.Value);
                break;
            case Topics.Orders:
                timeline.OnOrder(result.Message.Value);
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
