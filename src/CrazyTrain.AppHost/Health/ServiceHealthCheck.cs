using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrazyTrain.AppHost.Health;

/// <summary>
/// A service's readiness as the dashboard and <c>WaitFor</c> see it: healthy when its <c>/health</c> answers 200, as with
/// Aspire's <c>WithHttpHealthCheck</c>. The difference is start-up. Aspire's check asks once per run; a request sent
/// before the process listens waits about 10 s in DCP's proxy, and an unhealthy resource is asked again only after
/// 1, 2, 3, 4, then 5 s, so a service ready 3 s after its start was reported ready ~11 s later, and everything that
/// waits for it (capture, controller and hub guard wait for the twin) started that much later. Until the service has
/// answered 200 once, this check keeps asking, every <see cref="ProbeInterval"/> with each try bounded, for up to
/// <see cref="StartupWindow"/>, and reports as soon as it answers. Afterwards each run is a single request.
/// </summary>
internal sealed class ServiceHealthCheck(Func<Uri?> address, TimeSpan startupWindow, TimeSpan probeInterval, TimeSpan tryTimeout) : IHealthCheck
{
    public static readonly TimeSpan StartupWindow = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Long enough for a service busy starting on a loaded machine to answer its first request.</summary>
    public static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(2);

    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private volatile bool _answeredOnce;
    private int _requests;

    public ServiceHealthCheck(Func<Uri?> address)
        : this(address, StartupWindow, ProbeInterval, TryTimeout)
    {
    }

    /// <summary>How many requests this check has sent (tests read it to see that it kept asking).</summary>
    public int Requests => _requests;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var window = _answeredOnce ? TimeSpan.Zero : startupWindow;
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var result = await AskOnceAsync(cancellationToken);
            if (result.Status == HealthStatus.Healthy)
            {
                _answeredOnce = true;
                return result;
            }

            if (elapsed.Elapsed + probeInterval >= window)
            {
                return result;
            }

            await Task.Delay(probeInterval, cancellationToken);
        }
    }

    private async Task<HealthCheckResult> AskOnceAsync(CancellationToken cancellationToken)
    {
        var uri = address();
        if (uri is null)
        {
            return HealthCheckResult.Unhealthy("The service's http endpoint has no address yet.");
        }

        Interlocked.Increment(ref _requests);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(tryTimeout);
        try
        {
            using var response = await Client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{uri} answered {(int)response.StatusCode}.")
                : HealthCheckResult.Unhealthy($"{uri} answered {(int)response.StatusCode}.");
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy($"{uri} did not answer: {exception.Message}");
        }
    }
}
