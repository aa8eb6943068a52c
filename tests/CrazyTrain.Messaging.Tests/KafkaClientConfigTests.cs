using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CrazyTrain.Messaging.Tests;

public sealed class KafkaClientConfigTests
{
    [Fact]
    public void Orders_are_durable_and_everything_else_is_tuned_for_latency()
    {
        Assert.Equal(DeliveryProfile.Durable, TopicDelivery.For(Topics.Orders));
        Assert.Equal(DeliveryProfile.Latency, TopicDelivery.For(Topics.Frames));
        Assert.Equal(DeliveryProfile.Latency, TopicDelivery.For(Topics.Detections));
        Assert.Equal(DeliveryProfile.Latency, TopicDelivery.For(Topics.Telemetry));
    }

    [Fact]
    public void The_latency_producer_sends_at_once_with_the_leaders_acknowledgement()
    {
        var producer = Config().Producer(DeliveryProfile.Latency);

        Assert.Equal(0, producer.LingerMs);
        Assert.Equal(Acks.Leader, producer.Acks);
        Assert.False(producer.EnableIdempotence);
        Assert.Equal(true, producer.SocketNagleDisable);
    }

    [Fact]
    public void The_durable_producer_waits_for_all_replicas_and_never_duplicates()
    {
        var producer = Config().Producer(DeliveryProfile.Durable);

        Assert.Equal(Acks.All, producer.Acks);
        Assert.True(producer.EnableIdempotence);
        Assert.Equal(0, producer.LingerMs);
    }

    [Fact]
    public void Latency_consumers_never_wait_long_for_an_empty_fetch()
    {
        var latency = Config().Consumer("group", AutoOffsetReset.Latest, DeliveryProfile.Latency);
        var durable = Config().Consumer("group", AutoOffsetReset.Latest, DeliveryProfile.Durable);

        Assert.Equal(KafkaClientConfig.LatencyFetchWaitMaxMs, latency.FetchWaitMaxMs);
        Assert.Equal(1, latency.FetchMinBytes);
        Assert.True(latency.FetchWaitMaxMs < 500, "librdkafka's default 500 ms made frames arrive in bursts");
        Assert.Equal(KafkaClientConfig.DurableFetchWaitMaxMs, durable.FetchWaitMaxMs);
        Assert.False(latency.EnableAutoOffsetStore);
    }

    [Fact]
    public void Latency_consumers_prefetch_little_and_commit_promptly()
    {
        var latency = Config().Consumer("group", AutoOffsetReset.Latest, DeliveryProfile.Latency);
        var durable = Config().Consumer("group", AutoOffsetReset.Latest, DeliveryProfile.Durable);

        // librdkafka's defaults: 64 MiB queued, 50 MiB per fetch, 1 MiB per partition, a commit every 5 s.
        Assert.Equal(2_048, latency.QueuedMaxMessagesKbytes);
        Assert.Equal(1_048_576, latency.FetchMaxBytes);
        Assert.Equal(262_144, latency.MaxPartitionFetchBytes);
        Assert.True(latency.FetchMaxBytes >= 1_000_000, "librdkafka refuses a fetch.max.bytes below message.max.bytes");
        Assert.True(4 * latency.MaxPartitionFetchBytes <= latency.FetchMaxBytes, "the four partitions of a topic fit one fetch");
        Assert.Equal(200, latency.AutoCommitIntervalMs);
        Assert.True(latency.EnableAutoCommit);

        Assert.Equal(16_384, durable.QueuedMaxMessagesKbytes);
        Assert.Null(durable.FetchMaxBytes);
        Assert.Null(durable.AutoCommitIntervalMs);
    }

