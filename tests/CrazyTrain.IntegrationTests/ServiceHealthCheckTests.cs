using System.Net;
using System.Net.Sockets;
using System.Text;
using CrazyTrain.AppHost.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// The AppHost's check of a service's <c>/health</c>: while the service starts it keeps asking within one run and
/// reports as soon as the service answers 200; once it has answered, each run is a single request.
/// </summary>
public sealed class ServiceHealthCheckTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_starting_service_is_reported_healthy_in_the_run_where_it_first_answers_200()
    {
        // 503 three times (still starting), then 200.
        using var service = new ScriptedHealthEndpoint(request => request <= 3 ? 503 : 200);
        var check = new ServiceHealthCheck(() => service.Address, Window, Interval, TryTimeout);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(4, check.Requests);
    }

    [Fact]
    public async Task Once_it_has_answered_a_failing_service_is_reported_unhealthy_after_one_request()
    {
        using var service = new ScriptedHealthEndpoint(request => request == 1 ? 200 : 503);
        var check = new ServiceHealthCheck(() => service.Address, Window, Interval, TryTimeout);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("503", result.Description, StringComparison.Ordinal);
        Assert.Equal(2, check.Requests);
    }

    [Fact]
    public async Task A_service_that_never_answers_200_within_the_window_is_unhealthy_with_its_answer()
    {
        using var service = new ScriptedHealthEndpoint(_ => 503);
        var check = new ServiceHealthCheck(() => service.Address, TimeSpan.FromMilliseconds(200), Interval, TryTimeout);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("answered 503", result.Description, StringComparison.Ordinal);
        Assert.True(check.Requests > 1, $"it asked {check.Requests} time(s) while the service was starting");
    }

    [Fact]
    public async Task An_endpoint_without_an_address_yet_is_unhealthy_and_says_so()
    {
        var check = new ServiceHealthCheck(() => null, TimeSpan.Zero, Interval, TryTimeout);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("no address", result.Description, StringComparison.Ordinal);
        Assert.Equal(0, check.Requests);
    }

    /// <summary>A real HTTP listener on loopback whose n-th request (from 1) gets the status the script gives.</summary>
    private sealed class ScriptedHealthEndpoint : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _serving;

        public ScriptedHealthEndpoint(Func<int, int> statusOfRequest)
        {
            _listener.Start();
            Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/health");
            _serving = ServeAsync(statusOfRequest);
        }

        public Uri Address { get; }

        private async Task ServeAsync(Func<int, int> statusOfRequest)
        {
            var request = 0;
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var received = new StringBuilder();
                var buffer = new byte[1024];
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                var status = statusOfRequest(++request);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _serving.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
            _stop.Dispose();
        }
    }
}
