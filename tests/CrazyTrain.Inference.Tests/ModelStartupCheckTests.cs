using System.Net;
using System.Text.Json;
using CrazyTrain.Inference.Tests.Support;

namespace CrazyTrain.Inference.Tests;

/// <summary>
/// The model loaded at start is held to the checks a hot swap must pass (the driving rules' labels, the golden STOP):
/// a wrong file that loads and runs makes the service Unhealthy, saying why, instead of driving the train blind.
/// </summary>
public sealed class ModelStartupCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private async Task<(HttpStatusCode Status, JsonElement Model)> ModelHealthAsync(TestModel model)
    {
        using var app = new InferenceApp(model.WriteTo(_folder.Path));
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/health");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, health.RootElement.GetProperty("checks").GetProperty("model").Clone());
    }

    [Fact]
    public async Task A_model_that_passes_the_checks_is_healthy_and_reports_its_provider()
    {
        var (status, model) = await ModelHealthAsync(new TestModel { Anchors = [TestModel.GoldenStop] });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", model.GetProperty("status").GetString());
        Assert.Contains("on CPU", model.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_wrong_model_file_without_the_driving_rules_labels_makes_the_service_unhealthy_saying_why()
    {
        var wrong = new TestModel { Labels = ["parking", "bus_stop", "car", "bicycle", "no_horn"], Anchors = [TestModel.GoldenStop] };

        var (status, model) = await ModelHealthAsync(wrong);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", model.GetProperty("status").GetString());
        var description = model.GetProperty("description").GetString();
        Assert.Contains("failed the checks at start and detects no live frames", description);
        Assert.Contains("its labels lack stop, no_entry, speed_limit_30, speed_limit_50, danger", description);
    }

    [Fact]
    public async Task A_model_blind_to_the_golden_stop_sign_makes_the_service_unhealthy_saying_why()
    {
        var (status, model) = await ModelHealthAsync(new TestModel { Anchors = [([8, 8, 24, 24], [0, 0, 0.9f, 0, 0])] });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("does not see the STOP sign of the golden image", model.GetProperty("description").GetString());
    }

    public void Dispose() => _folder.Dispose();
}
