namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>IO type ids announced in Hub Attached I/O (spec 3.8.2); the ones a City hub train meets.</summary>
public enum IoType : ushort
{
    Motor = 0x0001,
    TrainMotor = 0x0002,
    LedLight = 0x0008,
    Voltage = 0x0014,
    Current = 0x0015,
    PiezoTone = 0x0016,
    RgbLight = 0x0017,
}

/// <summary>Attached I/O events (spec 3.8.1).</summary>
public enum AttachedIoEvent : byte
{
    Detached = 0x00,
    Attached = 0x01,
    AttachedVirtual = 0x02,
}
