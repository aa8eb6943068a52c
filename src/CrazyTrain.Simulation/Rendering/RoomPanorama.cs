using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>
/// A room drawn on a cylinder around the camera: column = azimuth, row = tangent of elevation. The room is
/// defined over the full turn by its seed, so any window of it (one frame) or all of it (a video) agree.
/// </summary>
internal sealed class RoomPanorama : IDisposable
{
    public const double CameraEyeHeight = 0.80; // table ~0.75 m plus the train's camera

    public RoomPanorama(Mat image, double azimuthStart, double pixelsPerRadian, double horizonRow)
    {
        Image = image;
        AzimuthStart = azimuthStart;
        PixelsPerRadian = pixelsPerRadian;
        HorizonRow = horizonRow;
    }

    public Mat Image { get; }
    public double AzimuthStart { get; }
    public double PixelsPerRadian { get; }
    public double HorizonRow { get; }

    public void Dispose() => Image.Dispose();

    public static RoomPanorama Paint(RoomBackdrop room, SceneStyle style, double azimuthStart, double azimuthSpan, double pixelsPerRadian)
    {
        const double tanTop = 1.1;
        const double tanBottom = -0.9;
        var width = (int)Math.Ceiling(azimuthSpan * pixelsPerRadian);
        var height = (int)Math.Ceiling((tanTop - tanBottom) * pixelsPerRadian);
        var horizon = tanTop * pixelsPerRadian;
        var image = new Mat(height, width, MatType.CV_8UC3);
        var painter = new RoomPainter(room, style, image, azimuthStart, pixelsPerRadian, horizon);
        painter.Paint();
        return new RoomPanorama(image, azimuthStart, pixelsPerRadian, horizon);
    }

    /// <summary>Fills <paramref name="target"/> with the room as the camera sees it.</summary>
    public void Project(PinholeCamera camera, Mat target)
    {
        var w = camera.Width;
        var h = camera.Height;
        using var mapX = new Mat(h, w, MatType.CV_32FC1);
        using var mapY = new Mat(h, w, MatType.CV_32FC1);
        var twoPi = 2 * Math.PI;
        var panoWidth = Image.Width;
        unsafe
        {
            for (var v = 0; v < h; v++)
            {
                var px = (float*)mapX.Ptr(v);
                var py = (float*)mapY.Ptr(v);
                for (var u = 0; u < w; u++)
                {
                    var ray = camera.Ray(u + 0.5, v + 0.5);
                    var az = Math.Atan2(ray.Y, ray.X) - AzimuthStart;
                    az -= twoPi * Math.Floor(az / twoPi);
                    var horizontal = Math.Sqrt(ray.X * ray.X + ray.Y * ray.Y);
                    var tanEl = ray.Z / Math.Max(horizontal, 1e-6);
                    var col = az * PixelsPerRadian - 0.5;
                    if (col > panoWidth) col -= twoPi * PixelsPerRadian; // wraps only for full-turn panoramas
                    px[u] = (float)col;
                    py[u] = (float)(HorizonRow - tanEl * PixelsPerRadian - 0.5);
                }
            }
        }

        var fullTurn = panoWidth >= twoPi * PixelsPerRadian - 1;
        Cv2.Remap(Image, target, mapX, mapY, InterpolationFlags.Linear, fullTurn ? BorderTypes.Wrap : BorderTypes.Replicate);
    }
}
