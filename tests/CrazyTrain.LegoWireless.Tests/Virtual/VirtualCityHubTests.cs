using System.Collections.Concurrent;
using CrazyTrain.LegoWireless.Links;
using CrazyTrain.LegoWireless.Protocol;
using CrazyTrain.LegoWireless.Virtual;

namespace CrazyTrain.LegoWireless.Tests.Virtual;

/// <summary>The device model, spoken to in raw bytes as a central would.</summary>
public sealed class VirtualCityHubTests : IAsyncDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly VirtualCityHub _hub;
    private readonly VirtualHubLink _link;
    private readonly ConcurrentQueue<HubMessage> _received = new();
    private readonly ConcurrentQueue<string> _lost = new();

    public VirtualCityHubTests()
    {
        _hub = new VirtualCityHub(new VirtualHubOptions { Name = "Test Hub", BatteryPercent = 80 }, _time);
        _link = new VirtualHubLink(_hub);
        _link.Received += bytes => _received.Enqueue(LwpCodec.Decode(bytes));
        _link.Lost += reason => _lost.Enqueue(reason);
    }

    private async Task<T> NextAsync<T>() where T : HubMessage
    {
        await Eventually.TrueAsync(() => _received.OfType<T>().Any(), $"a {typeof(T).Name} arrived");
        var message = _received.OfType<T>().First();
        var rest = _received.Where(m => !ReferenceEquals(m, message)).ToList();
        _received.Clear();
        rest.ForEach(_received.Enqueue);
        return message;
    }

    private Task WriteAsync(HubMessage message) => _link.WriteAsync(message.ToBytes(), CancellationToken.None);

    [Fact]
    public async Task Announces_the_city_hub_ports_when_notifications_start()
    {
        await _link.ConnectAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => _received.Count >= 5, "five attached I/O messages");
        var attached = _received.OfType<HubAttachedIoMessage>().ToDictionary(m => m.Port, m => m.IoType);
        Assert.Equal(IoType.TrainMotor, attached[CityHubPorts.A]);
        Assert.Equal(IoType.LedLight, attached[CityHubPorts.B]);
        Assert.Equal(IoType.RgbLight, attached[CityHubPorts.RgbLight]);
        Assert.Equal(IoType.Current, attached[CityHubPorts.Current]);
        Assert.Equal(IoType.Voltage, attached[CityHubPorts.Voltage]);
    }

    [Fact]
    public async Task Answers_property_requests_like_a_city_hub()
    {
        await _link.ConnectAsync(CancellationToken.None);

        await WriteAsync(HubPropertyMessage.Request(HubProperty.SystemTypeId));
        var system = await NextAsync<HubPropertyMessage>();
        await WriteAsync(HubPropertyMessage.Request(HubProperty.AdvertisingName));
        var name = await NextAsync<HubPropertyMessage>();

        Assert.Equal([CityHubPorts.SystemTypeId], system.Payload);
        Assert.Equal("Test Hub", name.Name);
    }

    [Fact]
    public async Task Carries_out_motor_and_light_orders_prints_them_and_gives_feedback()
    {
        await _link.ConnectAsync(CancellationToken.None);

        await WriteAsync(PortOutputCommandMessage.StartPower(CityHubPorts.A, 40));
        var feedback = await NextAsync<PortOutputFeedbackMessage>();
        await WriteAsync(PortOutputCommandMessage.StartPower(CityHubPorts.A, MotorPower.Brake));
        await NextAsync<PortOutputFeedbackMessage>();
        await WriteAsync(PortOutputCommandMessage.SetBrightness(CityHubPorts.B, 100));
        await NextAsync<PortOutputFeedbackMessage>();

        Assert.Equal(PortFeedback.Completed | PortFeedback.Idle, feedback.Entries[0].Feedback);
        Assert.Equal(["MOTOR A power 40%", "MOTOR A brake", "LIGHT B 100%"], _hub.OrderLines);
        Assert.Equal(MotorPower.Brake, _hub.MotorPowerApplied);
        Assert.Equal(100, _hub.LightBrightness);
    }

    [Fact]
    public async Task Refuses_orders_for_a_port_without_a_motor_or_light()
    {
        await _link.ConnectAsync(CancellationToken.None);

        await WriteAsync(PortOutputCommandMessage.StartPower(CityHubPorts.Voltage, 40));
        var error = await NextAsync<GenericErrorMessage>();

        Assert.Equal((byte)MessageType.PortOutputCommand, error.CommandType);
        Assert.Equal(ErrorCode.InvalidUse, error.Code);
        Assert.Empty(_hub.OrderLines);
    }

    [Fact]
    public async Task Answers_garbage_with_command_not_recognized()
    {
        await _link.ConnectAsync(CancellationToken.None);

        await _link.WriteAsync(new byte[] { 0x09, 0x00, 0x81 }, CancellationToken.None);
        var error = await NextAsync<GenericErrorMessage>();

        Assert.Equal(ErrorCode.CommandNotRecognized, error.Code);
    }

    [Fact]
    public async Task Battery_drains_with_driving_time_and_updates_are_sent_once_enabled()
    {
        await _link.ConnectAsync(CancellationToken.None);
        await WriteAsync(HubPropertyMessage.EnableUpdates(HubProperty.BatteryVoltage));
        var first = await NextAsync<HubPropertyMessage>();
        await WriteAsync(PortOutputCommandMessage.StartPower(CityHubPorts.A, 100));
        await NextAsync<PortOutputFeedbackMessage>();

        _time.Advance(TimeSpan.FromMinutes(10));
        var later = await NextAsync<HubPropertyMessage>();

        Assert.Equal(80, first.BatteryPercent);
        Assert.InRange(later.BatteryPercent, 60, 79);

        // 10 minutes at full power: 1 %/min driving + 0.05 %/min idle.
        Assert.Equal(70, _hub.BatteryPercent);
    }

    [Fact]
    public async Task Low_battery_raises_the_low_voltage_alert_when_enabled()
    {
        await _link.ConnectAsync(CancellationToken.None);
        await WriteAsync(new HubAlertMessage(HubAlertType.LowVoltage, HubAlertOperation.EnableUpdates));

        _hub.SetBattery(5);
        var alert = await NextAsync<HubAlertMessage>();

        Assert.True(alert.Alerting);
    }

    [Fact]
    public async Task Switch_off_is_announced_then_the_link_goes_and_the_hub_stays_off()
    {
        await _link.ConnectAsync(CancellationToken.None);

        await WriteAsync(new HubActionMessage(HubActionType.SwitchOff));
        var announcement = await NextAsync<HubActionMessage>();
        await Eventually.TrueAsync(() => !_lost.IsEmpty, "the link was lost");

        Assert.Equal(HubActionType.HubWillSwitchOff, announcement.Action);
        Assert.False(_link.IsConnected);
        await Assert.ThrowsAsync<HubLinkException>(() => _link.ConnectAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_dropped_link_stops_the_motor()
    {
        await _link.ConnectAsync(CancellationToken.None);
        await WriteAsync(PortOutputCommandMessage.StartPower(CityHubPorts.A, 60));
        await NextAsync<PortOutputFeedbackMessage>();

        _hub.DropLink();
        await Eventually.TrueAsync(() => !_lost.IsEmpty, "the link was lost");

        Assert.Equal(0, _hub.MotorPowerApplied);
        Assert.StartsWith("MOTOR A power 0%", _hub.OrderLines[^1]);
        await Assert.ThrowsAsync<HubLinkException>(() => WriteAsync(PortOutputCommandMessage.StartPower(CityHubPorts.A, 60)));
    }

    public async ValueTask DisposeAsync()
    {
        await _link.DisposeAsync();
        _hub.Dispose();
    }
}
