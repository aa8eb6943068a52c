using CrazyTrain.LegoWireless.Protocol;

namespace CrazyTrain.LegoWireless.Client;

/// <summary>The hub did not answer a request within the configured time.</summary>
public sealed class HubTimeoutException(string message) : TimeoutException(message);

/// <summary>The hub refused a command with a generic error, or discarded it.</summary>
public sealed class HubCommandRejectedException(string message, ErrorCode? code = null) : Exception(message)
{
    public ErrorCode? Code { get; } = code;
}

/// <summary>The hub is not connected, or the link went away while a request waited.</summary>
public sealed class HubNotConnectedException(string message) : Exception(message);
