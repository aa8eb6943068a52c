namespace CrazyTrain.Twin.Episodes;

/// <summary>
/// <c>GET /api/twin/episode</c>: the current episode and what happened at each sign, from the twin's ground truth
/// (docs/twin.md "Episodes"). Times are wall-clock instants; <c>...SimMs</c> are simulated milliseconds since the
/// episode began; <c>reactionMs</c> is wall-clock, <c>reactionSimMs</c> simulated.
/// </summary>
public sealed record EpisodeView(
    int? Seed,
    string Family,
    string Layout,
    double LengthCm,
    bool Clockwise,
    string Style,
    EpisodeLighting? Lighting,
    double TopSpeedCmPerS,
    double CruiseSpeedCmPerS,
    double RequiredSightCm,
    double StartCm,
    DateTimeOffset StartedAt,
    bool Ended,
    string? EndedBecause,
    DateTimeOffset? EndedAt,
    double SimulatedMs,
    double WallMs,
    IReadOnlyList<SignRecord> Signs,
    IReadOnlyList<FalseStop> FalseStops);

/// <summary>
/// One sign in an episode. <c>stoppedBeforeSign</c> only for STOP and no-entry signs (true: the train stood still before
/// the sign's position), <c>speedObeyed</c> only for speed limits (the hub held at most the limit's power, or float or
/// brake, when the train passed the sign), <c>slowed</c> only for danger signs (the speed fell to half of what it was
/// when the sign came into view, or to a standstill, before passing it).
/// </summary>
public sealed record SignRecord(
    string Label,
    bool Target,
    double PositionCm,
    string Side,
    double OffsetCm,
    double SightCm,
    DateTimeOffset? FirstVisibleAt,
    double? FirstVisibleSimMs,
    long? FirstVisibleFrame,
    double? FirstVisibleWidthPx,
    double? FirstVisibleDistanceCm,
    DateTimeOffset? FirstOrderAt,
    double? FirstOrderSimMs,
    string? Order,
    double? ReactionMs,
    double? ReactionSimMs,
    bool? StoppedBeforeSign,
    double? StopDistanceCm,
    DateTimeOffset? PassedAt,
    double? SpeedAtSignCmPerS,
    string? PowerAtSign,
    bool? SpeedObeyed,
    double? LimitSpeedCmPerS,
    bool? Slowed,
    double? SpeedWhenVisibleCmPerS,
    double? MinSpeedCmPerS,
    string? PowerWhenVisible);

/// <summary>
/// A standstill with no STOP, no-entry or danger sign ahead within reach that the camera had seen before the hub was told
/// to stop, nor one just passed. <c>stopOrderAt</c>/<c>stopOrder</c>: when the hub took the command (brake or float) that
/// stopped the train, to find the controller's order behind it.
/// </summary>
public sealed record FalseStop(
    double PositionCm,
    DateTimeOffset At,
    double SimMs,
    string? NextSign,
    double? NextSignDistanceCm,
    DateTimeOffset? StopOrderAt,
    string? StopOrder);
