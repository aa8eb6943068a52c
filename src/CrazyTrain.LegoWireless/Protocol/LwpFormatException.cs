namespace CrazyTrain.LegoWireless.Protocol;

/// <summary>Bytes that are not a well-formed LWP3 message; the receiver counts and drops them.</summary>
public sealed class LwpFormatException(string message) : FormatException(message);