    [Fact]
    public void The_latency_consumers_settings_are_accepted_by_librdkafka()
    {
        // Building the client makes librdkafka validate every property against the others (it refuses, e.g., a
        // fetch.max.bytes below message.max.bytes).
        var settings = Config(connectionString: "localhost:1").Consumer("group", AutoOffsetReset.Latest, DeliveryProfile.Latency);
        using var consumer = new ConsumerBuilder<string, byte[]>(settings).SetLogHandler((_, _) => { }).Build();
        Assert.NotEmpty(consumer.Name);

        // The same check refuses a bound that cannot work, so the line above proves something.
        var tooSmall = Config(new() { ["fetch.max.bytes"] = "500000" }, connectionString: "localhost:1").Consumer("group", AutoOffsetReset.Latest, DeliveryProfile.Latency);
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => new ConsumerBuilder<string, byte[]>(tooSmall).SetLogHandler((_, _) => { }).Build().Dispose());
        Assert.Contains("fetch.max.bytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_under_Kafka_Client_override_the_profiles()
    {
        var config = Config(new() { ["fetch.wait.max.ms"] = "250", ["linger.ms"] = "5", ["sasl.username"] = "train" });

        Assert.Equal(250, config.Consumer("group", AutoOffsetReset.Latest).FetchWaitMaxMs);
        Assert.Equal(5, config.Producer(DeliveryProfile.Durable).LingerMs);
        Assert.Equal("train", config.Admin().SaslUsername);
    }

    [Fact]
    public void Kafka_Security_reaches_every_client_over_the_connection_strings_own_properties()
    {
        var security = new KafkaSecurityOptions
        {
            Protocol = "SASL_SSL",
            SaslMechanism = "SCRAM-SHA-512",
            Username = "controller",
            Password = "s3cret-from-a-Secret",
            CaLocation = "/etc/crazytrain/kafka-ca/ca.crt",
        };
        var config = Config(security: security, connectionString: "bootstrap.servers=kafka:9092;security.protocol=plaintext");

        ClientConfig[] clients =
        [
            config.Producer(DeliveryProfile.Latency), config.Producer(DeliveryProfile.Durable),
            config.Consumer("group", AutoOffsetReset.Latest), config.Admin(),
        ];
        foreach (var client in clients)
        {
            Assert.Equal(SecurityProtocol.SaslSsl, client.SecurityProtocol);
            Assert.Equal(SaslMechanism.ScramSha512, client.SaslMechanism);
            Assert.Equal("controller", client.SaslUsername);
            Assert.Equal("s3cret-from-a-Secret", client.SaslPassword);
            Assert.Equal("/etc/crazytrain/kafka-ca/ca.crt", client.SslCaLocation);
            Assert.Equal("kafka:9092", client.BootstrapServers);
        }
    }

    [Fact]
    public void Without_Kafka_Security_the_clients_stay_plaintext()
    {
        var admin = Config().Admin();

        Assert.Null(admin.SecurityProtocol);
        Assert.Null(admin.SaslUsername);
        Assert.Null(admin.SslCaLocation);
    }

    [Theory]
    [InlineData("sasl_ssl", "SCRAM-SHA-512", "capture", null, null, "Kafka:Security:Password is not set")]
    [InlineData("sasl_ssl", null, "capture", "pw", null, "Kafka:Security:SaslMechanism is not set")]
    [InlineData("tls", null, null, null, null, "Kafka:Security:Protocol is 'tls'")]
    [InlineData(null, "SCRAM-SHA-512", "capture", "pw", null, "set sasl_ssl")]
    [InlineData("ssl", null, null, null, "/nowhere/ca.crt", "'/nowhere/ca.crt' does not exist")]
    public void Start_up_refuses_security_settings_that_cannot_work(
        string? protocol, string? mechanism, string? username, string? password, string? ca, string message)
    {
        var options = new KafkaOptions
        {
            ConnectionString = "kafka:9092",
            Security = new() { Protocol = protocol, SaslMechanism = mechanism, Username = username, Password = password, CaLocation = ca },
        };

        var result = new KafkaOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_accepts_SCRAM_over_TLS_with_a_CA_that_exists()
    {
        var ca = Path.GetTempFileName();
        try
        {
            var options = new KafkaOptions
            {
                ConnectionString = "kafka:9092",
                Security = new() { Protocol = "sasl_ssl", SaslMechanism = "SCRAM-SHA-512", Username = "console", Password = "pw", CaLocation = ca },
            };

            Assert.True(new KafkaOptionsValidator().Validate(null, options).Succeeded);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    private static KafkaClientConfig Config(
        Dictionary<string, string>? client = null, KafkaSecurityOptions? security = null, string connectionString = "127.0.0.1:9092") =>
        new(
            Microsoft.Extensions.Options.Options.Create(new KafkaOptions { ConnectionString = connectionString, Client = client ?? [], Security = security ?? new() }),
            new HostingEnvironment { ApplicationName = "tests" });
}
