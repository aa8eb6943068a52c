namespace CrazyTrain.Twin.Track;

/// <summary>
/// Dimensions of LEGO City train track (the 2006+ plastic "RC" track: 53401 straight, 53400 curve). A stud is
/// 8 mm; a straight is 16 studs long; a standard curve has a 40-stud radius to the track's centre line and
/// 16 of them make a full circle (22.5 degrees each).
/// </summary>
public static class LegoTrack
{
    public const double StudCm = 0.8;
    public const double StraightLengthCm = 16 * StudCm;
    public const double CurveRadiusCm = 40 * StudCm;
    public const int CurvesPerCircle = 16;
    public const double CurveAngle = 2 * Math.PI / CurvesPerCircle;
    public static readonly double CurveLengthCm = CurveRadiusCm * CurveAngle;

    /// <summary>Sleeper width: 8 studs. A sign whose post stands closer to the centre line than half of it would be on the track.</summary>
    public const double TrackWidthCm = 8 * StudCm;
}

/// <summary>One piece of track as it is laid: a straight, or a standard curve turning left or right.</summary>
public enum TrackPiece
{
    Straight,
    LeftCurve,
    RightCurve,
}

/// <summary>A point on the table (cm, x to the right, y away from the operator) and a heading (radians, counter-clockwise from +x).</summary>
public readonly record struct TablePose(double XCm, double YCm, double Heading);
