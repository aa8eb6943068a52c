namespace CrazyTrain.Controller.Driving;

/// <summary>What the policy is doing and why, for the API and health.</summary>
public sealed record DrivingSnapshot(
    DrivingState State,
    DateTimeOffset StateSince,
    bool Running,
    int CruisePower,
    SpeedCap? SpeedCap,
    int TargetPower,
    MotorSetpoint MotorSetpoint,
    bool PerceptionFresh,
    long? LastFrameId,
    DateTimeOffset? LastFrameAt,
    string? FailSafeReason,
    bool AwaitingOperator,
    PerceptionCounters Counters,
    double UnknownLabelShare);

public sealed record SpeedCap(string Label, int Power);

/// <summary>What the policy saw and refused to act on.</summary>
public sealed record PerceptionCounters(
    long FramesAccepted,
    long DuplicateFrames,
    long OutOfOrderFrames,
    long UnknownLabels,
    long MalformedMessages,
    long CameraRestarts,
    long StaleFrames,
    long FutureFrames,
    long FarSightings);
