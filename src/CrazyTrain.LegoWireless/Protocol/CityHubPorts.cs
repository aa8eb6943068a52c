namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>Port ids of the City hub 88009: two external ports and its internal devices.</summary>
public static class CityHubPorts
{
    public const byte A = 0x00;
    public const byte B = 0x01;
    public const byte RgbLight = 0x32;
    public const byte Current = 0x3B;
    public const byte Voltage = 0x3C;

    /// <summary>System type id of the 2-port City hub in advertising and property 0x0B.</summary>
    public const byte SystemTypeId = 0x41;

    /// <summary>The letter printed on the hub for an external port, or the hex id for an internal one.</summary>
    public static string Name(byte port) => port switch
    {
        A => "A",
        B => "B",
        _ => $"0x{port:X2}",
    };
}
