using CrazyTrain.Capture.Publishing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CrazyTrain.Capture.Tests.Support;

/// <summary>
/// The capture service in memory against the mock Kafka cluster, publishing into a
/// <see cref="RecordingFramePublisher"/> unless <c>publishToKafka</c> asks for the real producer.
/// </summary>
internal sealed class CaptureAppFactory(
    IReadOnlyDictionary<string, string?> settings,
    Action<IServiceCollection>? services = null,
    bool publishToKafka = false)
    : WebApplicationFactory<Program>
{
    /// <summary>The operator token every test capture runs with (<c>CrazyTrain:OperatorToken</c>).</summary>
    public const string OperatorToken = "operator-token-for-capture-tests";

    public RecordingFramePublisher Publisher { get; } = new();

    /// <summary>A client that sends <c>Authorization: Bearer</c> with the operator token, as the console does.</summary>
    public HttpClient CreateOperatorClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:kafka", MockBroker.Shared.BootstrapServers);
        // Quick retries keep failure tests short; production waits a second and more.
        builder.UseSetting("Capture:RetryInitialDelay", "00:00:00.050");
        builder.UseSetting("Capture:RetryMaxDelay", "00:00:00.200");
        builder.UseSetting("CrazyTrain:OperatorToken", OperatorToken);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(test =>
        {
            if (!publishToKafka)
            {
                test.AddSingleton<IFramePublisher>(Publisher);
            }

            services?.Invoke(test);
        });
    }
}
