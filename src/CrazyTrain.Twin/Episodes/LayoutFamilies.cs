using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Twin.Track;

namespace CrazyTrain.Twin.Episodes;

/// <summary>
/// The shapes an episode's loop takes. Each is written as one half laid twice: a half that turns exactly 180 degrees,
/// laid again, ends where the loop began (the second half is the first turned half a circle), so every parameter
/// choice closes; <see cref="TrackLoop.Parse"/> checks it all the same, and <see cref="HasClearance"/> that no two
/// stretches of track come too close to each other.
/// </summary>
public static class LayoutFamilies
{
    public const string Oval = "oval";
    public const string RoundedRectangle = "rounded-rectangle";
    public const string JoggedOval = "jogged-oval";
    public const string PinchedOval = "pinched-oval";

    public static IReadOnlyList<string> Names { get; } = [Oval, RoundedRectangle, JoggedOval, PinchedOval];

    /// <summary>Centre lines of track that is not joined must stay this far apart: two sleepers (6.4 cm) and a sign between them.</summary>
    public const double ClearanceCm = 20;

    /// <summary>Every half a family can lay, for the tests that prove each one closes and keeps its clearance.</summary>
    public static IEnumerable<(string Family, string Half)> AllHalves()
    {
        for (var n = 2; n <= 6; n++)
        {
            yield return (Oval, $"8L {n}S");
        }

        for (var a = 1; a <= 3; a++)
        {
            for (var b = a + 1; b <= 5; b++)
            {
                yield return (RoundedRectangle, $"4L {a}S 4L {b}S");
            }
        }

        for (var a = 1; a <= 2; a++)
        {
            for (var b = 1; b <= 2; b++)
            {
                // An S-bend outwards in each long side: right curves in a left-turning loop.
                yield return (JoggedOval, $"8L {a}S 2R 2L {b}S");

                // An S-bend inwards: the loop's waist narrows to 26.5 cm between centre lines.
                yield return (PinchedOval, $"8L {a}S 2L 2R {b}S");
            }
        }
    }

    /// <summary>A seeded loop: family, its notation, and whether it runs clockwise (every curve mirrored: the signs on the right stand inside the loop).</summary>
    public static (string Family, string Notation, bool Clockwise) Pick(DeterministicRandom random)
    {
        var family = random.Pick(Names);
        var half = random.Pick(AllHalves().Where(h => h.Family == family).Select(h => h.Half).ToList());
        var clockwise = random.Chance(0.5);
        var loop = $"{half} {half}";
        return (family, clockwise ? Mirror(loop) : loop, clockwise);
    }

    /// <summary>The same pieces with every curve turning the other way.</summary>
    public static string Mirror(string notation) =>
        new([.. notation.Select(c => c switch { 'L' => 'R', 'R' => 'L', _ => c })]);

    /// <summary>True when no two points of the centre line more than 60 cm apart along the loop lie closer than <see cref="ClearanceCm"/> on the table.</summary>
    public static bool HasClearance(TrackLoop layout)
    {
        const double step = 2;
        var points = new List<TablePose>();
        for (var s = 0.0; s < layout.LengthCm; s += step)
        {
            points.Add(layout.PoseAt(s));
        }

        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                var along = Math.Min(j - i, points.Count - (j - i)) * step;
                var apart = Math.Sqrt(Math.Pow(points[i].XCm - points[j].XCm, 2) + Math.Pow(points[i].YCm - points[j].YCm, 2));
                if (along > 60 && apart < ClearanceCm)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
