using System.ComponentModel.DataAnnotations;

namespace CrazyTrain.LegoWireless.Client;

/// <summary>Where the train's devices sit on the hub and how patient the client is with it.</summary>
public sealed class HubClientOptions
{
    public const string SectionName = "CrazyTrain:Hub";

    /// <summary>Port of the train motor (0 = A).</summary>
    [Range(0, 255)]
    public byte MotorPort { get; set; } = Protocol.CityHubPorts.A;

    /// <summary>Port of the train's lights (1 = B); null when the train has none.</summary>
    [Range(0, 255)]
    public byte? LightPort { get; set; } = Protocol.CityHubPorts.B;

    /// <summary>How long a request (property, command feedback) may wait for its answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long finding, connecting and opening the link may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before reconnecting; doubles after every failed try up to <see cref="ReconnectMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
