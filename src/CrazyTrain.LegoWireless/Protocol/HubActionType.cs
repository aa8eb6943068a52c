namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>Hub action types (spec 3.6): downstream requests and the hub's upstream announcements.</summary>
public enum HubActionType : byte
{
    SwitchOff = 0x01,
    Disconnect = 0x02,
    VccPortControlOn = 0x03,
    VccPortControlOff = 0x04,
    ActivateBusyIndication = 0x05,
    ResetBusyIndication = 0x06,
    FastShutdown = 0x2F,
    HubWillSwitchOff = 0x30,
    HubWillDisconnect = 0x31,
    HubWillGoIntoBootMode = 0x32,
}
