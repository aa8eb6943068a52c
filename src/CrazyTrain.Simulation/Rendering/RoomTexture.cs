using CrazyTrain.Simulation.Geometry;
using CrazyTrain.Simulation.Scenes;
using OpenCvSharp;

namespace CrazyTrain.Simulation.Rendering;

/// <summary>A painted room (see <see cref="RoomLayout"/>) and its projection into a camera.</summary>
internal sealed class RoomTexture : IDisposable
{
    private RoomTexture(RoomLayout layout, Mat image)
    {
        Layout = layout;
        Image = image;
    }

    public RoomLayout Layout { get; }
    public Mat Image { get; }

    public static RoomTexture Paint(RoomBackdrop room, SceneStyle style)
    {
        var layout = new RoomLayout(room);
        var image = new Mat(layout.Rows, layout.Columns, MatType.CV_8UC3);
        new RoomPainter(layout, style, image).Paint();
        return new RoomTexture(layout, image);
    }

    /// <summary>Fills <paramref name="target"/> (camera-sized) with the room as the camera sees it.</summary>
    public void Project(PinholeCamera camera, Mat target)
    {
        var w = camera.Width;
        var h = camera.Height;
        using var mapX = new Mat(h, w, MatType.CV_32FC1);
        using var mapY = new Mat(h, w, MatType.CV_32FC1);
        var from = camera.Position;
        unsafe
        {
            for (var v = 0; v < h; v++)
            {
                var px = (float*)mapX.Ptr(v);
                var py = (float*)mapY.Ptr(v);
                for (var u = 0; u < w; u++)
                {
                    var (col, row) = Layout.Lookup(from, camera.Ray(u + 0.5, v + 0.5));
                    px[u] = col;
                    py[u] = row;
                }
            }
        }

        Cv2.Remap(Image, target, mapX, mapY, InterpolationFlags.Linear, BorderTypes.Wrap);
    }

    public void Dispose() => Image.Dispose();
}
