using CrazyTrain.LegoWireless.Client;
using CrazyTrain.LegoWireless.Protocol;
using CrazyTrain.LegoWireless.Virtual;

namespace CrazyTrain.LegoWireless.Tests.Client;

/// <summary>The hub client against the virtual City hub, through the byte link, including injected faults.</summary>
public class HubClientTests
{
    [Fact]
    public async Task Connecting_reads_name_battery_and_rssi_and_sees_motor_and_light()
    {
        await using var rig = new HubRig(new VirtualHubOptions { Name = "Crazy 1", BatteryPercent = 77, Rssi = -61 });

        await rig.ConnectAsync();

        var status = rig.Client.Status;
        Assert.Equal(HubConnectionState.Connected, status.State);
        Assert.Equal("Crazy 1", status.Name);
        Assert.Equal(77, status.BatteryPercent);
        Assert.Equal(-61, status.Rssi);
        Assert.True(status.MotorAttached);
        Assert.True(status.LightAttached);
        Assert.Null(status.MotorPower);
    }

    [Fact]
    public async Task Motor_power_is_reported_once_the_hub_confirms_it()
    {
        await using var rig = new HubRig();
        await rig.ConnectAsync();

        await rig.Client.SetMotorPowerAsync(40, CancellationToken.None);

        Assert.Equal(40, rig.Client.Status.MotorPower);
        Assert.False(rig.Client.Status.MotorBraking);
        Assert.Equal(40, rig.Hub.MotorPowerApplied);
        Assert.Equal("MOTOR A power 40%", rig.Hub.OrderLines[^1]);
    }

    [Fact]
    public async Task Braking_reports_zero_power_and_braking()
    {
        await using var rig = new HubRig();
        await rig.ConnectAsync();
        await rig.Client.SetMotorPowerAsync(60, CancellationToken.None);

        await rig.Client.BrakeAsync(CancellationToken.None);

        Assert.Equal(0, rig.Client.Status.MotorPower);
        Assert.True(rig.Client.Status.MotorBraking);
        Assert.Equal("MOTOR A brake", rig.Hub.OrderLines[^1]);
    }

    [Fact]
    public async Task Light_brightness_is_set_on_port_b()
    {
        await using var rig = new HubRig();
        await rig.ConnectAsync();

        await rig.Client.SetLightAsync(100, CancellationToken.None);

        Assert.Equal(100, rig.Client.Status.LightBrightness);
        Assert.Equal("LIGHT B 100%", rig.Hub.OrderLines[^1]);
    }

    [Fact]
    public async Task Power_outside_the_protocol_range_is_refused_before_anything_is_sent()
    {
        await using var rig = new HubRig();
        await rig.ConnectAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => rig.Client.SetMotorPowerAsync(101, CancellationToken.None));

