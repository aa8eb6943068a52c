namespace CrazyTrain.LegoWireless.Client;

public enum HubConnectionState
{
    Disconnected,
    Connecting,
    Connected,
}
