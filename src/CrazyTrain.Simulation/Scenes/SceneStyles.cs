using OpenCvSharp;

namespace CrazyTrain.Simulation.Scenes;

/// <summary>
/// The named scene styles. Training renders use <see cref="Training"/>; a synthetic test set uses
/// <see cref="HeldOut"/> (and another seed) so the test measures generalisation to unseen rooms and light.
/// </summary>
public static class SceneStyles
{
    private static readonly Scalar White = new(238, 240, 242);
    private static readonly Scalar Cream = new(205, 228, 240);
    private static readonly Scalar LightGrey = new(200, 200, 196);

    public static SceneStyle LivingRoomDaylight { get; } = new("living-room-daylight", "White or cream living room, big bright windows, sofa and shelves, neutral daylight")
    {
        WallColours = [White, Cream, new(215, 225, 230), new(190, 200, 205)],
        FloorColours = [new(70, 110, 150), new(90, 130, 170), new(120, 120, 120)],
        FurnitureColours = [new(60, 70, 90), new(200, 200, 200), new(40, 50, 70), new(120, 100, 80), new(80, 120, 160)],
        Daylight = 1.0,
        Kelvin = (5000, 7000),
        Exposure = (0.85, 1.25),
    };

    public static SceneStyle LivingRoomEvening { get; } = new("living-room-evening", "Living room at night: warm lamp light, dark windows, noisy dim frames")
    {
        WallColours = [White, Cream, new(170, 200, 220)],
        FloorColours = [new(50, 80, 120), new(40, 60, 90)],
        FurnitureColours = [new(40, 50, 70), new(90, 90, 130), new(60, 60, 60)],
        Daylight = 0.0,
        LampChance = 1.0,
        Kelvin = (2400, 3200),
        CastStrength = (0.35, 0.75),
        Exposure = (0.5, 0.9),
        Noise = (4, 12),
        Contrast = (0.7, 1.0),
    };

    public static SceneStyle KidsRoom { get; } = new("kids-room", "Colourful children's room: pastel walls, toys and fabrics, mixed light")
    {
        WallColours = [new(230, 210, 170), new(200, 230, 200), new(210, 200, 240), new(180, 225, 245)],
        FloorColours = [new(90, 140, 190), new(120, 110, 100), new(60, 120, 180)],
        FurnitureColours = [new(30, 60, 200), new(200, 120, 30), new(40, 180, 230), new(230, 230, 230), new(60, 160, 60)],
        Tables = [(TableMaterial.Black, 1), (TableMaterial.Wood, 2), (TableMaterial.DarkGrey, 1)],
        Clutter = 4,
        Kelvin = (3500, 6500),
        PropChance = 0.7,
    };

    public static SceneStyle OfficeFluorescent { get; } = new("office-fluorescent", "Office or classroom: grey walls, cabinets, doors, greenish fluorescent tubes")
    {
        WallColours = [LightGrey, White, new(180, 190, 190)],
        FloorColours = [new(110, 110, 105), new(90, 95, 100)],
        FurnitureColours = [new(180, 180, 180), new(60, 60, 60), new(120, 130, 140)],
        Tables = [(TableMaterial.Black, 2), (TableMaterial.DarkGrey, 2), (TableMaterial.Wood, 1)],
        Kelvin = (3800, 4800),
        Tint = new(0.95, 1.06, 0.93),
        Daylight = 0.6,
    };

    public static SceneStyle WorkshopDim { get; } = new("workshop-dim", "Dim workshop: dark, flat, noisy, spot lamps and shelves of boxes")
    {
        WallColours = [new(150, 150, 145), new(110, 120, 125), new(170, 180, 185)],
        FloorColours = [new(70, 70, 70), new(50, 55, 60)],
        FurnitureColours = [new(40, 40, 40), new(30, 80, 140), new(90, 90, 90), new(20, 90, 170)],
        Tables = [(TableMaterial.Black, 1), (TableMaterial.DarkGrey, 2), (TableMaterial.DarkBrown, 1)],
        WallDistance = (1.2, 3.0),
        Daylight = 0.3,
        LampChance = 0.9,
        Exposure = (0.45, 0.8),
        Contrast = (0.6, 0.9),
        Noise = (5, 14),
        HazeChance = 0.4,
    };

    public static SceneStyle ExhibitionHall { get; } = new("exhibition-hall", "LEGO fair hall: far walls, black tables, bright overhead light, haze")
    {
        WallColours = [new(190, 190, 190), new(140, 140, 150), new(230, 230, 230)],
        FloorColours = [new(100, 100, 100), new(60, 60, 70)],
        FurnitureColours = [new(30, 30, 30), new(160, 60, 30), new(200, 200, 200), new(40, 140, 220)],
        Tables = [(TableMaterial.Black, 3), (TableMaterial.DarkGrey, 1), (TableMaterial.Felt, 1)],
        WallDistance = (4.0, 9.0),
        Clutter = 5,
        Kelvin = (4000, 6000),
        HazeChance = 0.5,
        HazeMax = 0.3,
    };

