using System.Text.Json;
using CrazyTrain.Console.Live;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console.State;

/// <summary>
/// The console's one picture of the train: the latest frame, detections, orders, telemetry and service states,
/// fed by the Kafka consumers and the service poller, read by every browser. Each change is also published as
/// an event, so the browsers get it the moment it lands.
/// </summary>
public sealed class TrainStateHub
{
    private const int DetectionsKept = 64;
    private const int LatencySamples = 30;

    private readonly Lock _gate = new();
    private readonly EventBroadcaster _events;
    private readonly TimeProvider _time;
    private readonly ConsoleOptions _options;
    private readonly RecentFrames _frames = new();
    private readonly RateMeter _frameRate = new(TimeSpan.FromSeconds(3));
    private readonly Dictionary<long, DetectionsInfo> _detectionsByFrame = [];
    private readonly Queue<long> _detectionOrder = new();
    private readonly Queue<double> _latencies = new();
    private readonly List<(string Key, DateTimeOffset Time, JsonElement Order)> _orders = [];
    private readonly RecentTelemetry _telemetry;
    private readonly Dictionary<string, ServiceStatus> _services = ServiceNames.All.ToDictionary(name => name, _ => ServiceStatus.Unknown, StringComparer.Ordinal);
    private DetectionsInfo? _latestDetections;
    private StreamStatus _status = new(StreamState.Stalled, "no frame received yet", []);
    private long _framesReceived;
    private long _detectionsReceived;
    private long _ordersReceived;
    private long _telemetryReceived;
    private long _rejected;

    public TrainStateHub(EventBroadcaster events, TimeProvider time, IOptions<ConsoleOptions> options)
    {
        _events = events;
        _time = time;
        _options = options.Value;
        _telemetry = new RecentTelemetry(_options.TelemetrySources);
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public void OnFrame(FrameRecord frame)
    {
        lock (_gate)
        {
            _frames.Add(frame);
            _frameRate.Mark(frame.ReceivedAt);
            _framesReceived++;
            _events.Publish(ConsoleEventTypes.Frame, FrameInfo.From(frame, frame.ReceivedAt, _frameRate.Rate(frame.ReceivedAt)));
        }
    }

    public void OnDetections(long frameId, DateTimeOffset? capturedAt, JsonElement report)
    {
        lock (_gate)
        {
            var receivedAt = Now;
            capturedAt ??= _frames.Find(frameId)?.CapturedAt;
            double? latency = capturedAt is { } captured ? Math.Round((receivedAt - captured).TotalMilliseconds, 1) : null;
            var info = new DetectionsInfo(frameId, receivedAt, latency, report);
            if (_detectionsByFrame.TryAdd(frameId, info))
            {
                _detectionOrder.Enqueue(frameId);
                while (_detectionOrder.Count > DetectionsKept)
                {
                    _detectionsByFrame.Remove(_detectionOrder.Dequeue());
                }
            }
            else
            {
                _detectionsByFrame[frameId] = info;
            }

            if (latency is { } sample)
            {
                _latencies.Enqueue(sample);
                while (_latencies.Count > LatencySamples)
                {
                    _latencies.Dequeue();
                }
            }

            _latestDetections = info;
            _detectionsReceived++;
            _events.Publish(ConsoleEventTypes.Detections, info);
        }
    }

    /// <summary>An order from <c>train.orders</c> (or the controller's history); one already known is ignored.</summary>
    /// <returns>True when the order was new.</returns>
    public bool OnOrder(JsonElement order, bool fromKafka = true)
    {
        var time = order.TryGetProperty("time", out var t) && t.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(t.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : Now;
        var action = order.TryGetProperty("action", out var a) ? a.ToString() : "?";
        var key = $"{time.UtcTicks}|{action}";
        lock (_gate)
        {
            if (_orders.Any(known => known.Key == key))
            {
                return false;
            }

            _orders.Add((key, time, order));
            _orders.Sort((left, right) => right.Time.CompareTo(left.Time));
            if (_orders.Count > _options.OrderHistory)
            {
                _orders.RemoveRange(_options.OrderHistory, _orders.Count - _options.OrderHistory);
            }

            if (fromKafka)
            {
                _ordersReceived++;
            }

            _events.Publish(ConsoleEventTypes.Order, order);
            return true;
        }
    }

    public void OnTelemetry(string source, JsonElement telemetry)
    {
        lock (_gate)
        {
            _telemetry.Set(source, telemetry);
            _telemetryReceived++;
            _events.Publish(ConsoleEventTypes.Telemetry, new { source, data = telemetry });
        }
    }

    public void OnRejected()
    {
        Interlocked.Increment(ref _rejected);
    }

    /// <summary>Records what the poller learnt from a service; the browsers hear of it only when it changed.</summary>
    public void UpdateService(string name, ServiceStatus status)
    {
        lock (_gate)
        {
            var previous = _services.GetValueOrDefault(name) ?? ServiceStatus.Unknown;
            _services[name] = status;
            if (previous.Reachable == status.Reachable && previous.Error == status.Error && previous.HttpStatus == status.HttpStatus
                && previous.Data?.GetRawText() == status.Data?.GetRawText())
            {
                return;
            }

            _events.Publish(ConsoleEventTypes.Service, new { name, status });
        }
    }

    public ServiceStatus Service(string name)
    {
        lock (_gate)
        {
            return _services.GetValueOrDefault(name) ?? ServiceStatus.Unknown;
        }
    }

    public StreamStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Judges the stream now; publishes a <c>status</c> event when the verdict changed.</summary>
    public StreamStatus EvaluateStatus()
    {
        lock (_gate)
        {
            var status = StreamHealth.Evaluate(Inputs(Now));
            if (!status.SameAs(_status))
            {
                _status = status;
                _events.Publish(ConsoleEventTypes.Status, status);
            }

            return _status;
        }
    }

    public FrameRecord? Frame(long? frameId)
    {
        lock (_gate)
        {
            return frameId is { } id ? _frames.Find(id) ?? _frames.Latest : _frames.Latest;
        }
    }

    public ConsoleSnapshot Snapshot(OperatorInfo operatorInfo)
    {
        lock (_gate)
        {
            var now = Now;
            var fps = _frameRate.Rate(now);
            var frame = _frames.Latest;
            return new ConsoleSnapshot(
                now,
                _events.LastEventId,
                frame is null ? null : FrameInfo.From(frame, now, fps),
                _latestDetections,
                frame is not null && _detectionsByFrame.TryGetValue(frame.FrameId, out var frameDetections) ? frameDetections : null,
                _orders.Select(order => order.Order).ToList(),
                _telemetry.ToDictionary(),
                new Dictionary<string, ServiceStatus>(_services),
                StreamHealth.Evaluate(Inputs(now)),
                new PipelineStats(
                    fps,
                    _latestDetections?.LatencyMs,
                    _latencies.Count == 0 ? null : Math.Round(_latencies.Average(), 1),
                    _framesReceived,
                    _detectionsReceived,
                    _ordersReceived,
                    _telemetryReceived,
                    Interlocked.Read(ref _rejected),
                    _events.SubscriberCount),
                operatorInfo);
        }
    }

    private StreamInputs Inputs(DateTimeOffset now) => new(
        now,
        _options.StallAfter,
        _frames.Latest?.ReceivedAt,
        _latestDetections?.ReceivedAt,
        _services[ServiceNames.Broker],
        _services[ServiceNames.Capture],
        _services[ServiceNames.Model],
        _services[ServiceNames.Train]);
}
