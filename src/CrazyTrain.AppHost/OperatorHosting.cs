using Microsoft.Extensions.Hosting;

namespace CrazyTrain.AppHost;

/// <summary>
/// The one operator credential: the secret parameter <c>operator-token</c>, handed to every service with
/// operator actions as <c>CrazyTrain:OperatorToken</c>. Locally Aspire generates it (and keeps it in the
/// AppHost's user secrets); in the cluster it comes from the Secret <c>operator-token-secret</c>.
/// </summary>
public static class OperatorHosting
{
    public const string ParameterName = "operator-token";

    public const string Variable = "CrazyTrain__OperatorToken";

    public const string LoginLinkText = "Operator console (signed in)";

    public static IResourceBuilder<ParameterResource> AddOperatorToken(this IDistributedApplicationBuilder builder) =>
        builder.AddParameter(ParameterName, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

    public static IResourceBuilder<ProjectResource> WithOperatorToken(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> token) =>
        service.WithEnvironment(Variable, token);

    /// <summary>
    /// Shows the console's login link in the dashboard, as the dashboard shows its own: one click signs the local
    /// operator in (an HttpOnly session cookie) and the token leaves the address bar at once.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOperatorLoginLink(this IResourceBuilder<ProjectResource> console, IResourceBuilder<ParameterResource> token) =>
        console.WithUrls(async context =>
        {
            var http = context.Urls.FirstOrDefault(url => url.Endpoint?.EndpointName == "http");
            if (http is null)
            {
                return;
            }

            var value = await token.Resource.GetValueAsync(context.CancellationToken);
            context.Urls.Add(new ResourceUrlAnnotation
            {
                Url = $"{http.Url.TrimEnd('/')}/login?t={Uri.EscapeDataString(value ?? string.Empty)}",
                DisplayText = LoginLinkText,
                Endpoint = http.Endpoint,
            });
        });
}
