using System.Security.Cryptography;
using System.Text.Json;
using CrazyTrain.Twin.Track;
using CrazyTrain.Twin.World;

namespace CrazyTrain.Twin.Api;

/// <summary>
/// <c>GET /api/twin/map</c>: the layout's geometry for drawing (the console's map): the track's centre line as a closed
/// polyline in table cm, its width, the signs where they stand, the bounds and a <c>version</c> (also the ETag) that
/// changes whenever the layout or its signs do. Built from the world on every request, since an episode may swap the
/// layout while the twin runs; a client that already has this version gets 304 and no body.
/// </summary>
public static class TwinMapApi
{
    /// <summary>Longest step between centre-line points: on a 32 cm curve a 2 cm chord strays 0.016 cm from the arc, far below a pixel.</summary>
    public const double PointSpacingCm = 2.0;

    public static IEndpointRouteBuilder MapTwinMapApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/twin/map", (HttpContext http, TwinWorld world) =>
        {
            var map = TwinMap.Of(world.Lineside);
            var etag = $"\"{map.Version}\"";
            // Clients may keep it, but must ask again: the next episode may have laid another track.
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.ETag = etag;
            return http.Request.Headers.IfNoneMatch.Any(value => value?.Split(',').Any(tag => tag.Trim() == etag) == true)
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Ok(map);
        });
        return app;
    }
}

/// <summary>The JSON shape of <c>GET /api/twin/map</c> (docs/twin.md). <c>CentreLine</c> is closed: its last point joins its first.</summary>
public sealed record TwinMap(
    string Version,
    string Notation,
    double LengthCm,
    double TrackWidthCm,
    double PointSpacingCm,
    MapBounds Bounds,
    IReadOnlyList<double[]> CentreLine,
    IReadOnlyList<MapSign> Signs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TwinMap Of(Lineside lineside)
    {
        var layout = lineside.Layout;
        var points = (int)Math.Ceiling(layout.LengthCm / TwinMapApi.PointSpacingCm);
        var spacing = layout.LengthCm / points;
        var line = new double[points][];
        for (var i = 0; i < points; i++)
        {
            var pose = layout.PoseAt(i * spacing);
            line[i] = [Round(pose.XCm), Round(pose.YCm)];
        }

        var signs = lineside.Signs.Select(sign =>
        {
            var stands = lineside.PoseOf(sign);
            return new MapSign(sign.Label, sign.IsTarget, sign.PositionCm, sign.Side == TrackSide.Left ? "left" : "right", Round(stands.XCm), Round(stands.YCm));
        }).ToArray();

        // The sleepers reach half the track's width either side of the centre line; signs stand farther out.
        var half = LegoTrack.TrackWidthCm / 2;
        var xs = line.Select(p => p[0]).ToArray();
        var ys = line.Select(p => p[1]).ToArray();
        var bounds = new MapBounds(
            Round(Math.Min(xs.Min() - half, signs.Select(s => s.XCm).DefaultIfEmpty(double.MaxValue).Min())),
            Round(Math.Min(ys.Min() - half, signs.Select(s => s.YCm).DefaultIfEmpty(double.MaxValue).Min())),
            Round(Math.Max(xs.Max() + half, signs.Select(s => s.XCm).DefaultIfEmpty(double.MinValue).Max())),
            Round(Math.Max(ys.Max() + half, signs.Select(s => s.YCm).DefaultIfEmpty(double.MinValue).Max())));

        var unversioned = new TwinMap(string.Empty, layout.Notation, Round(layout.LengthCm), LegoTrack.TrackWidthCm, Round(spacing), bounds, line, signs);
        // The version is a digest of everything drawn, so it changes exactly when the drawing would.
        var digest = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(unversioned, Json));
        return unversioned with { Version = Convert.ToHexStringLower(digest.AsSpan(0, 8)) };
    }

    private static double Round(double cm) => Math.Round(cm, 2);
}

/// <summary>The table area the map covers, in cm (x to the right, y away from the operator).</summary>
public sealed record MapBounds(double MinXCm, double MinYCm, double MaxXCm, double MaxYCm);

/// <summary>A sign on the map: its label, whether the train acts on it, where it stands along the loop and on the table.</summary>
public sealed record MapSign(string Label, bool Target, double PositionCm, string Side, double XCm, double YCm);
