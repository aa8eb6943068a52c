namespace CrazyTrain.Simulation.Signs;

/// <summary>Every LEGO sign that stands beside the track: the five targets first, then the distractors.</summary>
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
    public static IReadOnlyList<SignKind> All { get; } = Enum.GetValues<SignKind>();

    public static IReadOnlyList<SignKind> Targets { get; } =
        [SignKind.Stop, SignKind.NoEntry, SignKind.SpeedLimit30, SignKind.SpeedLimit50, SignKind.Danger];

    public static IReadOnlyList<SignKind> Distractors { get; } = All.Where(k => !IsTarget(k)).ToArray();

    public static bool IsTarget(SignKind kind) => kind <= SignKind.Danger;

    /// <summary>Name used in annotations (targets use their label).</summary>
    public static string Name(SignKind kind) => kind switch
    {
        SignKind.Stop => "stop",
        SignKind.NoEntry => "no_entry",
        SignKind.SpeedLimit30 => "speed_limit_30",
        SignKind.SpeedLimit50 => "speed_limit_50",
        SignKind.Danger => "danger",
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
    public static string? Label(SignKind kind) => IsTarget(kind) ? Name(kind) : null;

    /// <summary>Class index in <see cref="SignLabels.Targets"/>, or null for distractors.</summary>
    public static int? ClassIndex(SignKind kind) => IsTarget(kind) ? (int)kind : null;

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
