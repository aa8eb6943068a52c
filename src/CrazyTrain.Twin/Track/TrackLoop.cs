using System.Globalization;
using System.Text;

namespace CrazyTrain.Twin.Track;

/// <summary>
/// A closed loop of LEGO track laid piece after piece from the table's origin heading along +x. Distances along
/// the loop run from 0 at the start of the first piece to <see cref="LengthCm"/>, where the loop closes.
/// </summary>
public sealed class TrackLoop
{
    /// <summary>How far the last piece's end may miss the first piece's start: LEGO track has about a millimetre of play per joint.</summary>
    public const double ClosureToleranceCm = 0.5;

    private readonly TrackPiece[] _pieces;
    private readonly double[] _startCm;
    private readonly TablePose[] _startPose;

    private TrackLoop(TrackPiece[] pieces)
    {
        _pieces = pieces;
        _startCm = new double[pieces.Length];
        _startPose = new TablePose[pieces.Length];
        var pose = new TablePose(0, 0, 0);
        var at = 0.0;
        for (var i = 0; i < pieces.Length; i++)
        {
            _startCm[i] = at;
            _startPose[i] = pose;
            pose = Advance(pose, pieces[i], PieceLength(pieces[i]));
            at += PieceLength(pieces[i]);
        }

        LengthCm = at;
        var gap = Math.Sqrt((pose.XCm * pose.XCm) + (pose.YCm * pose.YCm));
        var turns = pieces.Count(p => p == TrackPiece.LeftCurve) - pieces.Count(p => p == TrackPiece.RightCurve);
        if (Math.Abs(turns) != LegoTrack.CurvesPerCircle || gap > ClosureToleranceCm)
        {
            throw new TrackLoopException(
                $"Layout '{Notation}' does not close: its end is {gap:F1} cm from its start and it turns {turns * 22.5:F1} degrees " +
                $"(a closed loop turns +-360, i.e. {LegoTrack.CurvesPerCircle} more curves one way than the other, and ends within {ClosureToleranceCm} cm of its start).");
        }
    }

    public IReadOnlyList<TrackPiece> Pieces => _pieces;

    public double LengthCm { get; }

    /// <summary>The layout in the notation <see cref="Parse"/> reads, run-length encoded ("8L 2S 8L 2S").</summary>
    public string Notation => Encode(_pieces);

    /// <summary>
    /// Reads a layout written as pieces in laying order: <c>S</c> straight, <c>L</c> left curve, <c>R</c> right curve,
    /// each optionally preceded by a repeat count; spaces are ignored. "8L 2S 8L 2S" is the oval of a LEGO City train set
    /// with two straights on each side.
    /// </summary>
    public static TrackLoop Parse(string notation)
    {
        ArgumentNullException.ThrowIfNull(notation);
        var pieces = new List<TrackPiece>();
        var count = 0;
        var counted = false;
        foreach (var c in notation.Where(c => !char.IsWhiteSpace(c)))
        {
            if (char.IsAsciiDigit(c))
            {
                count = checked((count * 10) + (c - '0'));
                counted = true;
                if (count > 1000)
                {
                    throw new TrackLoopException($"Layout '{notation}': a repeat count above 1000 pieces is not a table layout.");
                }

                continue;
            }

            var piece = char.ToUpperInvariant(c) switch
            {
                'S' => TrackPiece.Straight,
                'L' => TrackPiece.LeftCurve,
                'R' => TrackPiece.RightCurve,
                _ => throw new TrackLoopException($"Layout '{notation}': '{c}' is not a piece (S straight, L left curve, R right curve)."),
            };
            pieces.AddRange(Enumerable.Repeat(piece, counted ? count : 1));
            count = 0;
            counted = false;
        }

        if (counted)
        {
            throw new TrackLoopException($"Layout '{notation}' ends with a count and no piece.");
        }

        if (pieces.Count == 0)
        {
            throw new TrackLoopException("The layout is empty: name its pieces, e.g. '8L 2S 8L 2S'.");
        }

        return new TrackLoop([.. pieces]);
    }

    /// <summary>Where the track's centre line is, and which way it runs, at a distance along the loop (wrapped into the loop).</summary>
    public TablePose PoseAt(double distanceCm)
    {
        var s = Wrap(distanceCm);
        var index = Array.BinarySearch(_startCm, s);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return Advance(_startPose[index], _pieces[index], s - _startCm[index]);
    }

    /// <summary>A distance along the loop folded into [0, <see cref="LengthCm"/>).</summary>
    public double Wrap(double distanceCm)
    {
        var s = distanceCm % LengthCm;
        return s < 0 ? s + LengthCm : s;
    }

    private static double PieceLength(TrackPiece piece) =>
        piece == TrackPiece.Straight ? LegoTrack.StraightLengthCm : LegoTrack.CurveLengthCm;

    private static TablePose Advance(TablePose origin, TrackPiece piece, double alongCm)
    {
        if (piece == TrackPiece.Straight)
        {
            return origin with
            {
                XCm = origin.XCm + (alongCm * Math.Cos(origin.Heading)),
                YCm = origin.YCm + (alongCm * Math.Sin(origin.Heading)),
            };
        }

        var side = piece == TrackPiece.LeftCurve ? 1 : -1;
        var r = LegoTrack.CurveRadiusCm;
        var cx = origin.XCm - (side * r * Math.Sin(origin.Heading));
        var cy = origin.YCm + (side * r * Math.Cos(origin.Heading));
        var heading = origin.Heading + (side * alongCm / r);
        return new TablePose(cx + (side * r * Math.Sin(heading)), cy - (side * r * Math.Cos(heading)), heading);
    }

    private static string Encode(TrackPiece[] pieces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pieces.Length;)
        {
            var run = 1;
            while (i + run < pieces.Length && pieces[i + run] == pieces[i])
            {
                run++;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(run.ToString(CultureInfo.InvariantCulture)).Append(pieces[i] switch
            {
                TrackPiece.Straight => 'S',
                TrackPiece.LeftCurve => 'L',
                _ => 'R',
            });
            i += run;
        }

        return text.ToString();
    }
}
