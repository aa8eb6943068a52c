using CrazyTrain.Console.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrazyTrain.Console.Tests.Support;

/// <summary>
/// The console as Program runs it, on a real loopback port with Kestrel (a browser and EventSource need a real
/// socket, which WebApplicationFactory does not open).
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private ConsoleServer(WebApplication app, string address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public string Address { get; }

    public TrainStateHub Hub => App.Services.GetRequiredService<TrainStateHub>();

    public static async Task<ConsoleServer> StartAsync(string kafka, string services, IDictionary<string, string?>? settings = null, string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ConsoleHosting).Assembly.GetName().Name,
            ContentRootPath = ConsoleProject.Directory,
            EnvironmentName = Environments.Development,
        });
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(ConsoleSettings.For(kafka, services, settings));
        builder.AddServiceDefaults();
        builder.AddTrainConsole();
        var app = builder.Build();
        app.MapTrainConsole();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsoleServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}

/// <summary>The configuration a test console runs with: the fake services and a real (mock) broker.</summary>
public static class ConsoleSettings
{
    /// <summary>The operator token of every test console (and of the fake services it calls).</summary>
    public const string OperatorToken = "operator-token-for-console-tests";

    public static Dictionary<string, string?> For(string kafka, string services, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = kafka,
            ["CrazyTrain:OperatorToken"] = OperatorToken,
            ["Console:CaptureUrl"] = services,
            ["Console:InferenceUrl"] = services,
            ["Console:ControllerUrl"] = services,
            ["Console:ServicePollInterval"] = "00:00:00.250",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}

/// <summary>Where the console's sources (and its wwwroot) are, found from the test's output folder.</summary>
public static class ConsoleProject
{
    public static string Directory { get; } = Find();

    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(Directory, "..", ".."));

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "CrazyTrain.Console");
            if (File.Exists(Path.Combine(candidate, "CrazyTrain.Console.csproj")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"src/CrazyTrain.Console not found above {AppContext.BaseDirectory}.");
    }
}
