using System.ComponentModel.DataAnnotations;

namespace CrazyTrain.LegoWireless.BlueZ;

/// <summary>Where BlueZ is and which hub to take.</summary>
public sealed class BlueZLinkOptions
{
    public const string SectionName = "CrazyTrain:BlueZ";

    /// <summary>The system bus; a container reaches it through the host's /run/dbus socket.</summary>
    [Required]
    public string BusAddress { get; set; } = "unix:path=/run/dbus/system_bus_socket";

    /// <summary>BlueZ adapter name (the object /org/bluez/{Adapter}).</summary>
    [Required, RegularExpression("^[A-Za-z0-9_]+$")]
    public string Adapter { get; set; } = "hci0";

    /// <summary>The hub's Bluetooth address; when empty, the first device advertising the LWP3 service is taken.</summary>
    [RegularExpression("^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$")]
    public string? DeviceAddress { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DiscoveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long BlueZ may take to resolve the hub's GATT services after connecting.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ServicesTimeout { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// GATT write type: "request" (with response, what the LWP3 spec asks for until its flow control exists)
    /// or "command" (without response).
    /// </summary>
    [Required, RegularExpression("^(request|command)$")]
    public string WriteType { get; set; } = "request";
}
