using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CrazyTrain.Messaging;

public static class BrokerHealthExtensions
{
    /// <summary>
    /// For services whose HTTP API must stay in rotation through a broker outage (the controller's emergency stop
    /// goes to the hub directly, the console shows why the train stopped): the <c>kafka</c> check reports Degraded,
    /// which <c>/health</c> answers with 200, instead of Unhealthy (503, taken out of the Service).
    /// </summary>
    public static IHostApplicationBuilder ReportBrokerTroubleAsDegraded(this IHostApplicationBuilder builder)
    {
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(registration => registration.Name == MessagingExtensions.BrokerHealthCheck))
            {
                registration.FailureStatus = HealthStatus.Degraded;
            }
        });
        return builder;
    }
}
