using System.Net;
using Aspire.Hosting;
using CrazyTrain.AppHost;

namespace CrazyTrain.IntegrationTests;

/// <summary>The one operator credential across the running application: refused without it, and one click in from the dashboard.</summary>
[Collection(TrainAppCollection.Name)]
public sealed class OperatorAccessTests(TrainAppFixture train)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>Every state-changing endpoint of the app but the console's emergency stop (open by design: docs/safety.md).</summary>
    public static TheoryData<string, string> OperatorEndpoints => new()
    {
        { "capture", "/api/capture/start" },
        { "capture", "/api/capture/stop" },
        { "controller", "/api/train/start" },
        { "controller", "/api/train/emergency-stop" },
        { "controller", "/api/train/resume" },
        { "console", "/api/actions/capture-start" },
        { "console", "/api/actions/capture-stop" },
        { "console", "/api/actions/train-start" },
        { "console", "/api/actions/resume" },
    };

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task Without_the_token_or_with_a_wrong_one_every_operator_endpoint_answers_401(string service, string path)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await train.App.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
        using var anonymous = train.App.CreateHttpClient(service);
        using var wrong = train.App.CreateHttpClient(service);
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", TrainAppFixture.OperatorToken + "-not");

        using var withoutToken = await anonymous.PostAsync(path, null, timeout.Token);
        using var withWrongToken = await wrong.PostAsync(path, null, timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongToken.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_shows_the_consoles_login_link_and_it_signs_the_browser_in()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var console = await train.App.ResourceNotifications.WaitForResourceAsync(
            "console",
            resource => resource.Snapshot.Urls.Any(url => url.DisplayProperties.DisplayName == OperatorHosting.LoginLinkText),
            timeout.Token);
        var link = console.Snapshot.Urls.Single(url => url.DisplayProperties.DisplayName == OperatorHosting.LoginLinkText).Url;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var login = await browser.GetAsync(link, timeout.Token);

        Assert.Contains($"/login?t={TrainAppFixture.OperatorToken}", link);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }
}
