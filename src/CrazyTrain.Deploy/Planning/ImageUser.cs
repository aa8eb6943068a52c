namespace CrazyTrain.Deploy.Planning;

/// <summary>
/// Containers whose image only works as the user it was built for. apache/kafka runs as <c>appuser</c> (1000) and
/// owns its folders as that user: under restricted-v2 OpenShift would give it a random UID that cannot write them,
/// and the image names its user by name, so Kubernetes could not check <c>runAsNonRoot</c> either. Such a pod runs
/// as that UID under its own ServiceAccount, allowed OpenShift's built-in <c>nonroot-v2</c> SCC (any UID but 0).
/// </summary>
internal static class ImageUser
{
    public const string NonRootScc = "nonroot-v2";

    private static readonly Dictionary<string, int> ByRepository = new(StringComparer.Ordinal)
    {
        ["docker.io/apache/kafka"] = 1000,
    };

    public static int? For(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var colon = image.LastIndexOf(':');
        var repository = at >= 0 ? image[..at] : colon > image.LastIndexOf('/') ? image[..colon] : image;
        return ByRepository.TryGetValue(repository, out var user) ? user : null;
    }
}
