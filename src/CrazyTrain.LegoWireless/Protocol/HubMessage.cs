namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>One LWP3 message, without its common header. <see cref="LwpCodec"/> turns it into bytes and back.</summary>
public abstract record HubMessage
{
    /// <summary>The message type byte; an <see cref="UnknownMessage"/> may hold a value outside <see cref="MessageType"/>.</summary>
    public abstract byte TypeCode { get; }

    /// <summary>Writes everything after the message type byte.</summary>
    internal abstract void WriteBody(List<byte> body);

    public byte[] ToBytes() => LwpCodec.Encode(this);
}

/// <summary>Hub Properties [0x01] (spec 3.5): requests downstream, updates upstream.</summary>
public sealed record HubPropertyMessage(HubProperty Property, HubPropertyOperation Operation, byte[] Payload) : HubMessage
{
    public override byte TypeCode => (byte)MessageType.HubProperties;

    public static HubPropertyMessage Request(HubProperty property) => new(property, HubPropertyOperation.RequestUpdate, []);

    public static HubPropertyMessage EnableUpdates(HubProperty property) => new(property, HubPropertyOperation.EnableUpdates, []);

    public static HubPropertyMessage DisableUpdates(HubProperty property) => new(property, HubPropertyOperation.DisableUpdates, []);

    public static HubPropertyMessage SetName(string name)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(name);
        if (bytes.Length is < 1 or > MaxNameLength)
        {
            throw new ArgumentOutOfRangeException(nameof(name), $"A hub name has 1 to {MaxNameLength} ASCII characters.");
        }

        return new(HubProperty.AdvertisingName, HubPropertyOperation.Set, bytes);
    }

    public static HubPropertyMessage Update(HubProperty property, params byte[] payload) => new(property, HubPropertyOperation.Update, payload);

    /// <summary>MAX_NAME_SIZE (spec 3.5.5 note B).</summary>
    public const int MaxNameLength = 14;

    /// <summary>Battery charge in percent (property 0x06, UInt8 0..100).</summary>
    public int BatteryPercent => Single(HubProperty.BatteryVoltage);

    /// <summary>Signal strength, a dBm-like negative number (property 0x05, Int8 -127..0).</summary>
    public int Rssi => (sbyte)Single(HubProperty.Rssi);

    public bool ButtonPressed => Single(HubProperty.Button) != 0;

    public string Name => Property == HubProperty.AdvertisingName
        ? System.Text.Encoding.ASCII.GetString(Payload).TrimEnd('\0')
        : throw new InvalidOperationException($"Property {Property} is not the advertising name.");

    private byte Single(HubProperty expected) =>
        Property == expected && Payload.Length >= 1
            ? Payload[0]
            : throw new InvalidOperationException($"Property {Property} with {Payload.Length} payload bytes is not a {expected} value.");

    internal override void WriteBody(List<byte> body)
    {
        body.Add((byte)Property);
        body.Add((byte)Operation);
        body.AddRange(Payload);
    }
}

/// <summary>Hub Actions [0x02] (spec 3.6).</summary>
public sealed record HubActionMessage(HubActionType Action) : HubMessage
{
    public override byte TypeCode => (byte)MessageType.HubActions;

    internal override void WriteBody(List<byte> body) => body.Add((byte)Action);
}

/// <summary>Hub Alerts [0x03] (spec 3.7); <see cref="Alerting"/> is set only on upstream updates.</summary>
public sealed record HubAlertMessage(HubAlertType Alert, HubAlertOperation Operation, bool? Alerting = null) : HubMessage
{
    public override byte TypeCode => (byte)MessageType.HubAlerts;

    internal override void WriteBody(List<byte> body)
    {
        body.Add((byte)Alert);
        body.Add((byte)Operation);
        if (Operation == HubAlertOperation.Update)
        {
            body.Add(Alerting == true ? (byte)0xFF : (byte)0x00);
        }
    }
}

/// <summary>Hub Attached I/O [0x04] (spec 3.8): what the hub has on each port, sent unasked.</summary>
public sealed record HubAttachedIoMessage(
    byte Port,
    AttachedIoEvent Event,
    IoType IoType = 0,
    int HardwareRevision = 0,
    int SoftwareRevision = 0,
    byte PortA = 0,
    byte PortB = 0) : HubMessage
{
    public override byte TypeCode => (byte)MessageType.HubAttachedIo;

    public static HubAttachedIoMessage Attached(byte port, IoType type, int hardwareRevision = 0x1000_0000, int softwareRevision = 0x1000_0000) =>
        new(port, AttachedIoEvent.Attached, type, hardwareRevision, softwareRevision);

    public static HubAttachedIoMessage Detached(byte port) => new(port, AttachedIoEvent.Detached);

    internal override void WriteBody(List<byte> body)
    {
        body.Add(Port);
        body.Add((byte)Event);
        switch (Event)
        {
            case AttachedIoEvent.Attached:
                AddUInt16(body, (ushort)IoType);
                AddInt32(body, HardwareRevision);
                AddInt32(body, SoftwareRevision);
                break;
            case AttachedIoEvent.AttachedVirtual:
                AddUInt16(body, (ushort)IoType);
                body.Add(PortA);
                body.Add(PortB);
                break;
        }
    }

    private static void AddUInt16(List<byte> body, ushort value)
    {
        body.Add((byte)value);
        body.Add((byte)(value >> 8));
    }

    private static void AddInt32(List<byte> body, int value)
    {
        for (var shift = 0; shift < 32; shift += 8)
        {
            body.Add((byte)(value >> shift));
        }
    }
}

