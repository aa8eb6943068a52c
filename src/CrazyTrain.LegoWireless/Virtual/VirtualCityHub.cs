using CrazyTrain.LegoWireless.Protocol;

namespace CrazyTrain.LegoWireless.Virtual;

/// <summary>
/// A device model of the LEGO City hub 88009 that answers LWP3 bytes the way the real hub does: attached I/O for
/// ports A/B and its internal devices when notifications start, properties, alerts, actions, port output
/// commands with feedback, a draining battery. Faults can be injected while it runs. It prints every order it
/// carries out as a plain line ("MOTOR A power 40%", "MOTOR A brake", "LIGHT B 100%").
/// </summary>
public sealed class VirtualCityHub : IDisposable
{
    private readonly Lock _gate = new();
    private readonly VirtualHubOptions _options;
    private readonly TimeProvider _time;
    private readonly ITimer _updateTimer;
    private readonly HashSet<HubProperty> _updatesEnabled = [];
    private readonly HashSet<HubAlertType> _alertsEnabled = [];
    private readonly Dictionary<byte, IoType> _ports = [];
    private readonly List<string> _orders = [];
    private IVirtualHubCentral? _central;
    private double _battery;
    private DateTimeOffset _batteryAt;
    private int _lastSentBattery = -1;
    private bool _lowVoltageSent;
    private int _rssi;
    private string _name;
    private sbyte _motorPower;
    private byte _lightBrightness;
    private long _commandsReceived;

    public VirtualCityHub(VirtualHubOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _name = options.Name;
        _battery = options.BatteryPercent;
        _batteryAt = time.GetUtcNow();
        _rssi = options.Rssi;
        if (options.MotorOnPortA)
        {
            _ports[CityHubPorts.A] = IoType.TrainMotor;
        }

        if (options.LightOnPortB)
        {
            _ports[CityHubPorts.B] = IoType.LedLight;
        }

        _ports[CityHubPorts.RgbLight] = IoType.RgbLight;
        _ports[CityHubPorts.Current] = IoType.Current;
        _ports[CityHubPorts.Voltage] = IoType.Voltage;
        _updateTimer = time.CreateTimer(_ => OnUpdateTick(), null, options.UpdateInterval, options.UpdateInterval);
    }

    /// <summary>Every order line printed so far, oldest first.</summary>
    public event Action<string>? OrderPrinted;

    public string Name { get { lock (_gate) { return _name; } } }

    public bool IsConnected { get { lock (_gate) { return _central is not null; } } }

    /// <summary>The power byte last applied to port A: -100..100, or <see cref="MotorPower.Brake"/>.</summary>
    public sbyte MotorPowerApplied { get { lock (_gate) { return _motorPower; } } }

    public byte LightBrightness { get { lock (_gate) { return _lightBrightness; } } }

    public int BatteryPercent { get { lock (_gate) { DrainBattery(); return (int)Math.Ceiling(_battery); } } }

    /// <summary>Port output commands received, including those a fault swallowed.</summary>
    public long CommandsReceived => Interlocked.Read(ref _commandsReceived);

    public IReadOnlyList<string> OrderLines { get { lock (_gate) { return [.. _orders]; } } }

    // ---- Faults -------------------------------------------------------------------------------------------

    /// <summary>When false the hub is "switched off or out of range": connecting fails.</summary>
    public bool Reachable { get; set; } = true;

    /// <summary>Commands are carried out but no feedback is sent (a lost notification).</summary>
    public bool LoseFeedback { get; set; }

    /// <summary>The hub takes writes but never answers nor acts (a hung hub).</summary>
    public bool Unresponsive { get; set; }

    /// <summary>The link drops as soon as the next port output command arrives, before it is carried out.</summary>
    public bool DropLinkOnNextCommand { get; set; }

    /// <summary>Drops the link now, as a hub going out of range would.</summary>
    public void DropLink(string reason = "link dropped (fault injected)")
    {
        IVirtualHubCentral? central;
        lock (_gate)
        {
            central = _central;
            if (central is null)
            {
                return;
            }

            OnCentralGone(reason);
        }

        central.Dropped(reason);
    }

