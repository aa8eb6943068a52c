using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The operator credential and the one bearer check every service uses. Comparisons are constant-time over
/// SHA-256 digests, so neither the content nor the length of the token leaks through timing.
/// </summary>
public sealed class OperatorToken(IOptions<OperatorTokenOptions> options)
{
    public const string Scheme = "Bearer";

    private byte[] Digest => field ??= SHA256.HashData(Encoding.UTF8.GetBytes(Value));

    /// <summary>The token itself, for a service that forwards it (the console to capture and controller).</summary>
    public string Value => options.Value.OperatorToken
        ?? throw new InvalidOperationException($"{OperatorTokenOptions.Setting} is not set.");

    public bool Matches(string? presented) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Digest, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>The credential of <c>Authorization: Bearer &lt;token&gt;</c>, or null when the request has none.</summary>
    public static string? BearerOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        var prefix = Scheme + " ";
        return authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && authorization.Length > prefix.Length
            ? authorization[prefix.Length..].Trim()
            : null;
    }

    /// <summary>Null when the request carries the right bearer token; otherwise why not, for a 401.</summary>
    public string? Refusal(HttpRequest request) => BearerOf(request) switch
    {
        null => $"An operator token is required: send 'Authorization: {Scheme} <token>'.",
        var presented when Matches(presented) => null,
        _ => "The operator token is wrong.",
    };

    /// <summary>
    /// A value derived from the token for <paramref name="purpose"/> (e.g. the console's session cookie): proves
    /// knowledge of the token without being the token, so a leaked cookie does not open the other services.
    /// </summary>
    public string Derive(string purpose) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Value), Encoding.UTF8.GetBytes(purpose)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Constant-time equality of two strings, for values such as <see cref="Derive"/>'s.</summary>
    public static bool SameSecret(string expected, string? presented) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
