namespace CrazyTrain.Console.Operators;

/// <summary>
/// The <c>Origin</c> rules for the console's POSTs. Browsers send <c>Origin</c> with every POST; tools such as
/// curl send none and must then authenticate with the bearer token.
/// </summary>
public static class SameOrigin
{
    /// <summary>False only when the request names an origin that is not this console's (including <c>null</c>, a sandboxed or file page).</summary>
    public static bool Allows(HttpRequest request) =>
        string.IsNullOrEmpty(request.Headers.Origin) || IsOwnPage(request);

    /// <summary>True when <c>Origin</c> is present and names the host and port this request was sent to.</summary>
    public static bool IsOwnPage(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        // Compared by host and port, not scheme: a TLS-terminating proxy (the cluster's Route) keeps the Host
        // header but hands the request over as http. A Host without a port means the browser used its scheme's
        // default port, so the Origin must carry the default port of its own scheme.
        var host = request.Host;
        return string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase)
            && (host.Port is { } port ? uri.Port == port : uri.IsDefaultPort);
    }
}
