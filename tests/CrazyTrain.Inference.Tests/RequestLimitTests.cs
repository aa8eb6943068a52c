using System.Net;
using System.Net.Http.Headers;
using CrazyTrain.Inference.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CrazyTrain.Inference.Tests;

/// <summary>
/// <c>/api/detect</c> and the KServe infer routes are rate-limited per client and for everyone together, with 429
/// and Retry-After; nothing else is. The window is an hour, so no refill happens while a test runs: the counts are
/// exact whatever the machine's speed.
/// </summary>
public sealed class RequestLimitTests : IDisposable
{
    private const string ClientHeader = "X-Test-Client";
    private readonly TempFolder _folder = new();
    private readonly List<IDisposable> _owned = [];

    /// <summary>The service with these limits; each request's remote address comes from <see cref="ClientHeader"/>.</summary>
    private HttpClient Service(int perClient, int global)
    {
        var app = new InferenceApp(new TestModel { Anchors = [TestModel.GoldenStop] }.WriteTo(_folder.Path), new Dictionary<string, string?>
        {
            ["Inference:RequestLimits:PerClient"] = perClient.ToString(),
            ["Inference:RequestLimits:Global"] = global.ToString(),
            ["Inference:RequestLimits:Window"] = "01:00:00",
        }).WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddTransient<IStartupFilter>(_ => new RemoteAddressFromHeader())));
        var client = app.CreateClient();
        _owned.Add(client);
        _owned.Add(app);
        return client;
    }

    private static async Task<HttpResponseMessage> DetectAs(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/detect") { Content = new ByteArrayContent(TestImages.Scene(64, 48)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        request.Headers.Add(ClientHeader, address);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_client_over_its_allowance_gets_429_with_retry_after_and_other_clients_carry_on()
    {
        var client = Service(perClient: 2, global: 100);

        Assert.Equal(HttpStatusCode.OK, (await DetectAs(client, "10.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DetectAs(client, "10.0.0.1")).StatusCode);
        using var refused = await DetectAs(client, "10.0.0.1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter), 1, 3600);
        Assert.Contains("Inference:RequestLimits", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await DetectAs(client, "10.0.0.2")).StatusCode);
    }

    [Fact]
    public async Task All_clients_together_share_the_global_allowance_and_the_infer_route_counts_too()
    {
        var client = Service(perClient: 100, global: 3);

        Assert.Equal(HttpStatusCode.OK, (await DetectAs(client, "10.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DetectAs(client, "10.0.0.2")).StatusCode);
        using var infer = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        // A bad infer request still takes its share: the limit is on requests, before any work.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/v2/models/test-signs/infer", infer)).StatusCode);
        using var refused = await DetectAs(client, "10.0.0.3");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        using var inferRefused = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/v2/models/test-signs/infer", inferRefused)).StatusCode);
    }

    [Fact]
    public async Task Health_and_model_metadata_are_not_limited()
    {
        var client = Service(perClient: 1, global: 1);
        await DetectAs(client, "10.0.0.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await DetectAs(client, "10.0.0.1")).StatusCode);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/model")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/models/test-signs")).StatusCode);
        }
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        _folder.Dispose();
    }

    /// <summary>Gives each test request the remote address it names, as distinct clients would have.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
