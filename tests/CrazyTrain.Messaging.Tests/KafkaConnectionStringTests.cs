namespace CrazyTrain.Messaging.Tests;

public sealed class KafkaConnectionStringTests
{
    [Theory]
    [InlineData("localhost:9092", "localhost:9092")]
    [InlineData("kafka-0:9092,kafka-1:9092", "kafka-0:9092,kafka-1:9092")]
    [InlineData(" 127.0.0.1:39653 ", "127.0.0.1:39653")]
    public void A_bootstrap_list_becomes_bootstrap_servers(string connectionString, string expected)
    {
        var properties = KafkaConnectionString.Parse(connectionString);

        Assert.Equal(expected, properties["bootstrap.servers"]);
    }

    [Fact]
    public void Librdkafka_properties_carry_security_settings()
    {
        var properties = KafkaConnectionString.Parse(
            "bootstrap.servers=broker.example:9093; security.protocol=SASL_SSL; sasl.mechanism=PLAIN; sasl.username=train; sasl.password=s3cr=t");

        Assert.Equal("broker.example:9093", properties["bootstrap.servers"]);
        Assert.Equal("SASL_SSL", properties["security.protocol"]);
        Assert.Equal("s3cr=t", properties["sasl.password"]);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("localhost", "'localhost' is not host:port")]
    [InlineData("localhost:99999", "is not host:port")]
    [InlineData("security.protocol=SSL", "no bootstrap.servers")]
    [InlineData("bootstrap.servers=a:1;garbage", "'garbage' is not a key=value pair")]
    public void A_malformed_connection_string_says_what_is_wrong(string connectionString, string reason)
    {
        var ok = KafkaConnectionString.TryParse(connectionString, out _, out var error);

        Assert.False(ok);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
