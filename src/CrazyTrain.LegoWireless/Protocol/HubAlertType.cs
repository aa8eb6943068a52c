namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>Hub alert types (spec 3.7).</summary>
public enum HubAlertType : byte
{
    LowVoltage = 0x01,
    HighCurrent = 0x02,
    LowSignalStrength = 0x03,
    OverPowerCondition = 0x04,
}

/// <summary>Hub alert operations (spec 3.7); only <see cref="Update"/> travels upstream and carries a payload.</summary>
public enum HubAlertOperation : byte
{
    EnableUpdates = 0x01,
    DisableUpdates = 0x02,
    RequestUpdate = 0x03,
    Update = 0x04,
}
