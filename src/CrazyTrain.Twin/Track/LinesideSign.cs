using CrazyTrain.Simulation.Signs;

namespace CrazyTrain.Twin.Track;

/// <summary>Which side of the track a sign stands on, as the train sees it running forwards.</summary>
public enum TrackSide
{
    Right,
    Left,
}

/// <summary>
/// A LEGO sign beside the track: its kind (the renderer's, so the camera draws what the twin places), where it stands
/// along the loop and how far from the centre line its base is.
/// </summary>
public sealed record LinesideSign(SignKind Kind, double PositionCm, TrackSide Side = TrackSide.Right, double OffsetCm = 7.0)
{
    /// <summary>Closest a sign's base may stand to the centre line: half the sleeper width plus half a 2x2 base plate.</summary>
    public const double MinOffsetCm = (LegoTrack.TrackWidthCm / 2) + 0.8;

    /// <summary>Farther than this the sign stands by some other track, not this one.</summary>
    public const double MaxOffsetCm = 30.0;

    /// <summary>The detector's label for a target sign, the renderer's name for a distractor.</summary>
    public string Label => SignKinds.Name(Kind);

    public bool IsTarget => SignKinds.IsTarget(Kind);
}
