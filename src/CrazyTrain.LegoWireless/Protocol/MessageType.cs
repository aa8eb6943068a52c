namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>The LWP3 message types a train hub uses (spec 3.3); other values decode as <see cref="UnknownMessage"/>.</summary>
public enum MessageType : byte
{
    HubProperties = 0x01,
    HubActions = 0x02,
    HubAlerts = 0x03,
    HubAttachedIo = 0x04,
    GenericError = 0x05,
    PortOutputCommand = 0x81,
    PortOutputCommandFeedback = 0x82,
}
