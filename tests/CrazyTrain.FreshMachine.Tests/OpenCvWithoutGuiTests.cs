using CrazyTrain.Build;
using OpenCvSharp;

namespace CrazyTrain.FreshMachine.Tests;

/// <summary>
/// The build's copy of OpenCV needs no GUI library, and every OpenCV call the services make works with it: no
/// GTK, X11, glib or FreeType library is even mapped into this process afterwards (on any machine, with or without them).
/// </summary>
public sealed class OpenCvWithoutGuiTests
{
    /// <summary>glibc and GCC's C++ runtime: what every Debian root has (libc6, libstdc++6, libgcc-s1).</summary>
    public static readonly string[] RemainingLibraries =
        ["libm.so.6", "librt.so.1", "libpthread.so.0", "libdl.so.2", "libstdc++.so.6", "libgcc_s.so.1", "libc.so.6", "ld-linux-x86-64.so.2"];

    private static readonly string[] GuiLibraryStems =
        ["libgtk-3", "libgdk-3", "libX11", "libcairo", "libpango", "libatk", "libgdk_pixbuf", "libgio-2", "libgobject-2", "libglib-2", "libfreetype", "libharfbuzz", "libdrm", "libatomic"];

    public static string OutputCopy => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libOpenCvSharpExtern.so");

    [Fact]
    public void The_build_output_copy_needs_only_glibc_and_the_cpp_runtime()
    {
        var needed = ElfNeededEntries.Read(File.ReadAllBytes(OutputCopy));

        Assert.Equal(RemainingLibraries, needed);
    }

    [Fact]
    public void Every_image_call_of_the_services_works_and_loads_no_gui_library()
    {
        using var scene = Scene();

        // Capture's frame encoder: resize with area interpolation, then JPEG at a quality.
        using var small = new Mat();
        Cv2.Resize(scene, small, new Size(320, 240), interpolation: InterpolationFlags.Area);
        Cv2.ImEncode(".jpg", small, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 80));
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);

        // Inference's decoder reads frames by content: JPEG, PNG and the WebP of the original system's camera.
        foreach (var extension in new[] { ".jpg", ".png", ".webp", ".bmp" })
        {
            Cv2.ImEncode(extension, small, out var encoded);
            using var decoded = Cv2.ImDecode(encoded, ImreadModes.Color);
            Assert.Equal((320, 240, 3), (decoded.Width, decoded.Height, decoded.Channels()));
            Assert.InRange(Cv2.Mean(decoded).Val2, Cv2.Mean(small).Val2 - 8, Cv2.Mean(small).Val2 + 8);
        }

        // Inference's preprocessing: letterbox into a padded canvas, colour order, scale to floats.
        using var canvas = new Mat(640, 640, MatType.CV_8UC3, Scalar.All(114));
        using (var region = new Mat(canvas, new Rect(0, 80, 640, 480)))
        {
            Cv2.Resize(scene, region, new Size(640, 480), 0, 0, InterpolationFlags.Linear);
        }

        using var rgb = new Mat();
        Cv2.CvtColor(canvas, rgb, ColorConversionCodes.BGR2RGB);
        using var floats = new Mat();
        rgb.ConvertTo(floats, MatType.CV_32FC3, 1 / 255.0);
        Assert.Equal(114 / 255.0, floats.At<Vec3f>(0, 0).Item0, 4);
        Assert.Equal(rgb.At<Vec3b>(300, 320).Item0, scene.At<Vec3b>(220, 320).Item2);

        AssertNoGuiLibraryIsMapped();
    }

    [Fact]
    public void The_sample_video_and_an_mjpeg_file_play_through_ffmpeg_and_load_no_gui_library()
    {
        // Capture's simulated camera: the shipped H.264/MP4 sample.
        using (var video = new VideoCapture(Repository.PathOf("samples/stop-sign.mp4"), VideoCaptureAPIs.ANY))
        {
            Assert.True(video.IsOpened(), "samples/stop-sign.mp4 did not open");
            Assert.True(video.Get(VideoCaptureProperties.Fps) > 0);
            using var frame = new Mat();
            for (var i = 0; i < 30; i++)
            {
                Assert.True(video.Read(frame) && !frame.Empty(), $"frame {i} of samples/stop-sign.mp4");
            }

            Assert.True(video.Set(VideoCaptureProperties.PosFrames, 0), "rewind for the loop");
        }

        // The workshop's MJPEG .avi files: written and read back frame by frame.
        var folder = Directory.CreateTempSubdirectory("crazytrain-opencv-");
        try
        {
            var path = Path.Combine(folder.FullName, "workshop.avi");
            using (var writer = new VideoWriter(path, FourCC.MJPG, 10, new Size(160, 120)))
            {
                Assert.True(writer.IsOpened(), "MJPG writer");
                for (var level = 0; level < 5; level++)
                {
                    using var solid = new Mat(120, 160, MatType.CV_8UC3, Scalar.All(40 * level));
                    writer.Write(solid);
                }
            }

            using var avi = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
            using var read = new Mat();
            for (var level = 0; level < 5; level++)
            {
                Assert.True(avi.Read(read), $"frame {level} of the MJPEG file");
                Assert.InRange(Cv2.Mean(read).Val0, (40 * level) - 4, (40 * level) + 4);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        AssertNoGuiLibraryIsMapped();
    }

    /// <summary>A frame with a red disc and a grey rectangle, drawn like the renderer draws signs.</summary>
    private static Mat Scene()
    {
        var scene = new Mat(480, 640, MatType.CV_8UC3, new Scalar(60, 110, 70));
        Cv2.Circle(scene, new Point(320, 220), 60, new Scalar(9, 26, 201), -1, LineTypes.AntiAlias);
        Cv2.FillConvexPoly(scene, new[] { new Point(100, 300), new Point(200, 300), new Point(200, 400), new Point(100, 400) }, new Scalar(169, 165, 160));
        Cv2.GaussianBlur(scene, scene, new Size(0, 0), 1.2);
        Cv2.PutText(scene, "STOP", new Point(280, 230), HersheyFonts.HersheySimplex, 0.8, Scalar.White, 2);
        return scene;
    }

    private static void AssertNoGuiLibraryIsMapped()
    {
        var mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 6)
            .Select(parts => Path.GetFileName(parts[^1]))
            .ToHashSet();

        Assert.Contains("libOpenCvSharpExtern.so", mapped);
        Assert.DoesNotContain(mapped, name => GuiLibraryStems.Any(stem => name.StartsWith(stem + ".so", StringComparison.Ordinal) || name.StartsWith(stem + "-", StringComparison.Ordinal)));
    }
}
