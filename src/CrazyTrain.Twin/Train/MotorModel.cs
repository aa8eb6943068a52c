using System.ComponentModel.DataAnnotations;

namespace CrazyTrain.Twin.Train;

/// <summary>
/// How a LEGO Powered Up train motor (88011) on a City hub (88009) moves a short train, in LWP3 power terms.
/// The defaults and where they come from are in docs/twin.md; they are estimates to calibrate against a real
/// train, chosen so that the controller's cruise power (60) runs at the ~30 cm/s the project's latency budget
/// assumes.
/// </summary>
public sealed class MotorModel
{
    /// <summary>Steady speed at power 100 on level track (cm/s).</summary>
    [Range(1.0, 500.0)]
    public double TopSpeedCmPerS { get; set; } = 50.0;

    /// <summary>At or below this power (%) the motor cannot overcome the train's static friction: it drives nothing.</summary>
    [Range(0, 99)]
    public int DeadBandPercent { get; set; } = 15;

    /// <summary>Time constant of the speed's approach to the steady speed of a new power (inertia of train and motor).</summary>
    [Range(0.01, 10.0)]
    public double DriveTimeConstantS { get; set; } = 0.5;

    /// <summary>Deceleration from rolling and gear friction while coasting (power 0, or inside the dead band), cm/s².</summary>
    [Range(0.0, 1000.0)]
    public double CoastFrictionCmPerS2 { get; set; } = 15.0;

    /// <summary>Deceleration per unit speed while coasting (the gearbox's drag grows with speed), 1/s.</summary>
    [Range(0.0, 100.0)]
    public double CoastDragPerS { get; set; } = 0.8;

    /// <summary>Deceleration when the hub brakes (power 127: motor windings shorted), limited by the wheels' grip, cm/s².</summary>
    [Range(1.0, 5000.0)]
    public double BrakeCmPerS2 { get; set; } = 200.0;

    /// <summary>The speed a constant power settles at (cm/s, negative in reverse); 0 inside the dead band and when braking.</summary>
    public double SteadySpeed(sbyte power)
    {
        var magnitude = Math.Abs((int)power);
        if (power == MotorPowerValues.Brake || magnitude <= DeadBandPercent)
        {
            return 0;
        }

        var speed = TopSpeedCmPerS * (Math.Min(magnitude, 100) - DeadBandPercent) / (100.0 - DeadBandPercent);
        return power < 0 ? -speed : speed;
    }
}

/// <summary>The LWP3 motor power values that are not plain percentages.</summary>
public static class MotorPowerValues
{
    /// <summary>Power 0: the motor floats and the train coasts.</summary>
    public const sbyte Float = 0;

    /// <summary>Power 127: the motor brakes.</summary>
    public const sbyte Brake = 127;
}
