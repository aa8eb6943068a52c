using CrazyTrain.Twin.Train;

namespace CrazyTrain.Twin.HubLink;

/// <summary>Reads the motor power out of the virtual hub's order lines ("MOTOR A power 60%", "MOTOR A brake").</summary>
internal static class HubOrderLine
{
    private const string Motor = "MOTOR A ";

    /// <summary>The power port A's motor took (LWP3 terms: 127 brake), or null for any other line.</summary>
    public static sbyte? MotorPower(string line)
    {
        if (!line.StartsWith(Motor, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = line.AsSpan(Motor.Length);
        if (rest.StartsWith("brake"))
        {
            return MotorPowerValues.Brake;
        }

        if (!rest.StartsWith("power "))
        {
            return null;
        }

        rest = rest["power ".Length..];
        var end = rest.IndexOf('%');
        return end > 0 && sbyte.TryParse(rest[..end], out var power) ? power : null;
    }
}
