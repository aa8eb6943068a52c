using System.Collections.Concurrent;
using CrazyTrain.LegoWireless.BlueZ;
using CrazyTrain.LegoWireless.Client;
using CrazyTrain.LegoWireless.Links;
using CrazyTrain.LegoWireless.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrazyTrain.LegoWireless.Tests.BlueZ;

/// <summary>The BlueZ link against python-dbusmock's bluez5 template on a private bus.</summary>
public sealed class BlueZHubLinkTests(FakeBlueZ bluez) : IClassFixture<FakeBlueZ>
{
    private static readonly byte[] AttachedMotorA = Convert.FromHexString("0F0004000102000000001000000010");

    private BlueZHubLink NewLink(string adapter, string? address = null, TimeSpan? discoveryTimeout = null) => new(
        new BlueZLinkOptions
        {
            BusAddress = bluez.Address,
            Adapter = adapter,
            DeviceAddress = address,
            DiscoveryTimeout = discoveryTimeout ?? TimeSpan.FromSeconds(10),
            ServicesTimeout = TimeSpan.FromSeconds(10),
            PollInterval = TimeSpan.FromMilliseconds(20),
        },
        TimeProvider.System,
        NullLogger<BlueZHubLink>.Instance);

    [Fact]
    public async Task Finds_the_hub_by_its_service_uuid_and_sees_the_notification_sent_during_start_notify()
    {
        var adapter = await bluez.AddAdapterAsync();
        await bluez.AddPlainDeviceAsync(adapter, "11:22:33:44:55:66", "Someone's phone");
        await bluez.AddLegoHubAsync(adapter, "90:84:2B:00:00:01", "Crazy Hub");
        await using var link = NewLink(adapter);
        var received = new ConcurrentQueue<byte[]>();
        link.Received += received.Enqueue;

        await Eventually.CompletesAsync(link.ConnectAsync(CancellationToken.None), "connect");

        await Eventually.TrueAsync(() => !received.IsEmpty, "the attached I/O announced during StartNotify");
        Assert.Equal(AttachedMotorA, received.First());
        Assert.True(link.IsConnected);
        Assert.Contains("dev_90_84_2B_00_00_01", link.Description);
    }

    [Fact]
    public async Task Writes_go_to_write_value_and_notifications_come_back_as_bytes()
    {
        var adapter = await bluez.AddAdapterAsync();
        var characteristic = await bluez.AddLegoHubAsync(adapter, "90:84:2B:00:00:02", "Crazy Hub");
        await using var link = NewLink(adapter, "90:84:2b:00:00:02");
        var received = new ConcurrentQueue<byte[]>();
        link.Received += received.Enqueue;
        await Eventually.CompletesAsync(link.ConnectAsync(CancellationToken.None), "connect");
        await bluez.SetSilentAsync(characteristic, true);

        var command = PortOutputCommandMessage.StartPower(CityHubPorts.A, 40).ToBytes();
        await link.WriteAsync(command, CancellationToken.None);
        await bluez.NotifyAsync(characteristic, [0x06, 0x00, 0x01, 0x06, 0x06, 0x5A]);

        Assert.Equal([command], await bluez.TakeWritesAsync(characteristic));
        await Eventually.TrueAsync(() => received.Count == 2, "the notification arrived");
        Assert.Equal([0x06, 0x00, 0x01, 0x06, 0x06, 0x5A], received.Last());
    }

    [Fact]
    public async Task Device_connected_turning_false_is_reported_as_a_lost_link()
    {
        var adapter = await bluez.AddAdapterAsync();
        await bluez.AddLegoHubAsync(adapter, "90:84:2B:00:00:03", "Crazy Hub");
        await using var link = NewLink(adapter);
        var lost = new ConcurrentQueue<string>();
        link.Lost += lost.Enqueue;
        await Eventually.CompletesAsync(link.ConnectAsync(CancellationToken.None), "connect");

        await bluez.DropDeviceAsync(FakeBlueZ.DevicePath(adapter, "90:84:2B:00:00:03"));

        await Eventually.TrueAsync(() => !lost.IsEmpty, "the loss was reported");
        Assert.Equal("Device1.Connected became false", lost.Single());
        Assert.False(link.IsConnected);
        await Assert.ThrowsAsync<HubLinkException>(() => link.WriteAsync(new byte[] { 0x04, 0x00, 0x02, 0x02 }, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_adapter_is_a_clear_link_error()
    {
        await using var link = NewLink("hci99");

        var error = await Assert.ThrowsAsync<HubLinkException>(() => link.ConnectAsync(CancellationToken.None));

        Assert.Contains("no adapter hci99", error.Message);
    }

    [Fact]
    public async Task A_hub_that_is_not_there_is_not_found_once_discovery_times_out()
    {
        var adapter = await bluez.AddAdapterAsync();
        await using var link = NewLink(adapter, "90:84:2B:00:00:99", TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<HubLinkException>(() => link.ConnectAsync(CancellationToken.None));

        Assert.Contains("90:84:2B:00:00:99 not found", error.Message);
    }

    [Fact]
    public async Task The_hub_client_runs_its_connect_sequence_over_bluez_and_reapplies_power_after_a_drop()
    {
        var adapter = await bluez.AddAdapterAsync();
        var characteristic = await bluez.AddLegoHubAsync(adapter, "90:84:2B:00:00:04", "Crazy Hub");
        var link = NewLink(adapter);
        await using var client = new HubClient(link, new HubClientOptions { ReconnectInitialDelay = TimeSpan.FromMilliseconds(50) }, TimeProvider.System, NullLogger<HubClient>.Instance);
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => client.Status.Connected, "connected over BlueZ");

        await client.SetMotorPowerAsync(40, CancellationToken.None);
        var command = PortOutputCommandMessage.StartPower(CityHubPorts.A, 40).ToBytes();
        Assert.Equal(("Crazy Hub", 100, -60, 40), (client.Status.Name, client.Status.BatteryPercent, client.Status.Rssi, client.Status.MotorPower));
        Assert.True(client.Status.MotorAttached);
        Assert.Contains(await bluez.TakeWritesAsync(characteristic), w => w.SequenceEqual(command));

        await bluez.DropDeviceAsync(FakeBlueZ.DevicePath(adapter, "90:84:2B:00:00:04"));

        await Eventually.TrueAsync(() => client.Counters.Reconnects == 1 && client.Status.MotorPower == 40, "reconnected with the power re-applied");
        Assert.Contains(await bluez.TakeWritesAsync(characteristic), w => w.SequenceEqual(command));
        stop.Cancel();
        await Eventually.CompletesAsync(run, "supervisor stops");
    }
}
