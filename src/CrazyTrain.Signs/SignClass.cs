namespace CrazyTrain.Signs;

/// <summary>
/// One class of the sign detector: the label the model reports, its class index in the model's outputs, and
/// the rule the driving policy applies when it sees it. <see cref="CapPower"/> is the motor power (%) a speed
/// cap allows by default; it is null for every other rule.
/// </summary>
public sealed record SignClass
{
    public SignClass(string label, int classIndex, SignRule rule, int? capPower = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        if ((rule == SignRule.SpeedCap) != capPower.HasValue)
        {
            throw new ArgumentException($"Sign '{label}': a speed cap needs its power, and only a speed cap has one.", nameof(capPower));
        }

        if (capPower is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(capPower), capPower, $"Sign '{label}': a cap's power is 1..100 %.");
        }

        Label = label;
        ClassIndex = classIndex;
        Rule = rule;
        CapPower = capPower;
    }

    public string Label { get; }

    public int ClassIndex { get; }

    public SignRule Rule { get; }

    public int? CapPower { get; }

    public override string ToString() => Label;
}
