using CrazyTrain.Signs;

namespace CrazyTrain.Simulation.Signs;

/// <summary>
/// Every LEGO sign the renderer can draw beside the track: the detector's targets first, then the distractors.
/// Which kind draws which class of the sign catalogue is <see cref="SignKinds"/>' table, not this order (which
/// only fixes the seeded draws: append, never reorder).
/// </summary>
public enum SignKind
{
    Stop,
    NoEntry,
    SpeedLimit30,
    SpeedLimit50,
    Danger,
    Parking,
    CarDisc,
    BicycleDisc,
    BusStop,
    PedestrianCrossing,
    NoHorn,
    TrafficLight,
}

/// <summary>The pictogram printed on a yellow danger triangle.</summary>
public enum DangerPictogram
{
    Exclamation,
    LevelCrossingGate,
    SteamLocomotive,
    Children,
    RoadWorker,
}

/// <summary>Outline of the printed plate.</summary>
public enum SignShape
{
    Round,
    Triangle,
    Square,
    TallBox,
}

public static class SignKinds
{
    /// <summary>
    /// The face that draws each class of the sign catalogue (CrazyTrain.Signs). A new class in the catalogue needs
    /// its kind here, its face in <see cref="SignFaces"/> and its share in the scene generator.
    /// </summary>
    private static readonly Dictionary<SignKind, SignClass> Drawn = new()
    {
        [SignKind.Stop] = SignCatalogue.Stop,
        [SignKind.NoEntry] = SignCatalogue.NoEntry,
        [SignKind.SpeedLimit30] = SignCatalogue.SpeedLimit30,
        [SignKind.SpeedLimit50] = SignCatalogue.SpeedLimit50,
        [SignKind.Danger] = SignCatalogue.Danger,
    };

    public static IReadOnlyList<SignKind> All { get; } = Enum.GetValues<SignKind>();

    /// <summary>The kinds that draw the detector's classes, in class-index order.</summary>
    public static IReadOnlyList<SignKind> Targets { get; } = SignCatalogue.Classes.Select(KindOf).ToArray();

    public static IReadOnlyList<SignKind> Distractors { get; } = All.Where(k => !IsTarget(k)).ToArray();

    public static bool IsTarget(SignKind kind) => Drawn.ContainsKey(kind);

    /// <summary>The catalogue class this kind draws, or null for distractors.</summary>
    public static SignClass? Class(SignKind kind) => Drawn.GetValueOrDefault(kind);

    /// <summary>The kind whose face draws <paramref name="sign"/>.</summary>
    public static SignKind KindOf(SignClass sign) =>
        Drawn.Where(d => d.Value == sign).Select(d => (SignKind?)d.Key).SingleOrDefault()
        ?? throw new InvalidOperationException($"The renderer has no face for sign class '{sign.Label}': add it to SignKinds.");

    /// <summary>Name used in annotations (targets use their label).</summary>
    public static string Name(SignKind kind) => Class(kind)?.Label ?? kind switch
    {
        SignKind.Parking => "parking",
        SignKind.CarDisc => "car",
        SignKind.BicycleDisc => "bicycle",
        SignKind.BusStop => "bus_stop",
        SignKind.PedestrianCrossing => "pedestrian_crossing",
        SignKind.NoHorn => "no_horn",
        SignKind.TrafficLight => "traffic_light",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static SignKind Parse(string name)
    {
        foreach (var kind in All)
        {
            if (Name(kind) == name) return kind;
        }

        throw new ArgumentException($"Unknown sign kind '{name}'. Known: {string.Join(", ", All.Select(Name))}.", nameof(name));
    }

    /// <summary>The detector label, or null for distractors.</summary>
    public static string? Label(SignKind kind) => Class(kind)?.Label;

    /// <summary>Class index in the sign catalogue (the model's outputs), or null for distractors.</summary>
    public static int? ClassIndex(SignKind kind) => Class(kind)?.ClassIndex;

    public static SignShape Shape(SignKind kind) => kind switch
    {
        SignKind.Danger => SignShape.Triangle,
        SignKind.Parking or SignKind.BusStop or SignKind.PedestrianCrossing or SignKind.NoHorn => SignShape.Square,
        SignKind.TrafficLight => SignShape.TallBox,
        _ => SignShape.Round,
    };

    /// <summary>Physical width and height of the printed face in metres (LEGO 2x2 plates are 16 mm).</summary>
    public static (double Width, double Height) FaceSize(SignKind kind) => Shape(kind) switch
    {
        SignShape.Triangle => (0.0168, 0.0168),
        SignShape.TallBox => (0.0080, 0.0200),
        _ => (0.0160, 0.0160),
    };
}
