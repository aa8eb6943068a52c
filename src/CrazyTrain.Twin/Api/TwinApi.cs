using CrazyTrain.Twin.Camera;
using CrazyTrain.Twin.World;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Twin.Api;

/// <summary><c>GET /api/twin</c>: the train, the hub as it holds the motor, the next sign and recent events.</summary>
public static class TwinApi
{
    public static IEndpointRouteBuilder MapTwinApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/twin", (TwinWorld world, CameraFeed feed, IOptions<CameraOptions> camera) =>
        {
            var fps = camera.Value.FramesPerSecond;
            var held = Math.Round(feed.HeldFramesPerSecond, 2);
            var view = new CameraView(feed.Watched, fps, held, feed.Watched && held > 0 ? Math.Round(held / fps, 3) : 1.0, feed.Latest?.Sequence ?? 0);
            return TwinView.From(world.Snapshot(), world, view);
        });
        return app;
    }
}
