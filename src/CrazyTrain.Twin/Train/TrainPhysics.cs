namespace CrazyTrain.Twin.Train;

/// <summary>
/// Moves the train for a span of time under one motor power, in closed form: the result does not depend on how
/// the span is cut into steps (up to rounding), so a slow or busy clock cannot change where the train stops.
/// </summary>
public static class TrainPhysics
{
    public static TrainMotion Step(TrainMotion origin, sbyte power, TimeSpan elapsed, MotorModel motor)
    {
        var t = elapsed.TotalSeconds;
        if (t <= 0)
        {
            return origin;
        }

        var v0 = origin.SpeedCmPerS;
        if (power == MotorPowerValues.Brake)
        {
            return Decelerate(origin, t, motor.BrakeCmPerS2, 0);
        }

        var target = motor.SteadySpeed(power);
        if (target == 0)
        {
            // Floating, or too little power to turn the wheels: only friction acts.
            return Decelerate(origin, t, motor.CoastFrictionCmPerS2, motor.CoastDragPerS);
        }

        // First-order approach to the steady speed: v(t) = target + (v0 - target) e^(-t/tau).
        var tau = motor.DriveTimeConstantS;
        var decay = Math.Exp(-t / tau);
        var speed = target + ((v0 - target) * decay);
        var distance = (target * t) + ((v0 - target) * tau * (1 - decay));
        return new TrainMotion(origin.OdometerCm + distance, speed);
    }

    /// <summary>
    /// Slows |v| by a + b|v| (constant friction a, drag b) until the train stands; it never reverses on its own.
    /// </summary>
    private static TrainMotion Decelerate(TrainMotion origin, double t, double a, double b)
    {
        var direction = Math.Sign(origin.SpeedCmPerS);
        var v0 = Math.Abs(origin.SpeedCmPerS);
        if (v0 == 0)
        {
            return origin with { SpeedCmPerS = 0 };
        }

        double stopTime, speed, distance;
        if (b <= 0)
        {
            stopTime = v0 / a;
            var run = Math.Min(t, stopTime);
            speed = t >= stopTime ? 0 : v0 - (a * t);
            distance = (v0 * run) - (0.5 * a * run * run);
        }
        else
        {
            // dv/dt = -(a + b v): v(t) = (v0 + a/b) e^(-b t) - a/b, standing at t* = ln((v0 + a/b) / (a/b)) / b.
            var k = a / b;
            stopTime = a > 0 ? Math.Log((v0 + k) / k) / b : double.PositiveInfinity;
            var run = Math.Min(t, stopTime);
            var decay = Math.Exp(-b * run);
            speed = t >= stopTime ? 0 : ((v0 + k) * decay) - k;
            distance = ((v0 + k) * (1 - decay) / b) - (k * run);
        }

        return new TrainMotion(origin.OdometerCm + (direction * distance), direction * speed);
    }
}
