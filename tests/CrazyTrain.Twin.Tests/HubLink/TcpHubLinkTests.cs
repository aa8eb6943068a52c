using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CrazyTrain.LegoWireless.Client;
using CrazyTrain.LegoWireless.Links;
using CrazyTrain.LegoWireless.Links.Tcp;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrazyTrain.Twin.Tests.HubLink;

public sealed class TcpHubLinkTests
{
    [Fact]
    public async Task LWP3_bytes_cross_the_link_both_ways_and_the_motor_command_reaches_the_hub()
    {
        await using var rig = await HubLinkRig.StartAsync();
        await using var link = rig.NewLink();
        var received = new ConcurrentQueue<byte[]>();
        link.Received += received.Enqueue;

        await link.ConnectAsync(CancellationToken.None);
        // Port A attached, a train motor (0x0002): the hub's first notification once notifications start.
        await Eventually.TrueAsync(() => received.Any(n => n.Length == 15 && n.Take(7).SequenceEqual(new byte[] { 0x0F, 0x00, 0x04, 0x00, 0x01, 0x02, 0x00 })), "port A train motor attached");
        await link.WriteAsync(new byte[] { 0x08, 0x00, 0x81, 0x00, 0x11, 0x51, 0x00, 0x28 }, CancellationToken.None);

        await Eventually.TrueAsync(() => received.Any(n => n.SequenceEqual(new byte[] { 0x05, 0x00, 0x82, 0x00, 0x0A })), "feedback completed|idle on port A");
        Assert.Equal(40, rig.Hub.MotorPowerApplied);
        Assert.Contains("Twin Hub", link.Description);
    }

    [Fact]
    public async Task The_hub_client_drives_the_hub_over_tcp_and_the_motor_stops_when_the_connection_drops()
    {
        await using var rig = await HubLinkRig.StartAsync();
        var link = rig.NewLink();
        await using var client = new HubClient(link, new HubClientOptions(), TimeProvider.System, NullLogger<HubClient>.Instance);

        await Eventually.CompletesAsync(client.ConnectAsync(CancellationToken.None), "connect over tcp");
        await Eventually.CompletesAsync(client.SetMotorPowerAsync(60, CancellationToken.None), "motor power 60");

        Assert.Equal("Twin Hub", client.Status.Name);
        Assert.Equal((sbyte)60, client.Status.MotorPower);
        Assert.Equal(60, rig.Hub.MotorPowerApplied);

        await link.DisconnectAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => !rig.Hub.IsConnected, "the hub sees its central go");
        Assert.Equal(0, rig.Hub.MotorPowerApplied);
        Assert.Contains("MOTOR A power 0% (central disconnected)", rig.Hub.OrderLines);
    }

    [Fact]
    public async Task A_connection_that_dies_without_a_goodbye_stops_the_motor()
    {
        await using var rig = await HubLinkRig.StartAsync();
        using var raw = new TcpClient();
        await raw.ConnectAsync(IPAddress.Loopback, rig.Server.Port);
        var stream = raw.GetStream();
        Assert.Equal(GattFrameKind.Accepted, (await GattFrame.ReadAsync(stream, CancellationToken.None))!.Value.Kind);
        await stream.WriteAsync(new GattFrame(GattFrameKind.Write, [0x08, 0x00, 0x81, 0x00, 0x11, 0x51, 0x00, 0x50]).ToBytes());
        await Eventually.TrueAsync(() => rig.Hub.MotorPowerApplied == 80, "motor at 80");

        // A reset, as a crashed controller process or a pulled cable gives.
        raw.Client.LingerState = new LingerOption(true, 0);
        raw.Close();

        await Eventually.TrueAsync(() => !rig.Hub.IsConnected, "the hub sees its central go");
        Assert.Equal(0, rig.Hub.MotorPowerApplied);
    }

    [Fact]
    public async Task When_the_hub_drops_the_link_the_controller_hears_why()
    {
        await using var rig = await HubLinkRig.StartAsync();
        await using var link = rig.NewLink();
        var lost = new TaskCompletionSource<string>();
        link.Lost += reason => lost.TrySetResult(reason);
        await link.ConnectAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => rig.Hub.IsConnected, "hub connected");

        rig.Hub.DropLink("hub out of range");

        Assert.Equal("hub out of range", await Eventually.CompletesAsync(lost.Task, "link lost"));
        Assert.False(link.IsConnected);
        await Assert.ThrowsAsync<HubLinkException>(() => link.WriteAsync(new byte[] { 0x05, 0x00, 0x01, 0x06, 0x05 }, CancellationToken.None));
    }

    [Fact]
    public async Task A_second_controller_is_refused_with_the_reason_and_the_first_keeps_the_hub()
    {
        await using var rig = await HubLinkRig.StartAsync();
        await using var first = rig.NewLink();
        await using var second = rig.NewLink();
        await first.ConnectAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<HubLinkException>(() => second.ConnectAsync(CancellationToken.None));

        Assert.Contains("refused", error.Message);
        Assert.Contains("already connected", error.Message);
        Assert.True(first.IsConnected);
        Assert.True(rig.Hub.IsConnected);
    }

    [Fact]
    public async Task Nothing_listening_is_a_link_error_naming_the_endpoint()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var link = new TcpHubLink(new Uri($"tcp://127.0.0.1:{port}"));

        var error = await Assert.ThrowsAsync<HubLinkException>(() => link.ConnectAsync(CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, 0x00, 0x00 }, "unknown kind 0x7F")]
    [InlineData(new byte[] { 0x11, 0x20, 0x00 }, "8192 bytes")]
    [InlineData(new byte[] { 0x11, 0x00, 0x05, 0x05, 0x00 }, "middle of a frame")]
    [InlineData(new byte[] { 0x11, 0x00 }, "middle of a frame header")]
    public async Task A_broken_frame_is_a_clear_link_error(byte[] bytes, string reason)
    {
        var error = await Assert.ThrowsAsync<HubLinkException>(() => GattFrame.ReadAsync(new MemoryStream(bytes), CancellationToken.None));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task A_frame_reads_back_as_written()
    {
        var frame = new GattFrame(GattFrameKind.Notification, [0x05, 0x00, 0x82, 0x00, 0x0A]);

        var bytes = frame.ToBytes();
        var back = await GattFrame.ReadAsync(new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(new byte[] { 0x11, 0x00, 0x05, 0x05, 0x00, 0x82, 0x00, 0x0A }, bytes);
        Assert.Equal(frame.Kind, back!.Value.Kind);
        Assert.Equal(frame.Payload, back.Value.Payload);
        Assert.Null(await GattFrame.ReadAsync(new MemoryStream(), CancellationToken.None));
    }
}
