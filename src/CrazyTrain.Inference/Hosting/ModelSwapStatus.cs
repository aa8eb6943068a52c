namespace CrazyTrain.Inference.Hosting;

/// <summary>A model file that was refused: which version, when, and why. The running model stayed.</summary>
public sealed record RefusedModel(string File, DateTimeOffset At, string Reason);

/// <summary>
/// The last refused hot swap, for health: while it stands the file on disk is not what runs, and operators should
/// know. A later accepted swap clears it.
/// </summary>
public sealed class ModelSwapStatus
{
    private RefusedModel? _refused;

    public RefusedModel? Refused => Volatile.Read(ref _refused);

    public void Refuse(RefusedModel refused) => Volatile.Write(ref _refused, refused);

    public void Accepted() => Volatile.Write(ref _refused, null);
}
