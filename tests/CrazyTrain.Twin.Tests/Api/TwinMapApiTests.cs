using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrazyTrain.Twin.Tests.Api;

public sealed class TwinMapApiTests
{
    private static WebApplicationFactory<Program> NewTwin(params (string Key, string Value)[] settings) => TwinApiTests.NewTwin(settings);

    private static double[][] CentreLine(JsonElement map) =>
        [.. map.GetProperty("centreLine").EnumerateArray().Select(p => new[] { p[0].GetDouble(), p[1].GetDouble() })];

    private static double Gap(double[] a, double[] b) => Math.Sqrt(Math.Pow(a[0] - b[0], 2) + Math.Pow(a[1] - b[1], 2));

    [Fact]
    public async Task The_default_oval_is_drawn_as_a_closed_centre_line_with_its_stop_sign_beside_the_far_straight()
    {
        await using var twin = NewTwin();
        var map = await twin.CreateClient().GetFromJsonAsync<JsonElement>("/api/twin/map");

        Assert.Equal("8L 4S 8L 4S", map.GetProperty("notation").GetString());
        Assert.Equal(6.4, map.GetProperty("trackWidthCm").GetDouble());
        var line = CentreLine(map);
        // 303.5 cm at most 2 cm apart: 152 points, every step (the closing one too) 2 cm give or take the 0.01 cm rounding.
        Assert.Equal(152, line.Length);
        Assert.Equal([0.0, 0.0], line[0]);
        var steps = line.Zip(line.Skip(1).Append(line[0]), Gap).ToArray();
        Assert.All(steps, step => Assert.InRange(step, 1.95, 2.01));

        // The first 8 left curves turn the train round a 32 cm circle centred on (0, 32): the oval spans y 0..64, and
        // its far straight runs back along y = 64.
        Assert.InRange(line.Max(p => p[1]), 63.99, 64.01);
        Assert.InRange(line.Min(p => p[1]), -0.01, 0.01);
        var bounds = map.GetProperty("bounds");
        Assert.All(line, p =>
        {
            Assert.InRange(p[0], bounds.GetProperty("minXCm").GetDouble(), bounds.GetProperty("maxXCm").GetDouble());
            Assert.InRange(p[1], bounds.GetProperty("minYCm").GetDouble(), bounds.GetProperty("maxYCm").GetDouble());
        });

        // The default STOP sign stands at 140 cm: 39.5 cm along the far straight (after 8 curves of 12.57 cm), which
        // runs towards -x, so the train's right is +y and the sign's base stands 7 cm out, at y = 71.
        var sign = Assert.Single(map.GetProperty("signs").EnumerateArray());
        Assert.Equal("stop", sign.GetProperty("label").GetString());
        Assert.True(sign.GetProperty("target").GetBoolean());
        Assert.Equal(140, sign.GetProperty("positionCm").GetDouble());
        Assert.Equal("right", sign.GetProperty("side").GetString());
        Assert.Equal(-(140 - (8 * 32 * Math.PI / 8)), sign.GetProperty("xCm").GetDouble(), 0.01);
        Assert.Equal(71, sign.GetProperty("yCm").GetDouble(), 0.01);
        Assert.Equal(71, bounds.GetProperty("maxYCm").GetDouble(), 0.01);
    }

    [Fact]
    public async Task The_version_is_the_etag_and_a_client_that_has_it_gets_304_without_a_body()
    {
        await using var twin = NewTwin();
        var http = twin.CreateClient();
        using var first = await http.GetAsync(new Uri("/api/twin/map", UriKind.Relative));
        var map = await first.Content.ReadFromJsonAsync<JsonElement>();
        var version = map.GetProperty("version").GetString();
        Assert.Matches("^[0-9a-f]{16}$", version);
        Assert.Equal($"\"{version}\"", first.Headers.ETag?.Tag);
        Assert.Contains("no-cache", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/twin/map");
        again.Headers.TryAddWithoutValidation("If-None-Match", $"\"{version}\"");
        using var unchanged = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/twin/map");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "\"0000000000000000\"");
        using var redrawn = await http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, redrawn.StatusCode);
    }

    [Fact]
    public async Task Another_layout_or_a_moved_sign_has_another_version_and_the_same_layout_the_same_one()
    {
        var oval = await VersionOf(("CrazyTrain:Twin:Layout", "8L 4S 8L 4S"));
        var sameOval = await VersionOf(("CrazyTrain:Twin:Layout", "8L 4S 8L 4S"));
        var shortOval = await VersionOf(("CrazyTrain:Twin:Layout", "8L 2S 8L 2S"));
        var movedSign = await VersionOf(("CrazyTrain:Twin:Layout", "8L 4S 8L 4S"), ("CrazyTrain:Twin:Signs:0:Kind", "stop"), ("CrazyTrain:Twin:Signs:0:PositionCm", "150"));

        Assert.Equal(oval, sameOval);
        Assert.NotEqual(oval, shortOval);
        Assert.NotEqual(oval, movedSign);
    }

    [Fact]
    public async Task Distractors_are_drawn_but_not_targets_and_signs_on_the_left_stand_inside_the_loop()
    {
        await using var twin = NewTwin(
            ("CrazyTrain:Twin:Signs:0:Kind", "danger"), ("CrazyTrain:Twin:Signs:0:PositionCm", "120"), ("CrazyTrain:Twin:Signs:0:Side", "Left"),
            ("CrazyTrain:Twin:Signs:1:Kind", "parking"), ("CrazyTrain:Twin:Signs:1:PositionCm", "130"));
        var map = await twin.CreateClient().GetFromJsonAsync<JsonElement>("/api/twin/map");

        var signs = map.GetProperty("signs").EnumerateArray().ToArray();
        Assert.Equal(["danger", "parking"], signs.Select(s => s.GetProperty("label").GetString()));
        Assert.True(signs[0].GetProperty("target").GetBoolean());
        Assert.False(signs[1].GetProperty("target").GetBoolean());
        // On the far straight (y = 64) the loop's inside is towards -y: the left sign at 57, the right one at 71.
        Assert.Equal("left", signs[0].GetProperty("side").GetString());
        Assert.Equal(57, signs[0].GetProperty("yCm").GetDouble(), 0.01);
        Assert.Equal(71, signs[1].GetProperty("yCm").GetDouble(), 0.01);
    }

    private static async Task<string?> VersionOf(params (string Key, string Value)[] settings)
    {
        await using var twin = NewTwin(settings);
        var map = await twin.CreateClient().GetFromJsonAsync<JsonElement>("/api/twin/map");
        return map.GetProperty("version").GetString();
    }
}
