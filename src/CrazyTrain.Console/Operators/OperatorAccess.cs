using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console.Operators;

/// <summary>
/// Who may press the buttons. On a console that listens on loopback only, whoever reaches it sits at the
/// machine: no token. As soon as it listens beyond loopback (the edge box's network, a Route), every action
/// needs the operator token; viewing stays open.
/// </summary>
public sealed class OperatorAccess(IOptions<ConsoleOptions> options, IServer server)
{
    public const string TokenHeader = "X-Operator-Token";

    public bool TokenConfigured => !string.IsNullOrEmpty(options.Value.OperatorToken);

    public bool TokenRequired(HttpContext context) =>
        options.Value.OperatorTokenRequired == OperatorTokenRequirement.Always
        || !IsLoopbackOnly(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [], context.Connection.LocalIpAddress);

    /// <summary>Null when the request may act; otherwise the status and reason to answer with.</summary>
    public (int Status, string Reason)? Check(HttpContext context)
    {
        if (!TokenRequired(context))
        {
            return null;
        }

        if (!TokenConfigured)
        {
            return (StatusCodes.Status403Forbidden,
                "Operator actions are disabled: this console is reachable beyond localhost and has no operator token (set Console:OperatorToken; the AppHost's secret parameter console-operator-token does).");
        }

        var presented = PresentedToken(context.Request);
        if (presented is null)
        {
            return (StatusCodes.Status401Unauthorized,
                $"An operator token is required: send it in the {TokenHeader} header or as 'Authorization: Bearer <token>'.");
        }

        return TokensMatch(options.Value.OperatorToken!, presented)
            ? null
            : (StatusCodes.Status401Unauthorized, "The operator token is wrong.");
    }

    public static string? PresentedToken(HttpRequest request)
    {
        var header = request.Headers[TokenHeader].ToString();
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length
            ? authorization[bearer.Length..].Trim()
            : null;
    }

    /// <summary>Compares in constant time; hashing first hides the length as well.</summary>
    public static bool TokensMatch(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>
    /// True when every address the server listens on is loopback and the request arrived on a loopback address.
    /// Wildcards (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) and host names other than localhost count as
    /// reachable from the network.
    /// </summary>
    public static bool IsLoopbackOnly(IEnumerable<string> boundAddresses, IPAddress? requestLocalAddress)
    {
        if (requestLocalAddress is not null && !IPAddress.IsLoopback(requestLocalAddress))
        {
            return false;
        }

        foreach (var address in boundAddresses)
        {
            if (!IsLoopbackUrl(address))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsLoopbackUrl(string address)
    {
        string host;
        try
        {
            host = BindingAddress.Parse(address).Host;
        }
        catch (FormatException)
        {
            return false;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
