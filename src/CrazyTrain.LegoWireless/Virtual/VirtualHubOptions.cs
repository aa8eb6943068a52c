using System.ComponentModel.DataAnnotations;

namespace CrazyTrain.LegoWireless.Virtual;

/// <summary>How the virtual City hub 88009 starts and how fast its batteries run down.</summary>
public sealed class VirtualHubOptions
{
    public const string SectionName = "CrazyTrain:VirtualHub";

    [Required, StringLength(14, MinimumLength = 1)]
    public string Name { get; set; } = "CrazyTrain Hub";

    [Range(0, 100)]
    public int BatteryPercent { get; set; } = 100;

    [Range(-127, 0)]
    public int Rssi { get; set; } = -58;

    /// <summary>Battery percent lost per minute at full power; a set of AA cells lasts a few hours of driving.</summary>
    [Range(0.0, 100.0)]
    public double DrainPercentPerMinuteAtFullPower { get; set; } = 1.0;

    /// <summary>Battery percent lost per minute with the motor off (the hub's own radio and LED).</summary>
    [Range(0.0, 100.0)]
    public double IdleDrainPercentPerMinute { get; set; } = 0.05;

    /// <summary>At or below this charge the hub raises its low-voltage alert.</summary>
    [Range(0, 100)]
    public int LowVoltagePercent { get; set; } = 10;

    /// <summary>How often the hub sends battery and RSSI updates the central enabled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>What is plugged into port A; a train motor unless a test says otherwise.</summary>
    public bool MotorOnPortA { get; set; } = true;

    /// <summary>What is plugged into port B; the train's lights unless a test says otherwise.</summary>
    public bool LightOnPortB { get; set; } = true;
}