    /// <summary>Sets the battery charge, e.g. to a low value, and tells the central as the real hub would.</summary>
    public void SetBattery(int percent)
    {
        lock (_gate)
        {
            _battery = Math.Clamp(percent, 0, 100);
            _batteryAt = _time.GetUtcNow();
            SendBatteryUpdatesIfChanged();
        }
    }

    public void SetRssi(int rssi)
    {
        lock (_gate)
        {
            _rssi = Math.Clamp(rssi, -127, 0);
            if (_updatesEnabled.Contains(HubProperty.Rssi))
            {
                Send(HubPropertyMessage.Update(HubProperty.Rssi, (byte)(sbyte)_rssi));
            }
        }
    }

    /// <summary>Sends bytes that are not a valid message, as a corrupted notification would.</summary>
    public void SendGarbage(byte[]? bytes = null)
    {
        lock (_gate)
        {
            _central?.Notify(bytes ?? [0x07, 0x00, 0x04]);
        }
    }

    // ---- Link side ----------------------------------------------------------------------------------------

    /// <summary>A central connects and enables notifications: the hub announces what is attached. Throws <see cref="InvalidOperationException"/> when the hub is unreachable or held.</summary>
    public void Connect(IVirtualHubCentral central)
    {
        lock (_gate)
        {
            if (!Reachable)
            {
                throw new InvalidOperationException($"Hub '{_name}' is not reachable (switched off or out of range).");
            }

            if (_central is not null)
            {
                throw new InvalidOperationException($"Hub '{_name}' is already connected to another central.");
            }

            _central = central;
            _updatesEnabled.Clear();
            _alertsEnabled.Clear();
            _lowVoltageSent = false;
            foreach (var (port, type) in _ports.OrderBy(p => p.Key))
            {
                Send(HubAttachedIoMessage.Attached(port, type));
            }
        }
    }

