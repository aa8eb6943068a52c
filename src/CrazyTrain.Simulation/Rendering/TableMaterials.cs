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
    private static readonly ConcurrentDictionary<(TableMaterial, ulong), Lazy<Mat>> Cache = new();

    /// <summary>The finish in the table's colour (a new Mat, caller disposes).</summary>
    public static Mat Tile(TableSpec table)
    {
        // The grain (a grey gain map) is cached per material and variant; colouring it is cheap.
        var gain = Cache.GetOrAdd((table.Material, table.Seed % 4), k => new Lazy<Mat>(() => CreateGain(k.Item1, k.Item2))).Value;
        var tile = new Mat();
        Cv2.CvtColor(gain, tile, ColorConversionCodes.GRAY2BGR);
        Cv2.Multiply(tile, new Scalar(table.Colour.Val0 / 128.0, table.Colour.Val1 / 128.0, table.Colour.Val2 / 128.0), tile);
        return tile;
    }

    private static Mat CreateGain(TableMaterial material, ulong variant)
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

        // Gain 1.0 is stored as 128 so that a colour can be applied with one multiply.
        var gain = new Mat();
        tile.ConvertTo(gain, MatType.CV_8UC1, 128, 128);
        return gain;
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
