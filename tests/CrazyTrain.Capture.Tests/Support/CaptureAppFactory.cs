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
    public RecordingFramePublisher Publisher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:kafka", MockBroker.Shared.BootstrapServers);
        // Quick retries keep failure tests short; production waits a second and more.
        builder.UseSetting("Capture:RetryInitialDelay", "00:00:00.050");
        builder.UseSetting("Capture:RetryMaxDelay", "00:00:00.200");
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
