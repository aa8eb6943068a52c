namespace CrazyTrain.Controller.Driving;

/// <summary>
/// What the policy wants from the train's motor, in the train's terms: run at a power (%, negative backwards),
/// coast with the motor off, or brake. The hub code (<c>Hub/MotorPowerByte</c>) turns it into LWP3's power byte.
/// </summary>
public readonly record struct MotorSetpoint
{
    private MotorSetpoint(int power, bool braking)
    {
        Power = power;
        Braking = braking;
    }

    /// <summary>Motor power in %, -100..100; 0 when coasting or braking.</summary>
    public int Power { get; }

    /// <summary>The motor holds the train: the only safe way to stop it.</summary>
    public bool Braking { get; }

    /// <summary>Motor off, the train rolls out (only before the first start).</summary>
    public static MotorSetpoint Coast { get; } = new(0, false);

    public static MotorSetpoint Brake { get; } = new(0, true);

    public static MotorSetpoint Run(int power) => power is >= -100 and <= 100
        ? new MotorSetpoint(power, false)
        : throw new ArgumentOutOfRangeException(nameof(power), power, "Motor power is -100..100 %.");

    public override string ToString() => Braking ? "brake" : Power == 0 ? "coast" : $"{Power} %";
}
