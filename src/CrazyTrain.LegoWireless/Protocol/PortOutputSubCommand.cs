namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>Port output sub-commands (spec 3.27-3.29) the train uses.</summary>
public enum PortOutputSubCommand : byte
{
    /// <summary>StartPower(Power1, Power2) for two-motor ports; single-motor StartPower is WriteDirectModeData mode 0.</summary>
    StartPower2 = 0x02,
    WriteDirect = 0x50,
    WriteDirectModeData = 0x51,
}

/// <summary>Values of the power byte with a meaning beyond a duty cycle (spec 3.27, StartPower).</summary>
public static class MotorPower
{
    /// <summary>Motor terminals left open: the train coasts.</summary>
    public const sbyte Float = 0;

    /// <summary>Motor terminals shorted through the driver: the train brakes.</summary>
    public const sbyte Brake = 127;

    public const sbyte MaxForward = 100;
    public const sbyte MaxReverse = -100;
}
