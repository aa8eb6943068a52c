using CrazyTrain.Console.Upstream;

namespace CrazyTrain.Console.Api;

/// <summary>
/// The twin's map for the page: <c>GET /api/twin</c> (the train's pose, speed, hub and next sign) and
/// <c>GET /api/twin/map</c> (the layout's geometry, with the twin's ETag). 404 when this console has no twin
/// (Hardware: the page then shows no map), 502 with the reason when the twin does not answer.
/// </summary>
public static class TwinEndpoints
{
    public static IEndpointRouteBuilder MapTwinEndpoints(this IEndpointRouteBuilder app)
    {
        var twin = app.MapGroup("/api/twin").WithTags("Twin");
        twin.MapGet(string.Empty, (HttpContext context, TwinRelay relay, CancellationToken cancellationToken) =>
            RelayAsync(context, relay, relay.StateAsync, cancellationToken));
        twin.MapGet("/map", (HttpContext context, TwinRelay relay, CancellationToken cancellationToken) =>
            RelayAsync(context, relay, relay.MapAsync, cancellationToken));
        return app;
    }

    private static async Task<IResult> RelayAsync(HttpContext context, TwinRelay relay, Func<CancellationToken, Task<TwinAnswer>> ask, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-cache";
        if (!relay.Configured)
        {
            return Results.Json(new { error = "There is no twin in this mode: the map exists in Simulation only." }, statusCode: StatusCodes.Status404NotFound);
        }

        var answer = await ask(cancellationToken);
        if (!answer.Ok)
        {
            return Results.Json(new { error = $"twin unavailable: {answer.Error}" }, statusCode: StatusCodes.Status502BadGateway);
        }

        if (answer.ETag is { } etag)
        {
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.Any(value => value?.Split(',').Any(tag => tag.Trim() == etag) == true))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
        }

        return Results.Content(answer.Json, "application/json");
    }
}
