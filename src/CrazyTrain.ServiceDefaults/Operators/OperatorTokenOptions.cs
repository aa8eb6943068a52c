using System.ComponentModel.DataAnnotations;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>CrazyTrain:OperatorToken</c>: the one credential behind every operator action (console, controller, capture).
/// The AppHost hands it over from its secret parameter <c>operator-token</c>; the cluster from the Secret
/// <c>operator-token-secret</c>.
/// </summary>
public sealed class OperatorTokenOptions
{
    public const string SectionName = "CrazyTrain";

    public const string Setting = "CrazyTrain:OperatorToken";

    /// <summary>Shorter than this is a password someone typed, not a generated secret.</summary>
    public const int MinimumLength = 16;

    [Required(ErrorMessage = $"{Setting} is not set: every operator action needs it (the AppHost's secret parameter operator-token sets it).")]
    [MinLength(MinimumLength, ErrorMessage = $"{Setting} is shorter than 16 characters; use a generated secret.")]
    public string? OperatorToken { get; set; }
}