    public static SceneStyle KitchenBacklit { get; } = new("kitchen-backlit", "Kitchen table against a bright window: backlight, haze, low contrast")
    {
        WallColours = [White, new(200, 215, 225), new(160, 190, 200)],
        FloorColours = [new(150, 150, 150), new(80, 110, 140)],
        FurnitureColours = [new(230, 230, 230), new(80, 100, 120), new(50, 70, 100)],
        Tables = [(TableMaterial.Wood, 2), (TableMaterial.DarkBrown, 2), (TableMaterial.Black, 1)],
        Daylight = 1.0,
        Exposure = (0.6, 1.0),
        Contrast = (0.55, 0.85),
        HazeChance = 0.7,
        HazeMax = 0.35,
    };

    /// <summary>
    /// A low webcam riding on a train, in rooms other than the real-like stand-in's: the camera pipeline of a cheap
    /// webcam all at once (soft sensor, blue-grey white balance, washed-out colour, blown windows, vignetting, motion
    /// smear) rather than each flaw now and then. The same scenes rendered in train-webcam's look and phone-track's
    /// (same seed) score 0.878 and 0.945 mAP by kind with model 1.6.0, so the look itself costs ~7 points; the train
    /// camera is most of the real photos.
    /// </summary>
    public static SceneStyle OnboardWebcam { get; } = new("onboard-webcam", "A low webcam riding on a train: soft, blue-grey, washed out, blown windows, vignetting, clutter")
    {
        WallColours = [LightGrey, new(200, 225, 215), new(225, 215, 200), new(170, 180, 190)],
        FloorColours = [new(110, 110, 105), new(70, 100, 140), new(60, 60, 65)],
        FurnitureColours = [new(50, 50, 55), new(200, 200, 195), new(140, 90, 50), new(40, 120, 60), new(120, 130, 140)],
        Tables = [(TableMaterial.Black, 2), (TableMaterial.DarkGrey, 1), (TableMaterial.Wood, 1), (TableMaterial.DarkBrown, 1)],
        WallDistance = (1.2, 3.5),
        Clutter = 4.5,
        Fabric = 2,
        NearCloth = 0.35,
        TrainNose = 0.5,
        PropChance = 0.6,
        Daylight = 0.8,
        Kelvin = (4500, 8000),
        BlueGain = (1.0, 1.25),
        Exposure = (0.9, 1.3),
        BlowOutChance = 0.5,
        Contrast = (0.7, 1.0),
        ToneCurveChance = 0.5,
        Saturation = (0.4, 0.85),
        Noise = (2, 6),
        DefocusMin = 0.4,
        DefocusMax = 1.7,
        SoftChance = 0.9,
        SoftResolution = (0.45, 0.8),
        MotionBlurChance = 0.5,
        MotionBlurMax = 9,
        Vignette = (0.25, 0.75),
        CloseUpChance = 0,
    };

    public static SceneStyle CloseUpPlain { get; } = new("close-up-plain", "Camera held close to signs in front of plain walls, card or cloth")
    {
        CloseUpChance = 1.0,
        Kelvin = (3000, 6500),
        NearCloth = 0,
        TrainNose = 0,
    };

    public static SceneStyle AtticSkylight { get; } = new("attic-skylight", "Held out: wooden attic, warm daylight from above, brown tables")
    {
        HeldOut = true,
        WallColours = [new(120, 170, 210), new(100, 150, 190), new(220, 230, 235)],
        FloorColours = [new(60, 100, 150)],
        FurnitureColours = [new(50, 80, 120), new(200, 200, 190), new(90, 60, 40)],
        Tables = [(TableMaterial.Wood, 2), (TableMaterial.DarkBrown, 2)],
        WallDistance = (1.2, 2.5),
        Daylight = 1.0,
        Kelvin = (4200, 5600),
    };

    public static SceneStyle BasementClub { get; } = new("basement-club", "Held out: club basement, brick-coloured walls, mixed cool light, black tables")
    {
        HeldOut = true,
        WallColours = [new(80, 100, 150), new(120, 120, 130), new(60, 70, 90)],
        FloorColours = [new(50, 50, 50)],
        FurnitureColours = [new(20, 20, 20), new(150, 150, 150), new(30, 40, 140)],
        Tables = [(TableMaterial.Black, 2), (TableMaterial.Felt, 1), (TableMaterial.DarkGrey, 1)],
        Daylight = 0.0,
        LampChance = 1.0,
        Kelvin = (5500, 8500),
        Exposure = (0.55, 0.95),
        Noise = (4, 10),
    };

    public static SceneStyle CloseUpCloth { get; } = new("close-up-cloth", "Held out: close-ups in front of coloured cloth and card")
    {
        HeldOut = true,
        CloseUpChance = 1.0,
        PlainBackgrounds = [new(120, 60, 40), new(60, 130, 60), new(180, 180, 150), new(90, 90, 160)],
        NearCloth = 0,
        TrainNose = 0,
    };

