using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrazyTrain.Controller.Tests.Service;

/// <summary>The running controller's <c>/alive</c> carries the loops' heartbeats, which the hub guard watches.</summary>
public sealed class ControllerLivenessTests(ControllerHost host) : IClassFixture<ControllerHost>
{
    [Fact]
    public async Task Alive_reports_the_policy_loop_and_the_hub_driver_turning()
    {
        await Eventually.True(async () =>
        {
            using var response = await host.Http.GetAsync("/alive");
            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
            return response.StatusCode == HttpStatusCode.OK
                && report.GetProperty("checks").TryGetProperty("loops", out var loops)
                && loops.GetProperty("status").GetString() == "Healthy";
        }, "/alive reports the loops healthy");
    }
}
