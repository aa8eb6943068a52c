using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using CrazyTrain.Capture.Pipeline;
using CrazyTrain.Capture.Publishing;
using CrazyTrain.Capture.Telemetry;
using CrazyTrain.Messaging;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Capture.Benchmarks;

/// <summary>
/// Runs the real capture service (video file source, pacer, drop-oldest queue, JPEG encoder, Kafka producer
/// against librdkafka's mock cluster unless <c>--publisher memory</c>) for a while and reports the paced rate
/// against its target and the grab-to-produce latency of every frame.
/// </summary>
internal static class CaptureMeasurement
{
    public static async Task<int> RunAsync(MeasureArguments arguments)
    {
        var work = Directory.CreateTempSubdirectory("crazytrain-capture-measure-");
        try
        {
            var video = arguments.Video ?? SyntheticTrackVideo.Write(Path.Combine(work.FullName, "track.mp4"), fps: arguments.Fps);
            using var cluster = arguments.Kafka ? DevelopmentKafkaCluster.Start() : null;
            var bootstrap = cluster?.BootstrapServers ?? "127.0.0.1:9";

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Capture:Source"] = video,
                ["Capture:Fps"] = arguments.Fps.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Capture:JpegQuality"] = arguments.Quality.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // The memory publisher never talks to the broker; the messaging library still wants an address.
                ["ConnectionStrings:kafka"] = bootstrap,
                // Capture refuses to start without an operator token; this host maps no endpoint that would use it.
                ["CrazyTrain:OperatorToken"] = "benchmark-without-operator-endpoints",
            });
            builder.AddTrainMode();
            builder.AddTrainMessaging();
            builder.AddCapture();
            var recorder = new FrameTimes();
            builder.Services.RemoveAll<IFramePublisher>();
            builder.Services.AddSingleton<IFramePublisher>(services => new TimedPublisher(
                arguments.Kafka ? ActivatorUtilities.CreateInstance<KafkaFramePublisher>(services) : null, recorder));

            using var latencies = new LatencyListener();
            using var host = builder.Build();
            await host.StartAsync();
            Console.WriteLine($"Measuring {arguments.Seconds} s at {arguments.Fps} fps, JPEG quality {arguments.Quality}, publisher {(arguments.Kafka ? "kafka (mock cluster)" : "memory")} ...");
            await Task.Delay(TimeSpan.FromSeconds(arguments.Seconds));
            var statistics = host.Services.GetRequiredService<CaptureStatistics>();
            var published = statistics.FramesPublished;
            var dropped = statistics.FramesDropped;
            await host.StopAsync();

