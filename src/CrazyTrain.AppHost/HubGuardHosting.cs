using CrazyTrain.AppHost.Health;
using Microsoft.Extensions.Hosting;

namespace CrazyTrain.AppHost;

/// <summary>
/// The dead-man (<c>hub-guard</c>): a separate process that watches the controller's <c>/alive</c> and, when the
/// controller stops beating, cuts the hub's link so the hub stops its motor (docs/safety.md). In Simulation it cuts at
/// the twin, with the operator token; in Hardware through BlueZ. Published, it belongs in the controller's
/// pod as a sidecar, not in a pod of its own, so the AppHost adds it only when running.
/// </summary>
public static class HubGuardHosting
{
    public const string ResourceName = "hub-guard";

    public static IResourceBuilder<ProjectResource>? AddHubGuard(
        this IDistributedApplicationBuilder builder,
        TrainMode mode,
        IResourceBuilder<ProjectResource> controller,
        IResourceBuilder<ProjectResource>? twin,
        IResourceBuilder<ParameterResource> operatorToken)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return null;
        }

        // Not WaitFor(controller): the guard must be watching before the controller can drive, and a controller that
        // never comes up must not leave the train without its guard.
        var guard = builder.AddProject<Projects.CrazyTrain_HubGuard>(ResourceName)
            .WithTrainMode(mode)
            .WithEnvironment("CrazyTrain__HubGuard__Controller", controller.GetEndpoint("http"))
            .WithServiceHealthCheck();
        if (twin is not null)
        {
            guard.WithEnvironment("CrazyTrain__HubGuard__Twin", twin.GetEndpoint("http"))
                .WithOperatorToken(operatorToken)
                .WaitFor(twin);
        }

        return guard;
    }
}
