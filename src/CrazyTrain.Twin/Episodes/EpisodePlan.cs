using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using CrazyTrain.Simulation.Signs;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.Train;

namespace CrazyTrain.Twin.Episodes;

/// <summary>A sign an episode stands beside its track, with how far ahead the camera sees it (0 for distractors: nobody must react to them).</summary>
public sealed record PlannedSign(LinesideSign Sign, double SightCm);

/// <summary>The room's light in one episode: colour temperature, ambient and directional parts, the sun's or lamp's direction, the webcam's exposure.</summary>
public sealed record EpisodeLighting(double Kelvin, double Ambient, double Directional, double Azimuth, double Elevation, double Exposure);

/// <summary>
/// One episode of the twin's world, chosen by its seed alone (docs/twin.md "Episodes"): a closed loop of one of the
/// <see cref="LayoutFamilies"/>, target signs placed by the sight rule (<see cref="SignPlanner"/>) and distractors
/// between them, a room style with its light, the train's top speed (so its cruise speed) and where it starts.
/// Null <see cref="Seed"/>: the world as configured, before any episode was asked for.
/// </summary>
public sealed record EpisodePlan(
    int? Seed,
    string Family,
    string Layout,
    bool Clockwise,
    IReadOnlyList<PlannedSign> Signs,
    double StartCm,
    string Style,
    EpisodeLighting? Lighting,
    double TopSpeedCmPerS)
{
    /// <summary>The controller's cruise power (its default <c>CruisePower</c>): what the sight rule assumes the train runs at.</summary>
    public const sbyte CruisePower = 60;

    /// <summary>
    /// Room styles an episode draws from, listed here rather than derived from the renderer's training styles: a seed's
    /// room must not change when the renderer gains a style (episode runs stay comparable across sessions). The
    /// training rooms, not the close-ups (no room around a table there) nor onboard-webcam (a style for its camera's
    /// flaws, which the twin's live camera does not draw).
    /// </summary>
    public static IReadOnlyList<string> Styles { get; } =
    [
        .. new[]
        {
            SceneStyles.LivingRoomDaylight, SceneStyles.LivingRoomEvening, SceneStyles.KidsRoom, SceneStyles.OfficeFluorescent,
            SceneStyles.WorkshopDim, SceneStyles.ExhibitionHall, SceneStyles.KitchenBacklit,
        }.Select(s => s.Name),
    ];

    public Lineside BuildLineside() => new(TrackLoop.Parse(Layout), Signs.Select(s => s.Sign));

    /// <summary>The train's motor for this episode: the configured one with this episode's top speed (battery and load change it).</summary>
    public MotorModel Motor(MotorModel configured) => new()
    {
        TopSpeedCmPerS = TopSpeedCmPerS,
        DeadBandPercent = configured.DeadBandPercent,
        DriveTimeConstantS = configured.DriveTimeConstantS,
        CoastFrictionCmPerS2 = configured.CoastFrictionCmPerS2,
        CoastDragPerS = configured.CoastDragPerS,
        BrakeCmPerS2 = configured.BrakeCmPerS2,
    };

    /// <summary>The same seed gives the same episode on every machine (the renderer's <see cref="DeterministicRandom"/>, not <see cref="Random"/>).</summary>
    public static EpisodePlan FromSeed(int seed, MotorModel? configured = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        var motor = configured ?? new MotorModel();
        var random = new DeterministicRandom(DeterministicRandom.DeriveSeed(seed, 0, salt: 0x7E1505));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (family, notation, clockwise) = LayoutFamilies.Pick(random);
            var layout = TrackLoop.Parse(notation);
            var topSpeed = Math.Round(random.Range(42, 58), 1);
            var startCm = Math.Round(random.Range(0, layout.LengthCm), 1);
            var episodeMotor = new EpisodePlan(seed, family, notation, clockwise, [], startCm, "", null, topSpeed).Motor(motor);
            var signs = SignPlanner.Place(layout, startCm, episodeMotor, random.Fork((ulong)attempt));
            if (signs is null || !LayoutFamilies.HasClearance(layout))
            {
                continue;
            }

            var style = random.Pick(Styles);
            return new EpisodePlan(seed, family, layout.Notation, clockwise, signs, startCm, style, PickLighting(SceneStyles.Get(style), random), topSpeed);
        }

        // Every family has room for a STOP sign on every loop (the tests prove it), so this is a bug, not bad input.
        throw new InvalidOperationException($"Seed {seed}: no layout with room for its signs in 100 attempts.");
    }

    /// <summary>The world as configured (no seed): its layout, signs and the camera's room.</summary>
    public static EpisodePlan Configured(Lineside lineside, double startCm, string style, MotorModel motor) =>
        new(null, "configured", lineside.Layout.Notation, false, [.. lineside.Signs.Select(s => new PlannedSign(s, 0))], startCm, style, null, motor.TopSpeedCmPerS);

    private static EpisodeLighting PickLighting(SceneStyle style, DeterministicRandom random) => new(
        Math.Round(random.Range(style.Kelvin.Min, style.Kelvin.Max)),
        Math.Round(random.Range(0.6, 0.8), 2),
        Math.Round(random.Range(0.25, 0.45), 2),
        Math.Round(random.Range(0, 2 * Math.PI), 2),
        Math.Round(random.Range(0.6, 1.2), 2),
        // The style's exposure, kept to what a webcam's auto-exposure settles at on a lit table.
        Math.Round(Math.Clamp(random.Range(style.Exposure.Min, style.Exposure.Max), 0.8, 1.2), 2));
}
