using System.Collections.Concurrent;
using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// Seamless tiles of table finish (1 mm per pixel, 0.512 m square): wood grain, black laminate with faint
/// wear, grey speckle, felt. Tiles are shared read-only between renderers.
/// </summary>
internal static class TableMaterials
{
    public const int TileSize = 512;
    public const double MetresPerPixel = 0.001;
    private static readonly ConcurrentDictionary<(TableMaterial, int, int, int, ulong), Lazy<Mat>> Cache = new();

    public static Mat Tile(TableSpec table)
    {
        // Few distinct variants per material keep the cache small; the colour comes from the spec.
        var key = (table.Material, (int)table.Colour.Val0, (int)table.Colour.Val1, (int)table.Colour.Val2, table.Seed % 4);
        if (Cache.Count > 256) Cache.Clear();
        return Cache.GetOrAdd(key, k => new Lazy<Mat>(() => Create(table.Material, table.Colour, k.Item5))).Value;
    }

    private static Mat Create(TableMaterial material, Scalar colour, ulong variant)
    {
        var rng = new DeterministicRandom(variant * 7919 + (ulong)material);
        using var tile = new Mat(TileSize, TileSize, MatType.CV_32FC1, Scalar.All(0));
        switch (material)
        {
            case TableMaterial.Wood:
            case TableMaterial.DarkBrown:
                AddNoise(tile, rng, 4, 128, material == TableMaterial.Wood ? 0.09 : 0.06); // long grain streaks
                AddNoise(tile, rng, 16, 256, 0.06);
                AddNoise(tile, rng, 512, 512, 0.03);
                break;
            case TableMaterial.Felt:
                AddNoise(tile, rng, 256, 256, 0.08);
                AddNoise(tile, rng, 512, 512, 0.08);
                break;
            default:
                AddNoise(tile, rng, 8, 8, 0.06);
                AddNoise(tile, rng, 512, 512, 0.04);
                break;
        }

        using var gain = new Mat();
        Cv2.Add(tile, Scalar.All(1), gain);
        using var gain3 = new Mat();
        Cv2.Merge([gain, gain, gain], gain3);
        using var baseColour = new Mat(TileSize, TileSize, MatType.CV_32FC3, colour);
        using var result = new Mat();
        Cv2.Multiply(baseColour, gain3, result);
        var tile8 = new Mat();
        result.ConvertTo(tile8, MatType.CV_8UC3);
        return tile8;
    }

    /// <summary>Adds smooth, seamless noise from a <paramref name="cellsX"/> x <paramref name="cellsY"/> grid.</summary>
    private static void AddNoise(Mat target, DeterministicRandom rng, int cellsX, int cellsY, double amplitude)
    {
        using var cells = new Mat(cellsY, cellsX, MatType.CV_32FC1);
        unsafe
        {
            for (var y = 0; y < cellsY; y++)
            {
                var p = (float*)cells.Ptr(y);
                for (var x = 0; x < cellsX; x++) p[x] = (float)rng.Normal(0, amplitude);
            }
        }

        // Wrap-pad, enlarge, crop: the result tiles without seams.
        const int pad = 2;
        using var padded = new Mat();
        Cv2.CopyMakeBorder(cells, padded, pad, pad, pad, pad, BorderTypes.Wrap);
        var sx = (double)TileSize / cellsX;
        var sy = (double)TileSize / cellsY;
        using var big = new Mat();
        Cv2.Resize(padded, big, new Size((int)Math.Round(padded.Cols * sx), (int)Math.Round(padded.Rows * sy)), 0, 0, InterpolationFlags.Cubic);
        using var crop = new Mat(big, new Rect((int)Math.Round(pad * sx), (int)Math.Round(pad * sy), TileSize, TileSize));
        Cv2.Add(target, crop, target);
    }
}
