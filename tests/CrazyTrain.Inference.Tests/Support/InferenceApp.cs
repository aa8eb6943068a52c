using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrazyTrain.Inference.Tests.Support;

/// <summary>The real service in memory with a test model and no Kafka.</summary>
internal sealed class InferenceApp(string modelPath, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Inference:ModelPath", modelPath);
        builder.UseSetting("Inference:WatchModel", "false");
        builder.UseSetting("Inference:ConsumeFrames", "false");
        builder.UseSetting("Inference:ExecutionProviders:0", "CPU");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
