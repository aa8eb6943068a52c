namespace CrazyTrain.Controller.Driving;

/// <summary>The motor power bytes the policy uses, mirrored from LWP3 so the policy needs no protocol reference.</summary>
public static class LegoWirelessPower
{
    public const sbyte Float = 0;
    public const sbyte Brake = 127;
}
