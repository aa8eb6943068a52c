using CrazyTrain.Twin.Episodes;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.World;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Twin.Api;

/// <summary>
/// <c>POST /api/twin/episode</c> <c>{"seed": S}</c> rebuilds the world as episode S (operator token required: it moves
/// the train); <c>GET /api/twin/episode</c> reads the current episode's record (docs/twin.md "Episodes").
/// </summary>
public static class EpisodeApi
{
    public const string Path = "/api/twin/episode";

    public static IEndpointRouteBuilder MapEpisodeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (TwinWorld world) => world.Episode());
        app.MapPost(Path, (EpisodeRequest? request, TwinWorld world, IOptions<TwinOptions> options, TimeProvider time, ILogger<EpisodePlan> logger) =>
        {
            if (request?.Seed is not { } seed || seed < 0)
            {
                return Results.Problem(
                    detail: "Send {\"seed\": S} with S a whole number from 0 up.",
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Invalid episode");
            }

            var plan = EpisodePlan.FromSeed(seed, options.Value.Motor);
            world.Reset(plan, options.Value.Motor, time.GetUtcNow());
            logger.LogInformation("Episode {Seed}: {Family} '{Layout}', {Signs} signs, room {Style}, train from {StartCm} cm.",
                seed, plan.Family, plan.Layout, plan.Signs.Count, plan.Style, plan.StartCm);
            return Results.Ok(world.Episode());
        }).RequireOperatorToken();
        return app;
    }
}

/// <summary>The body of <c>POST /api/twin/episode</c>.</summary>
public sealed record EpisodeRequest(int? Seed);
