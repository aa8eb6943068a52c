namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>Hub property references (spec 3.5.3).</summary>
public enum HubProperty : byte
{
    AdvertisingName = 0x01,
    Button = 0x02,
    FirmwareVersion = 0x03,
    HardwareVersion = 0x04,
    Rssi = 0x05,
    BatteryVoltage = 0x06,
    BatteryType = 0x07,
    ManufacturerName = 0x08,
    RadioFirmwareVersion = 0x09,
    ProtocolVersion = 0x0A,
    SystemTypeId = 0x0B,
    HardwareNetworkId = 0x0C,
    PrimaryMacAddress = 0x0D,
    SecondaryMacAddress = 0x0E,
    HardwareNetworkFamily = 0x0F,
}

/// <summary>Hub property operations (spec 3.5.4): all downstream except <see cref="Update"/>.</summary>
public enum HubPropertyOperation : byte
{
    Set = 0x01,
    EnableUpdates = 0x02,
    DisableUpdates = 0x03,
    Reset = 0x04,
    RequestUpdate = 0x05,
    Update = 0x06,
}
