using System.Net.Http.Json;
using System.Text.Json;

namespace CrazyTrain.Controller.Tests.Service;

/// <summary>
/// The controller's perception health on the real service: fresh detections whose labels the sign catalogue does
/// not know (a model renamed its classes) make it Degraded, because the train may be blind to signs it must obey.
/// </summary>
public sealed class PerceptionHealthTests
{
    [Fact]
    public async Task Fresh_detections_with_labels_the_catalogue_does_not_know_make_perception_degraded()
    {
        await using var host = new ControllerHost();
        await host.InitializeAsync();
        using var camera = new CancellationTokenSource();
        var cameraRun = host.RunCameraAsync(_ => [("stop_sign_v2", 0.9)], 1, camera.Token);

        var perception = default(JsonElement);
        await Eventually.True(
            async () =>
            {
                perception = (await host.HealthAsync()).GetProperty("checks").GetProperty("perception");
                return perception.GetProperty("description").GetString()!.Contains("does not know");
            },
            "perception health naming the unknown labels");
        // Not a stale-perception report: the frames are fresh, only their labels are foreign.
        await Eventually.True(async () => (await host.TrainAsync()).GetProperty("perception").GetProperty("fresh").GetBoolean(), "fresh perception");
        await camera.CancelAsync();
        await cameraRun;

        Assert.Equal("Degraded", perception.GetProperty("status").GetString());
        Assert.Contains("the model and the driving rules disagree on sign names", perception.GetProperty("description").GetString());
        Assert.True(perception.GetProperty("data").GetProperty("unknownLabelShare").GetDouble() > 0.05);
    }
}
