using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.LegoWireless.Client;
using CrazyTrain.LegoWireless.Links.Tcp;
using CrazyTrain.LegoWireless.Virtual;
using CrazyTrain.Twin.HubLink;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrazyTrain.Twin.Tests.HubLink;

/// <summary>The adapter's side of the link: an operator (or the hub guard) drops the controller and the motor stops.</summary>
public sealed class HubLinkDropApiTests
{
    private const string Token = TwinOperator.Token;

    private static WebApplicationFactory<Program> NewTwin() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseSetting("CrazyTrain:Twin:HubPort", "0"));

    private static HttpRequestMessage Drop(string? bearer, string reason = "hub-guard: controller silent") =>
        new(HttpMethod.Post, HubLinkDropApi.Route)
        {
            Content = JsonContent.Create(new { reason }),
            Headers = { Authorization = bearer is null ? null : new AuthenticationHeaderValue("Bearer", bearer) },
        };

    private static async Task<HubClient> ConnectAsync(WebApplicationFactory<Program> twin)
    {
        var port = twin.Services.GetRequiredService<HubLinkServer>().Port;
        var controller = new HubClient(new TcpHubLink(new Uri($"tcp://127.0.0.1:{port}")), new HubClientOptions(), TimeProvider.System, NullLogger<HubClient>.Instance);
        await Eventually.CompletesAsync(controller.ConnectAsync(CancellationToken.None), "controller connects");
        return controller;
    }

    [Fact]
    public async Task A_drop_with_the_token_cuts_the_controller_off_and_the_hub_floats_the_motor()
    {
        await using var twin = NewTwin();
        var http = twin.CreateClient();
        var hub = twin.Services.GetRequiredService<VirtualCityHub>();
        await using var controller = await ConnectAsync(twin);
        await Eventually.CompletesAsync(controller.SetMotorPowerAsync(60, CancellationToken.None), "power 60");
        Assert.Equal(60, hub.MotorPowerApplied);

        using var response = await http.SendAsync(Drop(Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("dropped").GetBoolean());
        Assert.Equal("hub-guard: controller silent", result.GetProperty("reason").GetString());
        Assert.False(hub.IsConnected);
        Assert.Equal(0, hub.MotorPowerApplied);
        await Eventually.TrueAsync(() => !controller.Status.Connected, "the controller sees the link gone");
        Assert.Contains("hub-guard: controller silent", controller.Status.LastError ?? "", StringComparison.Ordinal);

        using var again = await http.SendAsync(Drop(Token));
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dropped").GetBoolean());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("a-wrong-operator-token")]
    public async Task Without_the_right_token_the_link_stays(string? bearer)
    {
        await using var twin = NewTwin();
        var http = twin.CreateClient();
        var hub = twin.Services.GetRequiredService<VirtualCityHub>();
        await using var controller = await ConnectAsync(twin);

        using var response = await http.SendAsync(Drop(bearer));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(hub.IsConnected);
    }
}
