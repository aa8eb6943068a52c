using System.Net;
using System.Text.Json;

namespace CrazyTrain.IntegrationTests;

/// <summary>
/// The operator console inside the whole application (Simulation mode: the sample video, the real model, the
/// virtual hub): what a browser loads from it, and an emergency stop pressed on it reaching the hub. The page's
/// own behaviour in a real browser is covered in CrazyTrain.Console.Tests (Playwright + Debian's chromium).
/// </summary>
[Collection(TrainAppCollection.Name)]
public sealed class ConsoleBrowserTests(TrainAppFixture train)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static async Task<JsonElement> JsonAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient http, string path, Func<JsonElement, bool> condition, string what, CancellationToken cancellationToken)
    {
        JsonElement last = default;
        while (true)
        {
            try
            {
                last = await JsonAsync(http, path, cancellationToken);
                if (condition(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // The service is still starting; ask again.
            }

            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up waiting for {what}; last answer of {path}: {(last.ValueKind == JsonValueKind.Undefined ? "none" : last.GetRawText())}");
            }
        }
    }

    [Fact]
    public async Task The_console_is_ready_and_serves_its_page()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await train.App.ResourceNotifications.WaitForResourceHealthyAsync("console", timeout.Token);
        using var console = train.App.CreateHttpClient("console");

        var page = await console.GetStringAsync("/", timeout.Token);
        using var health = await console.GetAsync("/health", timeout.Token);

        Assert.Contains("EMERGENCY STOP", page);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
