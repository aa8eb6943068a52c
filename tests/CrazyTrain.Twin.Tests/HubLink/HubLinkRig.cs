using CrazyTrain.LegoWireless.Links.Tcp;
using CrazyTrain.LegoWireless.Virtual;
using CrazyTrain.Twin.HubLink;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Twin.Tests.HubLink;

/// <summary>A virtual City hub served on a free loopback port, and the controller's end of its TCP link.</summary>
internal sealed class HubLinkRig : IAsyncDisposable
{
    private HubLinkRig(VirtualCityHub hub, HubLinkServer server)
    {
        Hub = hub;
        Server = server;
    }

    public VirtualCityHub Hub { get; }

    public HubLinkServer Server { get; }

    public Uri Endpoint => new($"tcp://127.0.0.1:{Server.Port}");

    public static async Task<HubLinkRig> StartAsync()
    {
        var hub = new VirtualCityHub(new VirtualHubOptions { Name = "Twin Hub" }, TimeProvider.System);
        var server = new HubLinkServer(hub, Options.Create(new TwinOptions { HubPort = 0 }), NullLogger<HubLinkServer>.Instance);
        await server.StartAsync(CancellationToken.None);
        return new HubLinkRig(hub, server);
    }

    public TcpHubLink NewLink() => new(Endpoint);

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        Hub.Dispose();
    }

    private Task StopServerAsync() => Eventually.CompletesAsync(Server.StopAsync(CancellationToken.None), "hub link server stops");
}