            var report = Report.From(arguments, recorder.CapturedAt(), latencies, published, dropped);
            var json = JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
            Console.WriteLine(json);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(arguments.Output))!);
            await File.WriteAllTextAsync(arguments.Output, json);
            Console.WriteLine($"Written to {Path.GetFullPath(arguments.Output)}");
            return report.PacingWithin5Percent && report.LatencyP99Ms <= 15 ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Grab times of published frames, as the frames' own <c>captured-at</c> sees them.</summary>
    private sealed class FrameTimes
    {
        private readonly List<DateTimeOffset> _capturedAt = [];

        public void Add(CapturedFrame frame)
        {
            lock (_capturedAt)
            {
                _capturedAt.Add(frame.CapturedAt);
            }
        }

        public IReadOnlyList<DateTimeOffset> CapturedAt()
        {
            lock (_capturedAt)
            {
                return [.. _capturedAt];
            }
        }
    }

    private sealed class TimedPublisher(IFramePublisher? inner, FrameTimes times) : IFramePublisher
    {
        public async ValueTask PublishAsync(CapturedFrame frame, CancellationToken cancellationToken)
        {
            if (inner is not null)
            {
                await inner.PublishAsync(frame, cancellationToken);
            }

            times.Add(frame);
        }
    }

    /// <summary>Every value the pipeline records in its own latency histograms.</summary>
    internal sealed class LatencyListener : IDisposable
    {
        private readonly MeterListener _listener = new();

        public LatencyListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CaptureTelemetry.Name && instrument is Histogram<double>)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
            {
                var list = instrument.Name switch
                {
                    "crazytrain.capture.frame.latency" => GrabToProduce,
                    "crazytrain.capture.frame.acknowledged" => GrabToAcknowledged,
                    "crazytrain.capture.encode.duration" => Encode,
                    "crazytrain.capture.grab.duration" => Grab,
                    _ => null,
                };
                if (list is not null)
                {
                    lock (list)
                    {
                        list.Add(value);
                    }
                }
            });
            _listener.Start();
        }

        public List<double> GrabToProduce { get; } = [];

        public List<double> GrabToAcknowledged { get; } = [];

        public List<double> Encode { get; } = [];

        public List<double> Grab { get; } = [];

        public void Dispose() => _listener.Dispose();
    }

    internal sealed record Report(
        string Machine,
        string Command,
        double Seconds,
        double TargetFps,
        double MeasuredFps,
        double PacingErrorPercent,
        bool PacingWithin5Percent,
        double IntervalP50Ms,
        double IntervalP99Ms,
        double IntervalMaxMs,
        long FramesPublished,
        long FramesDropped,
        string Publisher,
        int JpegQuality,
        double LatencyP50Ms,
        double LatencyP95Ms,
        double LatencyP99Ms,
        double LatencyMaxMs,
        double AcknowledgedP50Ms,
        double AcknowledgedP99Ms,
        double EncodeP50Ms,
        double EncodeP99Ms,
        double GrabP50Ms,
        double GrabP99Ms)
    {
        public static Report From(MeasureArguments arguments, IReadOnlyList<DateTimeOffset> capturedAt, LatencyListener latencies, long published, long dropped)
        {
            // Leave out the first second: the JIT and the first broker round trips are not the steady state.
            var start = capturedAt.Count > 0 ? capturedAt[0].AddSeconds(1) : DateTimeOffset.MinValue;
            var steady = capturedAt.Where(at => at >= start).ToList();
            var span = steady.Count > 1 ? (steady[^1] - steady[0]).TotalSeconds : 0;
            var fps = span > 0 ? (steady.Count - 1) / span : 0;
            var intervals = steady.Zip(steady.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
            var error = arguments.Fps > 0 ? (fps - arguments.Fps) / arguments.Fps * 100 : 0;
            var skip = Math.Min(latencies.GrabToProduce.Count, (int)arguments.Fps);
            var latency = latencies.GrabToProduce.Skip(skip).ToList();
            var acknowledged = latencies.GrabToAcknowledged.Skip(skip).ToList();
            return new Report(
                $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
                "dotnet run -c Release --project benchmarks/CrazyTrain.Capture.Benchmarks -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
                Math.Round(span, 1),
                arguments.Fps,
                Math.Round(fps, 3),
                Math.Round(error, 3),
                Math.Abs(error) <= 5,
                Percentile(intervals, 50), Percentile(intervals, 99), Math.Round(intervals.DefaultIfEmpty().Max(), 2),
                published, dropped,
                arguments.Kafka ? "kafka (librdkafka mock cluster, acknowledged)" : "memory",
                arguments.Quality,
                Percentile(latency, 50), Percentile(latency, 95), Percentile(latency, 99), Math.Round(latency.DefaultIfEmpty().Max(), 2),
                Percentile(acknowledged, 50), Percentile(acknowledged, 99),
                Percentile(latencies.Encode, 50), Percentile(latencies.Encode, 99),
                Percentile(latencies.Grab, 50), Percentile(latencies.Grab, 99));
        }

        private static double Percentile(List<double> values, double percentile)
        {
            if (values.Count == 0)
            {
                return 0;
            }

            var sorted = values.Order().ToList();
            var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
            return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Count - 1)], 2);
        }
    }
}

internal sealed record MeasureArguments(double Seconds, double Fps, int Quality, bool Kafka, string? Video, string Output)
{
    public static MeasureArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return new MeasureArguments(
            double.Parse(Value("--seconds") ?? "60", culture),
            double.Parse(Value("--fps") ?? "30", culture),
            int.Parse(Value("--quality") ?? "80", culture),
            (Value("--publisher") ?? "kafka") == "kafka",
            Value("--video"),
            Value("--out") ?? "artifacts/capture-measure.json");
    }
}
