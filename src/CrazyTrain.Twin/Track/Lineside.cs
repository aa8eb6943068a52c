namespace CrazyTrain.Twin.Track;

/// <summary>The signs of one layout, checked to stand beside its track, in order along the loop.</summary>
public sealed class Lineside
{
    private readonly LinesideSign[] _signs;

    public Lineside(TrackLoop layout, IEnumerable<LinesideSign> signs)
    {
        Layout = layout;
        _signs = [.. signs.OrderBy(s => s.PositionCm)];
        foreach (var sign in _signs)
        {
            if (!double.IsFinite(sign.PositionCm) || sign.PositionCm < 0 || sign.PositionCm >= layout.LengthCm)
            {
                throw new TrackLoopException(
                    $"The {sign.Label} sign at {sign.PositionCm} cm is off the track: positions run from 0 to {layout.LengthCm:F1} cm on layout '{layout.Notation}'.");
            }

            if (!double.IsFinite(sign.OffsetCm) || sign.OffsetCm < LinesideSign.MinOffsetCm || sign.OffsetCm > LinesideSign.MaxOffsetCm)
            {
                throw new TrackLoopException(
                    $"The {sign.Label} sign at {sign.PositionCm} cm stands {sign.OffsetCm} cm from the centre line: a sign beside this track stands " +
                    $"{LinesideSign.MinOffsetCm:F1} to {LinesideSign.MaxOffsetCm:F0} cm from it.");
            }
        }
    }

    public TrackLoop Layout { get; }

    public IReadOnlyList<LinesideSign> Signs => _signs;

    /// <summary>
    /// The first sign ahead of a position when running forwards (a sign exactly at the position is behind: the train
    /// has reached it), and how far ahead it is, around the loop. Null when the layout has no signs.
    /// </summary>
    public (LinesideSign Sign, double DistanceCm)? NextAhead(double positionCm, Func<LinesideSign, bool>? which = null)
    {
        var here = Layout.Wrap(positionCm);
        (LinesideSign, double)? best = null;
        foreach (var sign in _signs.Where(which ?? (_ => true)))
        {
            var ahead = sign.PositionCm - here;
            if (ahead <= 0)
            {
                ahead += Layout.LengthCm;
            }

            if (best is null || ahead < best.Value.Item2)
            {
                best = (sign, ahead);
            }
        }

        return best;
    }

    /// <summary>Where a sign's base stands on the table: beside the centre line, on its side.</summary>
    public TablePose PoseOf(LinesideSign sign)
    {
        var track = Layout.PoseAt(sign.PositionCm);
        var toSide = track.Heading + (sign.Side == TrackSide.Left ? Math.PI / 2 : -Math.PI / 2);
        return new TablePose(
            track.XCm + (sign.OffsetCm * Math.Cos(toSide)),
            track.YCm + (sign.OffsetCm * Math.Sin(toSide)),
            track.Heading + Math.PI);
    }
}
