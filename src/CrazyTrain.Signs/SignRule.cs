namespace CrazyTrain.Signs;

/// <summary>
/// What the train does when a sign is confirmed. The order is the priority: when several signs confirm in the
/// same frame, the most restrictive (first) acts first.
/// </summary>
public enum SignRule
{
    /// <summary>Brake and stay halted until an operator resumes (no entry).</summary>
    Halt,

    /// <summary>Brake, hold, then resume the previous cruise by itself.</summary>
    Stop,

    /// <summary>Brake, pause, then ramp back to the cruise.</summary>
    Danger,

    /// <summary>Cap the motor power until another cap replaces it.</summary>
    SpeedCap,
}