/// <summary>Generic Error Messages [0x05] (spec 3.9): the hub refused or failed a command of <see cref="CommandType"/>.</summary>
public sealed record GenericErrorMessage(byte CommandType, ErrorCode Code) : HubMessage
{
    public override byte TypeCode => (byte)MessageType.GenericError;

    internal override void WriteBody(List<byte> body)
    {
        body.Add(CommandType);
        body.Add((byte)Code);
    }
}

/// <summary>
/// Port Output Command [0x81] (spec 3.26): <c>[port][startup and completion][sub-command][payload]</c>.
/// Startup: upper nibble 1 = execute immediately, 0 = buffer; completion: lower nibble 1 = send feedback.
/// </summary>
public sealed record PortOutputCommandMessage(
    byte Port,
    bool ExecuteImmediately,
    bool RequestFeedback,
    PortOutputSubCommand SubCommand,
    byte[] Payload) : HubMessage
{
    public override byte TypeCode => (byte)MessageType.PortOutputCommand;

    /// <summary>StartPower(Power) on a single-motor port: WriteDirectModeData mode 0 with a signed power byte.</summary>
    public static PortOutputCommandMessage StartPower(byte port, sbyte power, bool requestFeedback = true) =>
        WriteDirectModeData(port, mode: 0, [(byte)power], requestFeedback);

    /// <summary>Brightness of an LED light (IO type 0x0008): WriteDirectModeData mode 0, 0..100 %.</summary>
    public static PortOutputCommandMessage SetBrightness(byte port, byte percent, bool requestFeedback = true) =>
        percent <= 100
            ? WriteDirectModeData(port, mode: 0, [percent], requestFeedback)
            : throw new ArgumentOutOfRangeException(nameof(percent), "Brightness is 0..100 %.");

    public static PortOutputCommandMessage WriteDirectModeData(byte port, byte mode, ReadOnlySpan<byte> data, bool requestFeedback = true)
    {
        var payload = new byte[1 + data.Length];
        payload[0] = mode;
        data.CopyTo(payload.AsSpan(1));
        return new(port, ExecuteImmediately: true, requestFeedback, PortOutputSubCommand.WriteDirectModeData, payload);
    }

    /// <summary>The mode of a WriteDirectModeData command, or null for another sub-command.</summary>
    public byte? Mode => SubCommand == PortOutputSubCommand.WriteDirectModeData && Payload.Length >= 1 ? Payload[0] : null;

    /// <summary>The first data byte after the mode of a WriteDirectModeData command (power or brightness).</summary>
    public byte? FirstDataByte => SubCommand == PortOutputSubCommand.WriteDirectModeData && Payload.Length >= 2 ? Payload[1] : null;

    internal override void WriteBody(List<byte> body)
    {
        body.Add(Port);
        body.Add((byte)((ExecuteImmediately ? 0x10 : 0x00) | (RequestFeedback ? 0x01 : 0x00)));
        body.Add((byte)SubCommand);
        body.AddRange(Payload);
    }
}

/// <summary>One port's entry in a feedback message.</summary>
public readonly record struct PortFeedbackEntry(byte Port, PortFeedback Feedback);

/// <summary>Port Output Command Feedback [0x82] (spec 3.32): one or more (port, bits) pairs.</summary>
public sealed record PortOutputFeedbackMessage(IReadOnlyList<PortFeedbackEntry> Entries) : HubMessage
{
    public override byte TypeCode => (byte)MessageType.PortOutputCommandFeedback;

    public static PortOutputFeedbackMessage For(byte port, PortFeedback feedback) => new([new PortFeedbackEntry(port, feedback)]);

    internal override void WriteBody(List<byte> body)
    {
        foreach (var entry in Entries)
        {
            body.Add(entry.Port);
            body.Add((byte)entry.Feedback);
        }
    }
}

/// <summary>A well-framed message of a type this library does not interpret; kept so it can be logged.</summary>
public sealed record UnknownMessage(byte RawType, byte[] Body) : HubMessage
{
    public override byte TypeCode => RawType;

    internal override void WriteBody(List<byte> body) => body.AddRange(Body);
}
