using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Signs;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.Train;

namespace CrazyTrain.Twin.Episodes;

/// <summary>
/// Where an episode's signs stand (the sight rule, docs/twin.md): a target sign goes only where the camera sees it at
/// least 12 px wide from <see cref="RequiredSightCm"/> ahead all the way in, so a controller that reacts within
/// <see cref="ReactionBudgetS"/> of that first frame can brake to a standstill before it; its sight line starts after
/// the previous target (one sign at a time, as the controller's debounce and cooldown expect) and after the train has
/// had room to get going; all targets are met within the lap. Distractors stand clear of the targets.
/// </summary>
public static class SignPlanner
{
    /// <summary>From the first frame with the sign 12 px wide to the hub braking: the controller's debounce (2 of 3 frames at 30 frames/s, about 0.07 s; it was 4 of 6 at 10 frames/s, 0.4 s, when the worlds were planned) plus the pipeline and the hub link, with room to spare; kept so that seeds keep their worlds.</summary>
    public const double ReactionBudgetS = 1.5;

    /// <summary>Kept between the standstill and the sign, so "stopped before" is not decided by a millimetre.</summary>
    public const double MarginCm = 5;

    /// <summary>Run from the start before the first sight line begins: the train reaches cruise in about 1.5 s (about 30 cm).</summary>
    public const double StartRunCm = 30;

    /// <summary>Run after the previous target before the next one's sight line begins (a stop hold, a halt, or a danger pause happen here).</summary>
    public const double GapCm = 10;

    /// <summary>Every target is passed at least this far before the lap ends.</summary>
    public const double LapEndMarginCm = 25;

    /// <summary>A distractor stands at least this far from any target along the loop.</summary>
    public const double DistractorClearanceCm = 20;

    /// <summary>
    /// The sight a target needs at the train's cruise speed v (power <see cref="EpisodePlan.CruisePower"/>):
    /// v * <see cref="ReactionBudgetS"/> + v² / (2 * braking deceleration) + <see cref="MarginCm"/>.
    /// At the default motor (v = 26.5 cm/s): 39.7 + 1.8 + 5 = 46.5 cm.
    /// </summary>
    public static double RequiredSightCm(MotorModel motor)
    {
        var v = motor.SteadySpeed(EpisodePlan.CruisePower);
        return (v * ReactionBudgetS) + (v * v / (2 * motor.BrakeCmPerS2)) + MarginCm;
    }

    /// <summary>The episode's signs, or null when the loop has no room even for its STOP sign (the caller tries another loop).</summary>
    public static IReadOnlyList<PlannedSign>? Place(TrackLoop layout, double startCm, MotorModel motor, DeterministicRandom random)
    {
        var targets = new List<SignKind> { SignKind.Stop };
        if (random.Chance(0.6))
        {
            targets.Insert(random.Next(0, targets.Count + 1), random.Chance(0.5) ? SignKind.SpeedLimit30 : SignKind.SpeedLimit50);
        }

        if (random.Chance(0.5))
        {
            targets.Insert(random.Next(0, targets.Count + 1), SignKind.Danger);
        }

        // A no-entry sign halts the train for good: it can only be the last sign of the episode.
        if (random.Chance(0.35))
        {
            targets.Add(SignKind.NoEntry);
        }

        var sight = new SignSight(layout);
        var required = RequiredSightCm(motor);
        while (true)
        {
            var placed = TryPlace(layout, startCm, targets, sight, required, random.Fork((ulong)targets.Count));
            if (placed is not null)
            {
                return [.. placed, .. Distractors(layout, placed, random)];
            }

            // Too many signs for this loop: drop the last one that is not the STOP sign, or give up on the loop.
            var drop = targets.FindLastIndex(k => k != SignKind.Stop);
            if (drop < 0)
            {
                return null;
            }

            targets.RemoveAt(drop);
        }
    }

    private static List<PlannedSign>? TryPlace(TrackLoop layout, double startCm, List<SignKind> kinds, SignSight sight, double required, DeterministicRandom random)
    {
        var placed = new List<PlannedSign>();
        var sightFrom = startCm + StartRunCm;
        var lastCm = startCm + layout.LengthCm - LapEndMarginCm;
        foreach (var kind in kinds)
        {
            var side = random.Chance(0.8) ? TrackSide.Right : TrackSide.Left;
            var offset = Math.Round(random.Range(6, 9), 1);
            var fits = new List<(double AtCm, LinesideSign Sign, double Sight)>();
            for (var at = sightFrom + required; at <= lastCm && fits.Count < 30; at += 2)
            {
                var sign = new LinesideSign(kind, Math.Round(layout.Wrap(at), 1), side, offset);
                var seen = sight.SightCm(sign);
                if (seen >= required && at - seen >= sightFrom)
                {
                    fits.Add((at, sign, seen));
                }
            }

            if (fits.Count == 0)
            {
                return null;
            }

            // Some jitter among the first places that fit, so that the signs do not always stand as early as they can.
            var (atCm, chosen, seenCm) = fits[random.Next(0, Math.Min(fits.Count, 10))];
            placed.Add(new PlannedSign(chosen, seenCm));
            sightFrom = atCm + GapCm;
        }

        return placed;
    }

    private static IEnumerable<PlannedSign> Distractors(TrackLoop layout, List<PlannedSign> targets, DeterministicRandom random)
    {
        var count = random.Next(1, 4);
        var taken = targets.Select(t => t.Sign.PositionCm).ToList();
        for (var i = 0; i < count; i++)
        {
            var kind = random.Pick(SignKinds.Distractors);
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var at = Math.Round(random.Range(0, layout.LengthCm), 1);
                if (taken.All(t => AlongLoop(layout, t, at) >= DistractorClearanceCm))
                {
                    taken.Add(at);
                    yield return new PlannedSign(new LinesideSign(kind, at, random.Chance(0.5) ? TrackSide.Right : TrackSide.Left, Math.Round(random.Range(6, 12), 1)), 0);
                    break;
                }
            }
        }
    }

    private static double AlongLoop(TrackLoop layout, double a, double b)
    {
        var d = Math.Abs(layout.Wrap(a) - layout.Wrap(b));
        return Math.Min(d, layout.LengthCm - d);
    }
}
