using CrazyTrain.Simulation.Geometry;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// The live camera's room: the same texture lookup as <see cref="RoomTexture.Project"/>, traced only at every
/// <see cref="Step"/>-th pixel and interpolated in between. Each wall is a plane, so its texture coordinates change
/// smoothly across the image; the strip of walls is continuous at the corners, and the one seam where the strip wraps
/// is unwrapped before interpolating (the remap wraps it back). 1/64 of the rays for the same picture within a
/// fraction of a texel. The maps are kept between frames: no per-frame allocation.
/// </summary>
internal sealed class LiveRoomProjection : IDisposable
{
    public const int Step = 8;
    private Mat? _mapX;
    private Mat? _mapY;
    private float[] _gridCol = [];
    private float[] _gridRow = [];

    public unsafe void Project(RoomTexture room, PinholeCamera camera, Mat target)
    {
        var w = camera.Width;
        var h = camera.Height;
        var gw = (w + Step - 1) / Step + 1;
        var gh = (h + Step - 1) / Step + 1;
        if (_mapX is null || _mapX.Cols != w || _mapX.Rows != h)
        {
            Dispose();
            _mapX = new Mat(h, w, MatType.CV_32FC1);
            _mapY = new Mat(h, w, MatType.CV_32FC1);
            _gridCol = new float[gw * gh];
            _gridRow = new float[gw * gh];
        }

        var from = camera.Position;
        for (var gy = 0; gy < gh; gy++)
        for (var gx = 0; gx < gw; gx++)
        {
            var (col, row) = room.Layout.Lookup(from, camera.Ray((gx * Step) + 0.5, (gy * Step) + 0.5));
            _gridCol[(gy * gw) + gx] = col;
            _gridRow[(gy * gw) + gx] = row;
        }

        float columns = room.Layout.Columns;
        for (var v = 0; v < h; v++)
        {
            var px = (float*)_mapX.Ptr(v);
            var py = (float*)_mapY!.Ptr(v);
            var gy = v / Step;
            var fy = (v - (gy * Step)) / (float)Step;
            for (var u = 0; u < w; u++)
            {
                var gx = u / Step;
                var fx = (u - (gx * Step)) / (float)Step;
                var i = (gy * gw) + gx;
                var c00 = _gridCol[i];
                // Unwrap the strip's seam: a corner more than half the strip away is the same wall seen across it.
                var c10 = Unwrap(_gridCol[i + 1], c00, columns);
                var c01 = Unwrap(_gridCol[i + gw], c00, columns);
                var c11 = Unwrap(_gridCol[i + gw + 1], c00, columns);
                px[u] = Lerp(Lerp(c00, c10, fx), Lerp(c01, c11, fx), fy);
                py[u] = Lerp(Lerp(_gridRow[i], _gridRow[i + 1], fx), Lerp(_gridRow[i + gw], _gridRow[i + gw + 1], fx), fy);
            }
        }

        Cv2.Remap(room.Image, target, _mapX, _mapY!, InterpolationFlags.Linear, BorderTypes.Wrap);
    }

    private static float Unwrap(float c, float reference, float columns) =>
        c - reference > columns / 2 ? c - columns : reference - c > columns / 2 ? c + columns : c;

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);

    public void Dispose()
    {
        _mapX?.Dispose();
        _mapY?.Dispose();
        _mapX = null;
        _mapY = null;
    }
}
