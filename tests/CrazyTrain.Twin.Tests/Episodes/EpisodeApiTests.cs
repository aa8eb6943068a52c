using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.Twin.Episodes;
using CrazyTrain.Twin.HubLink;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrazyTrain.Twin.Tests.Episodes;

public sealed class EpisodeApiTests
{
    [Fact]
    public async Task An_operator_resets_the_world_to_a_seeded_episode_and_reads_its_record()
    {
        await using var twin = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseSetting("CrazyTrain:Twin:HubPort", "0"));
        var http = twin.CreateClient();

        var anonymous = await http.PostAsJsonAsync("/api/twin/episode", new { seed = 4 });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TwinOperator.Token);
        var negative = await http.PostAsJsonAsync("/api/twin/episode", new { seed = -4 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("seed", await negative.Content.ReadAsStringAsync());
        var empty = await http.PostAsJsonAsync("/api/twin/episode", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var configured = await http.GetFromJsonAsync<JsonElement>("/api/twin/episode");
        Assert.Equal(JsonValueKind.Null, configured.GetProperty("seed").ValueKind);
        Assert.Equal("8L 4S 8L 4S", configured.GetProperty("layout").GetString());

        var reset = await http.PostAsJsonAsync("/api/twin/episode", new { seed = 4 });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var plan = EpisodePlan.FromSeed(4);
        var episode = await http.GetFromJsonAsync<JsonElement>("/api/twin/episode");
        Assert.Equal(4, episode.GetProperty("seed").GetInt32());
        Assert.Equal(plan.Layout, episode.GetProperty("layout").GetString());
        Assert.Equal(plan.Style, episode.GetProperty("style").GetString());
        Assert.False(episode.GetProperty("ended").GetBoolean());
        Assert.Equal(plan.Signs.Count, episode.GetProperty("signs").GetArrayLength());
        Assert.Contains(episode.GetProperty("signs").EnumerateArray(), s => s.GetProperty("label").GetString() == "stop" && s.GetProperty("target").GetBoolean());

        var world = await http.GetFromJsonAsync<JsonElement>("/api/twin");
        Assert.Equal(plan.Layout, world.GetProperty("layout").GetProperty("notation").GetString());
        Assert.Equal(plan.StartCm, world.GetProperty("train").GetProperty("positionCm").GetDouble(), 1);
    }

    [Theory]
    [InlineData("MOTOR A power 60%", (sbyte)60)]
    [InlineData("MOTOR A brake", (sbyte)127)]
    [InlineData("MOTOR A power 0% (link lost)", (sbyte)0)]
    [InlineData("MOTOR A power -20%", (sbyte)-20)]
    [InlineData("LIGHT B 100%", null)]
    [InlineData("MOTOR A power x%", null)]
    public void The_hub_order_lines_give_the_motor_power(string line, sbyte? power) => Assert.Equal(power, HubOrderLine.MotorPower(line));
}
