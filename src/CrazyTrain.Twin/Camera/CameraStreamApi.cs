using System.Text;

namespace CrazyTrain.Twin.Camera;

/// <summary>
/// <c>GET /camera.mjpg</c>: the virtual camera as an MJPEG stream (<c>multipart/x-mixed-replace</c>, one JPEG per part
/// with its Content-Length), what capture reads from a network camera. Rendering runs while at least one client watches.
/// </summary>
public static class CameraStreamApi
{
    public const string Path = "/camera.mjpg";
    private const string Boundary = "crazytrain-frame";
    private static readonly byte[] PartEnd = "\r\n"u8.ToArray();

    public static IEndpointRouteBuilder MapCameraStream(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext http, CameraFeed feed) =>
        {
            var cancel = http.RequestAborted;
            http.Response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
            http.Response.Headers.CacheControl = "no-store";
            using var _ = feed.Watch();
            long last = 0;
            try
            {
                while (!cancel.IsCancellationRequested)
                {
                    var frame = await feed.NextAsync(last, cancel);
                    last = frame.Sequence;
                    var header = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Jpeg.Length}\r\n\r\n");
                    await http.Response.Body.WriteAsync(header, cancel);
                    await http.Response.Body.WriteAsync(frame.Jpeg, cancel);
                    await http.Response.Body.WriteAsync(PartEnd, cancel);
                    await http.Response.Body.FlushAsync(cancel);
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // The client went away: it stops watching, and the camera stops rendering when nobody else does.
            }
        });
        return app;
    }
}
