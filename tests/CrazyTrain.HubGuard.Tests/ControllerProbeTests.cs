using System.Net;
using System.Net.Sockets;
using CrazyTrain.HubGuard.Watching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrazyTrain.HubGuard.Tests;

/// <summary>The probe against a real HTTP server standing in for the controller: beating, stalled, frozen, gone.</summary>
public sealed class ControllerProbeTests : IAsyncLifetime
{
    private WebApplication _controller = null!;
    private volatile int _answer = StatusCodes.Status200OK;
    private Uri _alive = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _controller = builder.Build();
        _controller.MapGet("/alive", async (HttpContext context) =>
        {
            if (_answer == 0)
            {
                // Frozen: the connection is accepted, nobody answers.
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            return Results.Text("{\"status\":\"Unhealthy\",\"checks\":{\"loops\":{\"description\":\"Stalled: the policy loop\"}}}", statusCode: _answer);
        });
        await _controller.StartAsync();
        var address = _controller.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _alive = new Uri(new Uri(address), "/alive");
    }

    public async Task DisposeAsync() => await _controller.DisposeAsync();

    private static ControllerProbe NewProbe(Uri alive) => new(new HttpClient(), alive);

    [Fact]
    public async Task A_200_is_a_beat()
    {
        var result = await NewProbe(_alive).ProbeAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(result.Beating);
    }

    [Fact]
    public async Task A_503_is_a_miss_that_says_which_loop_stalled()
    {
        _answer = StatusCodes.Status503ServiceUnavailable;

        var result = await NewProbe(_alive).ProbeAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.False(result.Beating);
        Assert.StartsWith("/alive answered 503", result.Detail, StringComparison.Ordinal);
        Assert.Contains("Stalled: the policy loop", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_a_miss()
    {
        _answer = 0;

        var result = await NewProbe(_alive).ProbeAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.False(result.Beating);
        Assert.Equal("no answer within 200 ms", result.Detail);
    }

    [Fact]
    public async Task A_refused_connection_is_a_miss()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var result = await NewProbe(new Uri($"http://127.0.0.1:{port}/alive")).ProbeAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.False(result.Beating);
        Assert.Equal("unreachable (ConnectionRefused)", result.Detail);
    }
}
