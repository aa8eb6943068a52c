namespace CrazyTrain.Controller.Perception;

/// <summary>
/// The share of recent frames that carried a label the sign catalogue does not know. A few are noise; many mean
/// the model and the policy no longer speak the same language (a hot-swapped model with renamed classes), so the
/// train may be blind to signs it should obey: health shows it as Degraded. Counts over the last
/// <see cref="WindowFrames"/> accepted frames, so it recovers by itself once the labels are right again.
/// </summary>
internal sealed class UnknownLabelRate
{
    public const int WindowFrames = 100;

    /// <summary>Above this share of recent frames with an unknown label, perception's health is Degraded.</summary>
    public const double DegradedAbove = 0.05;

    private readonly Queue<bool> _frames = new(WindowFrames);
    private int _withUnknown;

    /// <summary>Share (0..1) of the last accepted frames that carried at least one unknown label.</summary>
    public double Share => _frames.Count == 0 ? 0 : (double)_withUnknown / _frames.Count;

    public void Add(bool hadUnknownLabel)
    {
        if (_frames.Count == WindowFrames && _frames.Dequeue())
        {
            _withUnknown--;
        }

        _frames.Enqueue(hadUnknownLabel);
        if (hadUnknownLabel)
        {
            _withUnknown++;
        }
    }
}