    /// <summary>
    /// The look of the real train's webcam, from the statistics of its frames (perception issue): low and soft,
    /// blue-grey white balance, blown-out windows and white walls, vignetting, more contrast and less saturation
    /// than other renders, a cluttered room with vivid patterned fabric, black or dark brown tables. Never trained
    /// on: the model factory reports it on its own as the best stand-in for real photos.
    /// </summary>
    public static SceneStyle TrainWebcam { get; } = new("train-webcam", "Real-like: the train's own webcam in a cluttered room (validation stand-in for real photos)")
    {
        RealLike = true,
        WallColours = [White, Cream, new(225, 228, 226), new(200, 205, 200)],
        FloorColours = [new(60, 80, 110), new(90, 100, 110), new(50, 60, 70)],
        FurnitureColours = [new(40, 40, 45), new(220, 220, 220), new(60, 90, 140), new(30, 60, 110), new(150, 150, 150)],
        Tables = [(TableMaterial.Black, 3), (TableMaterial.DarkBrown, 2)],
        WallDistance = (1.2, 3.0),
        Clutter = 5,
        Fabric = 3,
        NearCloth = 0.45,
        TrainNose = 0.6,
        PropChance = 0.7,
        Daylight = 1.0,
        Kelvin = (5000, 7500),
        BlueGain = (1.05, 1.22),
        Exposure = (1.0, 1.25),
        BlowOutChance = 0.55,
        Contrast = (0.75, 0.95),
        ToneCurveChance = 0.5,
        Saturation = (0.45, 0.8),
        Noise = (2, 4.5),
        DefocusMin = 0.5,
        DefocusMax = 1.5,
        SoftChance = 1.0,
        SoftResolution = (0.5, 0.75),
        MotionBlurChance = 0.5,
        MotionBlurMax = 8,
        Vignette = (0.3, 0.7),
        CloseUpChance = 0,
    };

    /// <summary>
    /// The look of a phone held at track level (22 of the perception issue's 64 real photos, the weakest kind for
    /// model 1.2.0): sharp, warm light, saturated colour, high dynamic range with little clipping, no vignetting or
    /// motion smear, in the same cluttered real room with patterned fabric and a black or dark brown table; no train
    /// nose (the phone is not on the train). Never trained on: reported beside train-webcam as a stand-in.
    /// </summary>
    public static SceneStyle PhoneTrack { get; } = new("phone-track", "Real-like: a phone held at track level in a cluttered room (validation stand-in for real photos)")
    {
        RealLike = true,
        WallColours = [White, Cream, new(200, 215, 225), new(170, 190, 205)],
        FloorColours = [new(60, 80, 110), new(70, 100, 140), new(50, 60, 70)],
        FurnitureColours = [new(40, 40, 45), new(210, 215, 220), new(60, 90, 140), new(30, 60, 110), new(90, 110, 140)],
        Tables = [(TableMaterial.Black, 3), (TableMaterial.DarkBrown, 2)],
        WallDistance = (1.2, 3.0),
        Clutter = 5,
        Fabric = 2,
        NearCloth = 0.2,
        TrainNose = 0,
        PropChance = 0.7,
        Daylight = 0.8,
        LampChance = 0.7,
        Kelvin = (4000, 5500),
        CastStrength = (0.2, 0.4),
        BlueGain = (0.92, 1.0),
        Exposure = (1.0, 1.2),
        BlowOutChance = 0,
        Contrast = (0.7, 0.85),
        ToneCurveChance = 0.3,
        Saturation = (0.8, 1.05),
        Noise = (3, 5),
        HazeChance = 0.05,
        DefocusMin = 0,
        DefocusMax = 0.3,
        SoftChance = 0,
        SoftResolution = (0.75, 1.0),
        MotionBlurChance = 0.1,
        MotionBlurMax = 3,
        Vignette = (0, 0.15),
        CloseUpChance = 0,
    };

    public static IReadOnlyList<SceneStyle> All { get; } =
    [
        LivingRoomDaylight, LivingRoomEvening, KidsRoom, OfficeFluorescent, WorkshopDim, ExhibitionHall, KitchenBacklit,
        OnboardWebcam, CloseUpPlain, AtticSkylight, BasementClub, CloseUpCloth, TrainWebcam, PhoneTrack,
    ];

    public static IReadOnlyList<SceneStyle> Training { get; } = All.Where(s => !s.HeldOut && !s.RealLike).ToArray();

    /// <summary>Styles that imitate a real camera: a validation stand-in for real photos, never trained on.</summary>
    public static IReadOnlyList<SceneStyle> RealLike { get; } = All.Where(s => s.RealLike).ToArray();

    public static IReadOnlyList<string> RealLikeNames { get; } = RealLike.Select(s => s.Name).ToArray();

    public static IReadOnlyList<SceneStyle> HeldOut { get; } = All.Where(s => s.HeldOut).ToArray();

    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();

    public static IReadOnlyList<string> HeldOutNames { get; } = HeldOut.Select(s => s.Name).ToArray();

    public static IReadOnlyList<string> TrainingNames { get; } = Training.Select(s => s.Name).ToArray();

    public static SceneStyle Get(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown scene style '{name}'. Known styles: {string.Join(", ", Names)}.", nameof(name));
}
