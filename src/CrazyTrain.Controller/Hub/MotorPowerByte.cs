using CrazyTrain.Controller.Driving;
using CrazyTrain.LegoWireless.Protocol;

namespace CrazyTrain.Controller.Hub;

/// <summary>The one place the controller turns the policy's setpoint into LWP3's power byte (spec 3.27, StartPower).</summary>
internal static class MotorPowerByte
{
    /// <summary>-100..100 to run, <see cref="MotorPower.Float"/> to coast, <see cref="MotorPower.Brake"/> (127) to brake.</summary>
    public static sbyte Encode(MotorSetpoint setpoint) =>
        setpoint.Braking ? MotorPower.Brake
        : setpoint.Power == 0 ? MotorPower.Float
        : (sbyte)setpoint.Power;
}
