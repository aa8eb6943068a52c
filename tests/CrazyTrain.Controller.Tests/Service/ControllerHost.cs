using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CrazyTrain.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrazyTrain.Controller.Tests.Service;

/// <summary>
/// The real controller (Simulation mode: virtual hub behind a byte link) on librdkafka's mock cluster, which
/// speaks the real Kafka protocol on loopback. Tests drive it the way the pipeline does: detection messages
/// on <c>train.detections</c>, orders read back from <c>train.orders</c>, operators over HTTP.
/// </summary>
public sealed class ControllerHost : IAsyncLifetime
{
    /// <summary>The operator token every test controller runs with; <see cref="Http"/> sends it.</summary>
    public const string OperatorToken = "operator-token-for-controller-tests";

    private readonly string? _givenStateFolder;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly DevelopmentKafkaCluster? _sharedCluster;
    private DevelopmentKafkaCluster? _cluster;
    private IProducer<string, byte[]>? _producer;
    private WebApplicationFactory<Program>? _factory;

    public ControllerHost()
        : this(null)
    {
    }

    /// <summary>
    /// A host on a state folder of the test's choosing (a restart finds what the last one left), extra settings and,
    /// to restart a controller on the same broker, a cluster the test owns.
    /// </summary>
    internal ControllerHost(string? stateFolder, IReadOnlyDictionary<string, string?>? settings = null, DevelopmentKafkaCluster? sharedCluster = null)
    {
        _givenStateFolder = stateFolder;
        _sharedCluster = sharedCluster;
        _settings = settings ?? new Dictionary<string, string?>();
        StateFolder = stateFolder ?? Directory.CreateTempSubdirectory("crazytrain-controller-state-").FullName;
    }

    public string BootstrapServers { get; private set; } = "";

    /// <summary>The development broker this controller talks to (a test can take it down: <see cref="BrokerOutage"/>).</summary>
    public DevelopmentKafkaCluster Cluster => _cluster!;

    public string StateFolder { get; }

    /// <summary>An operator's client: every request carries <c>Authorization: Bearer</c> with <see cref="OperatorToken"/>.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>A client without any credential.</summary>
    public HttpClient CreateAnonymousClient() => _factory!.CreateClient();

    public IServiceProvider Services => _factory!.Services;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task InitializeAsync()
    {
        _cluster = _sharedCluster is null ? DevelopmentKafkaCluster.Start() : null;
        BootstrapServers = (_sharedCluster ?? _cluster)!.BootstrapServers;
        _producer = CreateProducer(BootstrapServers);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:kafka", BootstrapServers);
            web.UseSetting("CrazyTrain:Mode", "Simulation");
            web.UseSetting("CrazyTrain:Driving:PerceptionTimeout", "00:00:01.500");
            web.UseSetting("CrazyTrain:Driving:StopHold", "00:01:00");
            web.UseSetting("Kafka:MetadataRefreshInterval", "00:00:00.500");
            web.UseSetting("CrazyTrain:OperatorToken", OperatorToken);
            web.UseSetting("CrazyTrain:Controller:StateFolder", StateFolder);
            foreach (var (key, value) in _settings)
            {
                web.UseSetting(key, value);
            }
        });
        Http = _factory.CreateClient();
        Http.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
        return Task.CompletedTask;
    }

    /// <summary>The trace id a test gives frame <paramref name="frameId"/>: one frame, one trace.</summary>
    public static ActivityTraceId TraceOf(long frameId) => ActivityTraceId.CreateFromString($"{frameId:x32}".AsSpan());

    public void PublishDetection(long frameId, params (string Label, double Confidence)[] detections)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            frameId,
            capturedAt = DateTimeOffset.UtcNow,
            width = 640,
            height = 480,
            model = new { name = "crazytrain-signs", version = "1.0.0" },
            detections = detections.Select(d => new { label = d.Label, confidence = d.Confidence, box = new { x = 300.0, y = 120.0, width = 28.0, height = 27.5 } }),
            timings = new { decodeMs = 1.0, preprocessMs = 1.0, inferenceMs = 5.0, postprocessMs = 0.2 },
        });
        PublishRaw(frameId, body);
    }

    public void PublishRaw(long frameId, byte[] body) => Publish(_producer!, frameId, body);

    /// <summary>Publishes to a broker while no controller host runs on it (e.g. between a stop and a restart).</summary>
    public static void PublishRawTo(string bootstrapServers, long frameId, byte[] body)
    {
        using var producer = CreateProducer(bootstrapServers);
        Publish(producer, frameId, body);
    }

    private static IProducer<string, byte[]> CreateProducer(string bootstrapServers) =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 1 })
            .SetLogHandler((_, _) => { }).Build();

    private static void Publish(IProducer<string, byte[]> producer, long frameId, byte[] body)
    {
        var traceParent = $"00-{TraceOf(frameId).ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
        producer.Produce(Topics.Detections, new Message<string, byte[]>
        {
            Key = "camera-1",
            Value = body,
            Headers = [new Header("traceparent", Encoding.UTF8.GetBytes(traceParent))],
        });
        producer.Flush(TimeSpan.FromSeconds(5));
    }

    public async Task<JsonElement> TrainAsync() => await Http.GetFromJsonAsync<JsonElement>("/api/train");

    /// <summary>
    /// The <c>/health</c> report, whatever its status: 503 carries the same report when some other check (e.g. the
    /// loops' liveness on a loaded box) is Unhealthy at that moment, and each test reads only the checks it is about.
    /// </summary>
    public async Task<JsonElement> HealthAsync()
    {
        using var answer = await Http.GetAsync("/health");
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Reads <c>train.orders</c> from the beginning until <paramref name="match"/> holds; returns the message and its trace id.</summary>
    public (JsonElement Order, string? TraceId) ReadOrder(Func<JsonElement, bool> match)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = $"test-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(Topics.Orders);
        (JsonElement Order, string? TraceId)? found = null;
        KafkaMessages.ReadUntil(consumer, TimeSpan.FromSeconds(60), result =>
        {
            var order = JsonSerializer.Deserialize<JsonElement>(result.Message.Value);
            found = match(order) ? (order, TraceContext.TraceIdOf(KafkaMessages.HeadersOf(result))) : null;
            return found is not null;
        });
        consumer.Close();
        return found ?? throw new Xunit.Sdk.XunitException("No matching order appeared on train.orders.");
    }

    /// <summary>Plays a camera: one detection frame every 100 ms until cancelled, with whatever sightings the test sets.</summary>
    public async Task RunCameraAsync(Func<long, (string, double)[]> sightings, long firstFrameId, CancellationToken stop)
    {
        var frameId = firstFrameId;
        while (!stop.IsCancellationRequested)
        {
            PublishDetection(frameId, sightings(frameId));
            frameId++;
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _producer?.Dispose();
        _cluster?.Dispose();
        if (_givenStateFolder is null)
        {
            Directory.Delete(StateFolder, recursive: true);
        }
    }
}