        Assert.Equal(0, rig.Hub.CommandsReceived);
    }

    [Fact]
    public async Task Lost_feedback_times_out_and_the_power_becomes_unknown_until_reconciled()
    {
        await using var rig = new HubRig();
        await rig.ConnectAsync();
        await rig.Client.SetMotorPowerAsync(30, CancellationToken.None);
        rig.Hub.LoseFeedback = true;

        var error = await rig.TimesOutAsync(rig.Client.SetMotorPowerAsync(50, CancellationToken.None), () => rig.Hub.CommandsReceived == 2);

        Assert.IsType<HubTimeoutException>(error);
        Assert.Null(rig.Client.Status.MotorPower);
        Assert.Equal(1, rig.Client.Counters.Timeouts);

        rig.Hub.LoseFeedback = false;
        await rig.Client.ReconcileAsync(CancellationToken.None);
        Assert.Equal(50, rig.Client.Status.MotorPower);
    }

    [Fact]
    public async Task A_hub_that_never_answers_fails_the_connect_with_a_timeout()
    {
        await using var rig = new HubRig();
        rig.Hub.Unresponsive = true;

        var error = await rig.TimesOutAsync(rig.Client.ConnectAsync(CancellationToken.None), () => rig.Time.PendingTimers > 1);

        Assert.IsType<HubTimeoutException>(error);
        Assert.Equal(HubConnectionState.Disconnected, rig.Client.Status.State);
        Assert.Contains("AdvertisingName", rig.Client.Status.LastError);
        Assert.False(rig.Link.IsConnected);
    }

    [Fact]
    public async Task Garbage_is_counted_and_dropped_and_the_client_keeps_working()
    {
        await using var rig = new HubRig();
        await rig.ConnectAsync();

        rig.Hub.SendGarbage([0x07, 0x00, 0x04]);
        rig.Hub.SendGarbage([0x06, 0x00, 0x82, 0x00, 0x0A, 0x01]);
        await Eventually.TrueAsync(() => rig.Client.Counters.MalformedMessages == 2, "both garbage notifications were counted");
        await rig.Client.SetMotorPowerAsync(20, CancellationToken.None);

        Assert.Equal(20, rig.Client.Status.MotorPower);
        Assert.True(rig.Client.Status.Connected);
    }

    [Fact]
    public async Task A_generic_error_rejects_the_command_it_answers()
    {
        await using var rig = new HubRig(new VirtualHubOptions { MotorOnPortA = false });
        await rig.ConnectAsync();

        var error = await Assert.ThrowsAsync<HubCommandRejectedException>(() => rig.Client.SetMotorPowerAsync(20, CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidUse, error.Code);
        Assert.False(rig.Client.Status.MotorAttached);
        Assert.Equal(1, rig.Client.Counters.GenericErrors);
    }

    [Fact]
    public async Task Battery_updates_and_the_low_voltage_alert_reach_the_status()
    {
        await using var rig = new HubRig();
        await rig.ConnectAsync();

        rig.Hub.SetBattery(7);

        await Eventually.TrueAsync(() => rig.Client.Status is { BatteryPercent: 7, LowVoltage: true }, "battery 7 % and the low-voltage alert");
    }

    [Fact]
    public async Task A_dropped_link_makes_outputs_unknown_and_the_supervisor_reconnects_and_reapplies_the_intent()
    {
        await using var rig = new HubRig();
        using var stop = new CancellationTokenSource();
        var run = rig.Client.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => rig.Client.Status.Connected, "connected");
        await rig.Client.SetMotorPowerAsync(40, CancellationToken.None);
        var states = new List<HubConnectionState>();
        rig.Client.StatusChanged += s => { lock (states) { states.Add(s.State); } };

        rig.Hub.DropLink();

        await Eventually.TrueAsync(() => rig.Client.Counters.Reconnects == 1 && rig.Client.Status.MotorPower == 40, "reconnected with power 40 re-applied");
        Assert.Contains(HubConnectionState.Disconnected, states);
        Assert.Equal(40, rig.Hub.MotorPowerApplied);
        Assert.Equal(1, rig.Client.Counters.LinkLosses);
        Assert.Equal(["MOTOR A power 40%", "MOTOR A power 0% (link dropped (fault injected))", "MOTOR A power 40%"], rig.Hub.OrderLines);
        stop.Cancel();
        await Eventually.CompletesAsync(run, "supervisor stops");
    }

    [Fact]
    public async Task An_intent_recorded_while_disconnected_is_sent_once_on_connect()
    {
        await using var rig = new HubRig();

        rig.Client.SetIntendedMotorPower(MotorPower.Brake);
        await rig.ConnectAsync();

        Assert.Equal(["MOTOR A brake"], rig.Hub.OrderLines);
        Assert.True(rig.Client.Status is { MotorBraking: true, MotorPower: 0 });
    }

    [Fact]
    public async Task A_link_that_drops_mid_command_fails_that_command_and_the_intent_survives_the_reconnect()
    {
        await using var rig = new HubRig();
        using var stop = new CancellationTokenSource();
        var run = rig.Client.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => rig.Client.Status.Connected, "connected");
        rig.Hub.DropLinkOnNextCommand = true;

        await Assert.ThrowsAsync<HubNotConnectedException>(() => rig.Client.SetMotorPowerAsync(-30, CancellationToken.None));

        await Eventually.TrueAsync(() => rig.Client.Status.MotorPower == -30, "intent re-applied after reconnect");
        Assert.Equal(-30, rig.Hub.MotorPowerApplied);
        stop.Cancel();
        await Eventually.CompletesAsync(run, "supervisor stops");
    }

    [Fact]
    public async Task An_unreachable_hub_is_retried_with_growing_backoff_until_it_comes_back()
    {
        await using var rig = new HubRig(clientOptions: new HubClientOptions
        {
            ReconnectInitialDelay = TimeSpan.FromSeconds(1),
            ReconnectMaxDelay = TimeSpan.FromSeconds(4),
        });
        rig.Hub.Reachable = false;
        var attempts = 0;
        var previous = HubConnectionState.Disconnected;
        rig.Client.StatusChanged += s =>
        {
            if (s.State == HubConnectionState.Connecting && previous != HubConnectionState.Connecting)
            {
                Interlocked.Increment(ref attempts);
            }

            previous = s.State;
        };
        var baseline = rig.Time.PendingTimers;
        bool WaitingAfter(int attempt) =>
            Volatile.Read(ref attempts) == attempt
            && rig.Client.Status.State == HubConnectionState.Disconnected
            && rig.Time.PendingTimers == baseline + 1;
        using var stop = new CancellationTokenSource();
        var run = rig.Client.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => WaitingAfter(1), "first attempt failed and waits");
        rig.Time.Advance(TimeSpan.FromSeconds(0.9));
        Assert.True(WaitingAfter(1));
        rig.Time.Advance(TimeSpan.FromSeconds(0.1));
        await Eventually.TrueAsync(() => WaitingAfter(2), "second attempt after 1 s failed and waits");
        rig.Time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.True(WaitingAfter(2));
        rig.Hub.Reachable = true;
        rig.Time.Advance(TimeSpan.FromSeconds(0.1));
        await Eventually.TrueAsync(() => rig.Client.Status.Connected, "connected on the third attempt, 2 s later");

        Assert.Equal(3, Volatile.Read(ref attempts));
        stop.Cancel();
        await Eventually.CompletesAsync(run, "supervisor stops");
    }
}
