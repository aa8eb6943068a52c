using System.Net;
using System.Text.Json;
using CrazyTrain.Console.Tests.Support;
using CrazyTrain.Console.Upstream;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrazyTrain.Console.Tests;

/// <summary>The console's window on the twin (the page's map), in memory, against a fake twin on a real loopback port.</summary>
public sealed class TwinProxyTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    /// <summary>The relay's clock: time moves only when a test says, so what is shared and what is asked again is exact.</summary>
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-04T20:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private FakeTrainServices _services = null!;

    public async Task InitializeAsync() => _services = await FakeTrainServices.StartAsync();

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private WebApplicationFactory<Program> Console(string? twinUrl) =>
        new ConsoleFactory(broker.Broker.BootstrapServers, _services.BaseAddress, new Dictionary<string, string?> { ["Console:TwinUrl"] = twinUrl })
            .WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton(sp =>
                new TwinRelay(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptions<ConsoleOptions>>(), _clock))));

    /// <summary>Past the console's <see cref="ConsoleOptions.TwinRefresh"/>: the next request asks the twin again.</summary>
    private void LetTheAnswersAge() => _clock.Advance(TimeSpan.FromSeconds(1));

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static HttpRequestMessage MapRequest(string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/twin/map");
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        return request;
    }

    [Fact]
    public async Task Without_a_twin_hardware_the_map_is_a_404_and_nothing_is_asked()
    {
        await using var console = Console(twinUrl: null);
        var client = console.CreateClient();

        foreach (var path in new[] { "/api/twin", "/api/twin/map" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Simulation only", (await Json(response)).GetProperty("error").GetString());
        }

        Assert.Equal(0, _services.TwinRequests);
    }

    [Fact]
    public async Task The_twins_state_reaches_the_page_without_its_event_log_and_follows_the_train()
    {
        await using var console = Console(_services.BaseAddress);
        var client = console.CreateClient();
        _services.TwinPose = new FakeTwinPose(10, 0, 0);

        var state = await Json(await client.GetAsync("/api/twin"));
        Assert.Equal(10, state.GetProperty("train").GetProperty("xCm").GetDouble());
        Assert.Equal(60, state.GetProperty("hub").GetProperty("motorPower").GetInt32());
        Assert.Equal("stop", state.GetProperty("nextSign").GetProperty("label").GetString());
        Assert.Equal(50, state.GetProperty("nextSign").GetProperty("distanceCm").GetDouble());
        Assert.False(state.TryGetProperty("events", out _));

        _services.TwinPose = new FakeTwinPose(25, 5, Math.PI / 2);
        var shared = await Json(await client.GetAsync("/api/twin"));
        Assert.Equal(10, shared.GetProperty("train").GetProperty("xCm").GetDouble());
        LetTheAnswersAge();
        var moved = await Json(await client.GetAsync("/api/twin"));
        Assert.Equal(5, moved.GetProperty("train").GetProperty("yCm").GetDouble());
        Assert.Equal(25, moved.GetProperty("train").GetProperty("xCm").GetDouble());
        Assert.Equal(Math.PI / 2, moved.GetProperty("train").GetProperty("heading").GetDouble(), 6);
    }

    [Fact]
    public async Task The_geometry_crosses_once_per_version_and_a_browser_that_has_it_gets_304()
    {
        await using var console = Console(_services.BaseAddress);
        var client = console.CreateClient();

        using var first = await client.SendAsync(MapRequest(null));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag?.Tag;
        Assert.Equal("\"0123456789abcdef\"", etag);
        var map = await Json(first);
        Assert.Equal(4, map.GetProperty("centreLine").GetArrayLength());
        Assert.Equal("stop", map.GetProperty("signs")[0].GetProperty("label").GetString());

        for (var i = 0; i < 3; i++)
        {
            LetTheAnswersAge();
            using var again = await client.SendAsync(MapRequest(etag));
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        }

        // The console revalidated with the twin each time but got the body only once.
        Assert.Equal(4, _services.TwinRequests);
        Assert.Equal(1, _services.TwinMapBodies);

        _services.TwinMapVersion = "fedcba9876543210";
        LetTheAnswersAge();
        using var relaid = await client.SendAsync(MapRequest(etag));
        Assert.Equal(HttpStatusCode.OK, relaid.StatusCode);
        Assert.Equal("\"fedcba9876543210\"", relaid.Headers.ETag?.Tag);
        Assert.Equal("fedcba9876543210", (await Json(relaid)).GetProperty("version").GetString());
        Assert.Equal(2, _services.TwinMapBodies);
    }

    [Fact]
    public async Task Twenty_browsers_polling_at_once_cost_the_twin_one_request()
    {
        await using var console = Console(_services.BaseAddress);
        var client = console.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/api/twin")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Equal(1, _services.TwinRequests);
    }

    [Fact]
    public async Task A_twin_that_does_not_answer_is_a_502_saying_twin_unavailable()
    {
        // A port nothing listens on.
        await using var console = Console("http://127.0.0.1:9");
        var client = console.CreateClient();

        foreach (var path in new[] { "/api/twin", "/api/twin/map" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.StartsWith("twin unavailable: the twin ", (await Json(response)).GetProperty("error").GetString());
        }
    }

    [Fact]
    public void Bad_twin_settings_are_refused_naming_the_setting()
    {
        var result = new ConsoleOptionsValidator().Validate(null, new ConsoleOptions { TwinUrl = new Uri("ftp://twin"), TwinRefresh = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("Console:TwinUrl is 'ftp://twin/'; expected an absolute http(s) address", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Console:TwinRefresh is 00:00:00; it must be positive", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new ConsoleOptionsValidator().Validate(null, new ConsoleOptions { TwinUrl = null }).Succeeded);
    }
}
