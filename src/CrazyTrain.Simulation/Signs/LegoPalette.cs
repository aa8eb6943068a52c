using OpenCvSharp;

namespace CrazyTrain.Simulation.Signs;

/// <summary>LEGO colours (Rebrickable table) as BGR scalars, the colours printed sign faces are close to.</summary>
public static class LegoPalette
{
    public static Scalar Yellow { get; } = Bgr(0xF2CD37);
    public static Scalar Red { get; } = Bgr(0xC91A09);
    public static Scalar Blue { get; } = Bgr(0x0055BF);
    public static Scalar White { get; } = Bgr(0xF4F4F4);
    public static Scalar Black { get; } = Bgr(0x05131D);
    public static Scalar LightBluishGray { get; } = Bgr(0xA0A5A9);
    public static Scalar DarkBluishGray { get; } = Bgr(0x6C6E68);
    public static Scalar Green { get; } = Bgr(0x237841);
    public static Scalar BrightGreen { get; } = Bgr(0x4B9F4A);
    public static Scalar Orange { get; } = Bgr(0xFE8A18);
    public static Scalar Tan { get; } = Bgr(0xE4CD9E);
    public static Scalar ReddishBrown { get; } = Bgr(0x582A12);
    public static Scalar MediumAzure { get; } = Bgr(0x36AEBF);
    public static Scalar TransRed { get; } = Bgr(0xE03C28);
    public static Scalar TransYellow { get; } = Bgr(0xF5E36A);
    public static Scalar TransGreen { get; } = Bgr(0x64C85A);

    /// <summary>Colours of the plastic bricks that clutter a LEGO table.</summary>
    public static IReadOnlyList<Scalar> BrickColours { get; } =
        [Yellow, Red, Blue, White, Black, LightBluishGray, DarkBluishGray, Green, BrightGreen, Orange, Tan, ReddishBrown, MediumAzure];

    public static Scalar Bgr(int rgb) => new(rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF);
}
