using CrazyTrain.Console.State;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Console.Tests.Support;

/// <summary>The console in memory (TestServer) against the fake services and a real (mock) broker.</summary>
public sealed class ConsoleFactory(string kafka, string services, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public TrainStateHub Hub => Services.GetRequiredService<TrainStateHub>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(ConsoleSettings.For(kafka, services, settings)));
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }
}
