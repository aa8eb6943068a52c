using CrazyTrain.Twin.World;

namespace CrazyTrain.Twin.Api;

/// <summary><c>GET /api/twin</c>: the train, the hub as it holds the motor, the next sign and recent events.</summary>
public static class TwinApi
{
    public static IEndpointRouteBuilder MapTwinApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/twin", (TwinWorld world) => TwinView.From(world.Snapshot(), world));
        return app;
    }
}
