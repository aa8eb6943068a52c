using System.Collections.Concurrent;
using CrazyTrain.LegoWireless.BlueZ;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrazyTrain.LegoWireless.Tests.BlueZ;

/// <summary>The hub guard's cut on the edge: Device1.Disconnect on the hub, against python-dbusmock's BlueZ.</summary>
public sealed class BlueZHubDisconnectorTests(FakeBlueZ bluez) : IClassFixture<FakeBlueZ>
{
    private BlueZLinkOptions Options(string adapter, string? address = null) => new()
    {
        BusAddress = bluez.Address,
        Adapter = adapter,
        DeviceAddress = address,
        DiscoveryTimeout = TimeSpan.FromSeconds(10),
        ServicesTimeout = TimeSpan.FromSeconds(10),
        PollInterval = TimeSpan.FromMilliseconds(20),
    };

    [Fact]
    public async Task Disconnecting_cuts_the_link_another_process_holds_and_it_sees_the_loss()
    {
        var adapter = await bluez.AddAdapterAsync();
        await bluez.AddLegoHubAsync(adapter, "90:84:2B:00:00:21", "Crazy Hub");
        await using var controllerLink = new BlueZHubLink(Options(adapter), TimeProvider.System, NullLogger<BlueZHubLink>.Instance);
        var lost = new ConcurrentQueue<string>();
        controllerLink.Lost += lost.Enqueue;
        await Eventually.CompletesAsync(controllerLink.ConnectAsync(CancellationToken.None), "the controller connects");

        var cut = await new BlueZHubDisconnector(Options(adapter)).DisconnectAsync(CancellationToken.None);

        Assert.Equal([FakeBlueZ.DevicePath(adapter, "90:84:2B:00:00:21")], cut);
        await Eventually.TrueAsync(() => !lost.IsEmpty, "the controller's link reports the loss");
        Assert.False(controllerLink.IsConnected);
    }

    [Fact]
    public async Task A_hub_nobody_holds_and_other_hubs_are_left_alone()
    {
        var adapter = await bluez.AddAdapterAsync();
        await bluez.AddLegoHubAsync(adapter, "90:84:2B:00:00:22", "Our hub");
        await bluez.AddLegoHubAsync(adapter, "90:84:2B:00:00:23", "The neighbour's hub");
        await using var neighbour = new BlueZHubLink(Options(adapter, "90:84:2B:00:00:23"), TimeProvider.System, NullLogger<BlueZHubLink>.Instance);
        await Eventually.CompletesAsync(neighbour.ConnectAsync(CancellationToken.None), "the neighbour's hub connects");

        var cut = await new BlueZHubDisconnector(Options(adapter, "90:84:2B:00:00:22")).DisconnectAsync(CancellationToken.None);

        Assert.Empty(cut);
        Assert.True(neighbour.IsConnected);
    }
}
