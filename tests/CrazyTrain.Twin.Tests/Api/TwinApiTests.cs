using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.LegoWireless.Client;
using CrazyTrain.LegoWireless.Links.Tcp;
using CrazyTrain.Twin.HubLink;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrazyTrain.Twin.Tests.Api;

public sealed class TwinApiTests
{
    internal static WebApplicationFactory<Program> NewTwin(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("CrazyTrain:Twin:HubPort", "0");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });

    [Fact]
    public async Task The_controller_drives_the_twin_train_through_the_hub_and_the_api_shows_it()
    {
        await using var twin = NewTwin(("CrazyTrain:Twin:Signs:0:Kind", "stop"), ("CrazyTrain:Twin:Signs:0:PositionCm", "200"));
        var http = twin.CreateClient();
        var idle = await http.GetFromJsonAsync<JsonElement>("/api/twin");
        Assert.False(idle.GetProperty("hub").GetProperty("connected").GetBoolean());
        Assert.Equal("stop", idle.GetProperty("nextSign").GetProperty("label").GetString());
        Assert.Equal(200, idle.GetProperty("nextSign").GetProperty("distanceCm").GetDouble());

        var port = twin.Services.GetRequiredService<HubLinkServer>().Port;
        await using var controller = new HubClient(new TcpHubLink(new Uri($"tcp://127.0.0.1:{port}")), new HubClientOptions(), TimeProvider.System, NullLogger<HubClient>.Instance);
        await Eventually.CompletesAsync(controller.ConnectAsync(CancellationToken.None), "controller connects");
        await Eventually.CompletesAsync(controller.SetMotorPowerAsync(60, CancellationToken.None), "power 60");

        JsonElement running = default;
        await Eventually.TrueAsync(() =>
        {
            running = http.GetFromJsonAsync<JsonElement>("/api/twin").GetAwaiter().GetResult();
            return running.GetProperty("train").GetProperty("speedCmPerS").GetDouble() > 1;
        }, "the train moves");
        Assert.True(running.GetProperty("hub").GetProperty("connected").GetBoolean());
        Assert.Equal(60, running.GetProperty("hub").GetProperty("motorPower").GetInt32());
        Assert.True(running.GetProperty("train").GetProperty("positionCm").GetDouble() > 0);
        Assert.Contains(running.GetProperty("events").EnumerateArray(), e => e.GetProperty("message").GetString() == "motor power 60%");

        await Eventually.CompletesAsync(controller.BrakeAsync(CancellationToken.None), "brake");
        JsonElement braked = default;
        await Eventually.TrueAsync(() =>
        {
            braked = http.GetFromJsonAsync<JsonElement>("/api/twin").GetAwaiter().GetResult();
            return braked.GetProperty("train").GetProperty("speedCmPerS").GetDouble() == 0;
        }, "the train stands");
        Assert.Equal(127, braked.GetProperty("hub").GetProperty("motorPower").GetInt32());
        Assert.Contains(braked.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "stopped");
    }

    [Theory]
    [InlineData("CrazyTrain:Twin:Layout", "8L 4S 8L 3S", "does not close")]
    [InlineData("CrazyTrain:Twin:Signs:0:PositionCm", "9999", "off the track")]
    [InlineData("CrazyTrain:Twin:Signs:0:Kind", "giraffe", "Unknown sign kind 'giraffe'")]
    public void Bad_layouts_and_signs_stop_the_twin_at_start_with_the_reason(string key, string value, string reason)
    {
        var error = StartFailure.Of(
            () => NewTwin(("CrazyTrain:Twin:Signs:0:Kind", "stop"), ("CrazyTrain:Twin:Signs:0:PositionCm", "100"), (key, value)),
            twin => twin.CreateClient());

        Assert.Contains(reason, error.ToString());
    }
}
