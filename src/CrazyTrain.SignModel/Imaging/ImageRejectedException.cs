namespace CrazyTrain.SignModel.Imaging;

/// <summary>
/// An image the service refuses, with a short <see cref="Reason"/> code (used as a metric tag and in HTTP
/// problem details) and a message a person can act on.
/// </summary>
public sealed class ImageRejectedException(string reason, string message) : Exception(message)
{
    public const string Empty = "empty";
    public const string Oversized = "oversized";
    public const string UnsupportedFormat = "unsupported-format";
    public const string Truncated = "truncated";
    public const string Corrupt = "corrupt";
    public const string UnexpectedSize = "unexpected-size";
    public const string TooManyPixels = "too-many-pixels";

    public string Reason { get; } = reason;
}