    /// <summary>The central closed the link: the hub stops its motor, as when a central goes away.</summary>
    public void Disconnect(IVirtualHubCentral central)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_central, central))
            {
                OnCentralGone("central disconnected");
            }
        }
    }

    /// <summary>One write from the central, processed in full before the next.</summary>
    public void Receive(IVirtualHubCentral central, byte[] bytes)
    {
        var drop = false;
        lock (_gate)
        {
            if (!ReferenceEquals(_central, central) || Unresponsive)
            {
                return;
            }

            DrainBattery();
            HubMessage message;
            try
            {
                message = LwpCodec.Decode(bytes);
            }
            catch (LwpFormatException)
            {
                Send(new GenericErrorMessage(bytes.Length >= 3 ? bytes[2] : (byte)0, ErrorCode.CommandNotRecognized));
                return;
            }

            if (message is PortOutputCommandMessage && DropLinkOnNextCommand)
            {
                DropLinkOnNextCommand = false;
                Interlocked.Increment(ref _commandsReceived);
                OnCentralGone("link dropped mid-command (fault injected)");
                drop = true;
            }
            else
            {
                Handle(message);
            }
        }

        if (drop)
        {
            central.Dropped("link dropped mid-command (fault injected)");
        }
    }

    private void Handle(HubMessage message)
    {
        switch (message)
        {
            case HubPropertyMessage property:
                HandleProperty(property);
                break;
            case HubAlertMessage alert:
                HandleAlert(alert);
                break;
            case HubActionMessage action:
                HandleAction(action);
                break;
            case PortOutputCommandMessage command:
                Interlocked.Increment(ref _commandsReceived);
                HandlePortOutput(command);
                break;
            default:
                Send(new GenericErrorMessage(message.TypeCode, ErrorCode.CommandNotRecognized));
                break;
        }
    }

    private void HandleProperty(HubPropertyMessage message)
    {
        switch (message.Operation)
        {
            case HubPropertyOperation.RequestUpdate:
                var value = PropertyValue(message.Property);
                if (value is null)
                {
                    Send(new GenericErrorMessage((byte)MessageType.HubProperties, ErrorCode.InvalidUse));
                }
                else
                {
                    Send(HubPropertyMessage.Update(message.Property, value));
                }

                break;
            case HubPropertyOperation.EnableUpdates when message.Property is HubProperty.AdvertisingName or HubProperty.Button or HubProperty.Rssi or HubProperty.BatteryVoltage:
                _updatesEnabled.Add(message.Property);
                Send(HubPropertyMessage.Update(message.Property, PropertyValue(message.Property)!));
                if (message.Property == HubProperty.BatteryVoltage)
                {
                    _lastSentBattery = (int)Math.Ceiling(_battery);
                }

                break;
            case HubPropertyOperation.DisableUpdates when message.Property is HubProperty.AdvertisingName or HubProperty.Button or HubProperty.Rssi or HubProperty.BatteryVoltage:
                _updatesEnabled.Remove(message.Property);
                break;
            case HubPropertyOperation.Set when message.Property == HubProperty.AdvertisingName && message.Payload.Length is >= 1 and <= HubPropertyMessage.MaxNameLength:
                _name = message.Name;
                if (_updatesEnabled.Contains(HubProperty.AdvertisingName))
                {
                    Send(HubPropertyMessage.Update(HubProperty.AdvertisingName, PropertyValue(HubProperty.AdvertisingName)!));
                }

                break;
            case HubPropertyOperation.Reset when message.Property == HubProperty.AdvertisingName:
                _name = _options.Name;
                break;
            default:
                Send(new GenericErrorMessage((byte)MessageType.HubProperties, ErrorCode.InvalidUse));
                break;
        }
    }

    private byte[]? PropertyValue(HubProperty property) => property switch
    {
        HubProperty.AdvertisingName => System.Text.Encoding.ASCII.GetBytes(_name),
        HubProperty.Button => [0x00],
        HubProperty.FirmwareVersion => [0x00, 0x00, 0x00, 0x11], // 1.1.0.0
        HubProperty.HardwareVersion => [0x00, 0x00, 0x00, 0x04],
        HubProperty.Rssi => [(byte)(sbyte)_rssi],
        HubProperty.BatteryVoltage => [(byte)(int)Math.Ceiling(_battery)],
        HubProperty.BatteryType => [0x00],
        HubProperty.ManufacturerName => System.Text.Encoding.ASCII.GetBytes("LEGO System A/S"),
        HubProperty.RadioFirmwareVersion => System.Text.Encoding.ASCII.GetBytes("2_02_01"),
        HubProperty.ProtocolVersion => [0x00, 0x03],
        HubProperty.SystemTypeId => [CityHubPorts.SystemTypeId],
        HubProperty.PrimaryMacAddress => [0x90, 0x84, 0x2B, 0x00, 0x88, 0x09],
        _ => null,
    };

    private void HandleAlert(HubAlertMessage message)
    {
        switch (message.Operation)
        {
            case HubAlertOperation.EnableUpdates:
                _alertsEnabled.Add(message.Alert);
                break;
            case HubAlertOperation.DisableUpdates:
                _alertsEnabled.Remove(message.Alert);
                break;
            case HubAlertOperation.RequestUpdate:
                Send(new HubAlertMessage(message.Alert, HubAlertOperation.Update, IsAlerting(message.Alert)));
                break;
            default:
                Send(new GenericErrorMessage((byte)MessageType.HubAlerts, ErrorCode.InvalidUse));
                break;
        }
    }

    private bool IsAlerting(HubAlertType alert) =>
        alert == HubAlertType.LowVoltage && Math.Ceiling(_battery) <= _options.LowVoltagePercent;

    private void HandleAction(HubActionMessage message)
    {
        switch (message.Action)
        {
            case HubActionType.SwitchOff:
                Send(new HubActionMessage(HubActionType.HubWillSwitchOff));
                Reachable = false;
                GoAwayAfterAnnouncing("hub switched off");
                break;
            case HubActionType.Disconnect:
                Send(new HubActionMessage(HubActionType.HubWillDisconnect));
                GoAwayAfterAnnouncing("hub disconnected on request");
                break;
            case HubActionType.ActivateBusyIndication or HubActionType.ResetBusyIndication:
                break;
            default:
                Send(new GenericErrorMessage((byte)MessageType.HubActions, ErrorCode.CommandNotRecognized));
                break;
        }
    }

    private void GoAwayAfterAnnouncing(string reason)
    {
        var central = _central!;
        OnCentralGone(reason);
        central.Dropped(reason);
    }

    private void HandlePortOutput(PortOutputCommandMessage command)
    {
        if (!_ports.TryGetValue(command.Port, out var type)
            || type is not (IoType.TrainMotor or IoType.LedLight)
            || command.SubCommand != PortOutputSubCommand.WriteDirectModeData
            || command.Mode != 0
            || command.FirstDataByte is not { } value)
        {
            Send(new GenericErrorMessage((byte)MessageType.PortOutputCommand, ErrorCode.InvalidUse));
            return;
        }

        if (type == IoType.TrainMotor)
        {
            var power = (sbyte)value;
            if (power is > MotorPower.MaxForward or < MotorPower.MaxReverse && power != MotorPower.Brake)
            {
                Send(new GenericErrorMessage((byte)MessageType.PortOutputCommand, ErrorCode.InvalidUse));
                return;
            }

            _motorPower = power;
            Print(power == MotorPower.Brake
                ? $"MOTOR {CityHubPorts.Name(command.Port)} brake"
                : $"MOTOR {CityHubPorts.Name(command.Port)} power {power}%");
        }
        else
        {
            if (value > 100)
            {
                Send(new GenericErrorMessage((byte)MessageType.PortOutputCommand, ErrorCode.InvalidUse));
                return;
            }

            _lightBrightness = value;
            Print($"LIGHT {CityHubPorts.Name(command.Port)} {value}%");
        }

        if (command.RequestFeedback && !LoseFeedback)
        {
            // Direct mode data takes effect at once: the command is done and the port idle.
            Send(PortOutputFeedbackMessage.For(command.Port, PortFeedback.Completed | PortFeedback.Idle));
        }
    }

    private void OnCentralGone(string reason)
    {
        _central = null;
        _updatesEnabled.Clear();
        _alertsEnabled.Clear();

        // A hub stops its outputs when its central goes away; the controller must re-apply what it wants.
        if (_motorPower != 0)
        {
            _motorPower = 0;
            Print($"MOTOR A power 0% ({reason})");
        }
    }

    private void OnUpdateTick()
    {
        lock (_gate)
        {
            if (_central is null)
            {
                return;
            }

            DrainBattery();
            SendBatteryUpdatesIfChanged();
            if (_updatesEnabled.Contains(HubProperty.Rssi))
            {
                Send(HubPropertyMessage.Update(HubProperty.Rssi, (byte)(sbyte)_rssi));
            }
        }
    }

    private void SendBatteryUpdatesIfChanged()
    {
        var percent = (int)Math.Ceiling(_battery);
        if (_updatesEnabled.Contains(HubProperty.BatteryVoltage) && percent != _lastSentBattery)
        {
            _lastSentBattery = percent;
            Send(HubPropertyMessage.Update(HubProperty.BatteryVoltage, (byte)percent));
        }

        var low = percent <= _options.LowVoltagePercent;
        if (low && !_lowVoltageSent && _alertsEnabled.Contains(HubAlertType.LowVoltage))
        {
            _lowVoltageSent = true;
            Send(new HubAlertMessage(HubAlertType.LowVoltage, HubAlertOperation.Update, true));
        }
        else if (!low)
        {
            _lowVoltageSent = false;
        }
    }

    private void DrainBattery()
    {
        var now = _time.GetUtcNow();
        var minutes = (now - _batteryAt).TotalMinutes;
        _batteryAt = now;
        if (minutes <= 0)
        {
            return;
        }

        var load = _motorPower == MotorPower.Brake ? 0 : Math.Abs(_motorPower) / 100.0;
        var drain = (_options.IdleDrainPercentPerMinute + (load * _options.DrainPercentPerMinuteAtFullPower)) * minutes;
        _battery = Math.Max(0, _battery - drain);
    }

    private void Send(HubMessage message) => _central?.Notify(message.ToBytes());

    private void Print(string line)
    {
        _orders.Add(line);
        if (_orders.Count > 1000)
        {
            _orders.RemoveRange(0, _orders.Count - 1000);
        }

        OrderPrinted?.Invoke(line);
    }

    public void Dispose() => _updateTimer.Dispose();
}

/// <summary>The link end the virtual hub talks back to (in-process, or the twin's TCP hub link).</summary>
public interface IVirtualHubCentral
{
    void Notify(byte[] notification);

    void Dropped(string reason);
}
