using System.Globalization;
using CrazyTrain.Console.State;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console.Upstream;

/// <summary>
/// The one loop that asks the services for their state, whatever the number of browsers: capture's status,
/// the model, the train and its order history, and the broker (through the <c>kafka</c> health check).
/// Browsers read the hub; the services see one caller per console process.
/// </summary>
public sealed partial class ServicePoller(
    TrainStateHub hub,
    UpstreamServices services,
    HealthCheckService health,
    IOptions<ConsoleOptions> options,
    TimeProvider time,
    ILogger<ServicePoller> logger) : BackgroundService
{
    private readonly SemaphoreSlim _refresh = new(0, 1);

    /// <summary>Polls at once instead of at the next tick (after an operator action, so the page shows its effect).</summary>
    public void RequestRefresh()
    {
        try
        {
            _refresh.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refresh is already pending.
        }
    }

    /// <summary>How often the broker is asked for its metadata; its check may take seconds when the broker is down.</summary>
    public static readonly TimeSpan BrokerCheckInterval = TimeSpan.FromSeconds(2);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Separate loops: a broker check that waits for its timeout must not hold back the services' state.
        Task.WhenAll(PollServicesAsync(stoppingToken), PollBrokerLoopAsync(stoppingToken));

    private async Task PollServicesAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop is the console's view of the services; one bad round must not end it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogPollFailed(exception);
            }

            try
            {
                await _refresh.WaitAsync(options.Value.ServicePollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var orderLimit = options.Value.OrderHistory.ToString(CultureInfo.InvariantCulture);
        var capture = Update(ServiceNames.Capture, services.GetJsonAsync(UpstreamServices.Capture, "/api/capture", cancellationToken));
        var model = Update(ServiceNames.Model, services.GetJsonAsync(UpstreamServices.Inference, "/api/model", cancellationToken));
        var train = Update(ServiceNames.Train, services.GetJsonAsync(UpstreamServices.Controller, "/api/train", cancellationToken));
        var orders = PollOrdersAsync($"/api/orders?limit={orderLimit}", cancellationToken);
        await Task.WhenAll(capture, model, train, orders);
        hub.EvaluateStatus();
    }

    private async Task PollBrokerLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(BrokerCheckInterval, time);
        do
        {
            try
            {
                await PollBrokerAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task Update(string name, Task<ServiceStatus> poll)
    {
        var status = await poll;
        var previous = hub.Service(name);
        if (previous.Reachable != status.Reachable && previous.CheckedAt != DateTimeOffset.MinValue)
        {
            if (status.Reachable)
            {
                LogServiceBack(name);
            }
            else
            {
                LogServiceLost(name, status.Error);
            }
        }

        hub.UpdateService(name, status);
    }

    private async Task PollOrdersAsync(string path, CancellationToken cancellationToken)
    {
        var status = await services.GetJsonAsync(UpstreamServices.Controller, path, cancellationToken);
        // The list itself lands in the order history; the service entry only says whether it could be read.
        hub.UpdateService(ServiceNames.Orders, status with { Data = null });
        if (status is { Reachable: true, Data: { ValueKind: System.Text.Json.JsonValueKind.Array } list })
        {
            foreach (var order in list.EnumerateArray().Where(order => order.ValueKind == System.Text.Json.JsonValueKind.Object).Reverse())
            {
                hub.OnOrder(order, fromKafka: false);
            }
        }
    }

    public async Task PollBrokerAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Name == "kafka", cancellationToken);
        var now = time.GetUtcNow();
        if (!report.Entries.TryGetValue("kafka", out var entry))
        {
            hub.UpdateService(ServiceNames.Broker, new ServiceStatus(false, null, null, "no kafka health check is registered", now));
            return;
        }

        var healthy = entry.Status == HealthStatus.Healthy;
        hub.UpdateService(ServiceNames.Broker, new ServiceStatus(healthy, null, null, healthy ? null : entry.Description ?? entry.Exception?.Message, now));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling the services failed")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost {Service}: {Reason}")]
    private partial void LogServiceLost(string service, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} answers again")]
    private partial void LogServiceBack(string service);
}
