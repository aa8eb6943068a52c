namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>Port output command feedback bits (spec 3.32.1).</summary>
[Flags]
public enum PortFeedback : byte
{
    None = 0x00,
    InProgress = 0x01,
    Completed = 0x02,
    Discarded = 0x04,
    Idle = 0x08,
    BusyOrFull = 0x10,
}
