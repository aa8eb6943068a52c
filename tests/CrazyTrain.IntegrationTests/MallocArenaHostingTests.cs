using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// Every .NET service the AppHost starts gets glibc's malloc arena cap in its environment, so no arena exists beyond
/// it from the first thread on (docs/performance.md). Read from the built app model; nothing is started.
/// </summary>
public sealed class MallocArenaHostingTests
{
    [Fact]
    public async Task Every_service_the_AppHost_starts_has_MALLOC_ARENA_MAX_1_in_its_environment()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CrazyTrain_AppHost>();
        await using var app = await builder.BuildAsync();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var execution = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();

        var services = model.Resources.OfType<ProjectResource>().ToList();
        Assert.Equal(["capture", "console", "controller", "hub-guard", "inference", "twin"], services.Select(service => service.Name).Order(StringComparer.Ordinal));
        foreach (var service in services)
        {
            var context = new EnvironmentCallbackContext(execution, service);
            foreach (var callback in service.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }

            Assert.True(
                context.EnvironmentVariables.TryGetValue("MALLOC_ARENA_MAX", out var value) && value is "1",
                $"{service.Name} starts without MALLOC_ARENA_MAX=1 (has '{value}')");
        }
    }
}
