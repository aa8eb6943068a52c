using OpenCvSharp;

namespace CrazyTrain.Simulation.Scenes;

/// <summary>Colour of light by colour temperature, as B, G, R gains relative to daylight (6500 K), green = 1.</summary>
public static class LightColour
{
    private static readonly (double Kelvin, double R, double G, double B)[] Table =
    [
        (2000, 255, 137, 14), (2500, 255, 159, 70), (3000, 255, 177, 110), (3500, 255, 196, 137), (4000, 255, 209, 163),
        (4500, 255, 219, 186), (5000, 255, 228, 206), (5500, 255, 236, 224), (6500, 255, 249, 253), (8000, 227, 233, 255),
        (10000, 207, 218, 255),
    ];

    public static Scalar Gains(double kelvin, double strength = 1.0)
    {
        kelvin = Math.Clamp(kelvin, Table[0].Kelvin, Table[^1].Kelvin);
        var i = 0;
        while (i < Table.Length - 2 && Table[i + 1].Kelvin < kelvin) i++;
        var a = Table[i];
        var b = Table[i + 1];
        var t = (kelvin - a.Kelvin) / (b.Kelvin - a.Kelvin);
        var r = a.R + (b.R - a.R) * t;
        var g = a.G + (b.G - a.G) * t;
        var bl = a.B + (b.B - a.B) * t;
        // Relative to daylight, normalised on green, then only 'strength' of it survives white balance.
        var rr = Math.Pow(r / 255.0 / (249 / 255.0) * (249.0 / g), strength);
        var bb = Math.Pow(bl / 253.0 * (249.0 / g), strength);
        return new Scalar(bb, 1.0, rr);
    }
}
