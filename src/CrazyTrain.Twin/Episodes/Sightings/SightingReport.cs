namespace CrazyTrain.Twin.Episodes.Sightings;

/// <summary>
/// A stretch of track where the model saw a sign that is not there, long enough for the controller to act on it: at
/// least <see cref="SightingAudit.ConfirmFrames"/> of <see cref="SightingAudit.WindowFrames"/> frames, each box at
/// least the near-sign gate wide. <paramref name="Cause"/> is what stood under the box: <c>misread KIND</c> (a target
/// sign read as another), <c>distractor KIND</c> (a sign that is no target) or <c>background</c> (the room, the
/// table, props). Positions are along the loop (cm); the frame is the one with the highest confidence.
/// </summary>
public sealed record FalseSighting(
    string Label,
    string Cause,
    double FromCm,
    double ToCm,
    int Frames,
    double MaxConfidence,
    double WidthPx,
    string? NextSign,
    double? NextSignCm,
    string? FrameFile);

/// <summary>
/// A target sign of the episode and how far before it the model's sighting was confirmed (2 of 3 frames, at least the
/// gate wide, the right label on its box); null when it never was on the lap.
/// </summary>
public sealed record TargetSighting(string Kind, double PositionCm, double? ConfirmedBeforeCm, double? WidthPx);

/// <summary>One episode's lap as the model saw it.</summary>
public sealed record EpisodeSightings(
    int Seed,
    string Style,
    string Layout,
    int Frames,
    IReadOnlyList<TargetSighting> Signs,
    IReadOnlyList<FalseSighting> FalseSightings);
