namespace CrazyTrain.Controller.Driving;

/// <summary>
/// K-of-N debouncing with a latch: a sign confirms when seen in K of the last N frames, then stays latched
/// (cannot confirm again) while it is still in the window and until the cooldown since it acted has passed.
/// One missed or one spurious detection changes nothing.
/// </summary>
internal sealed class SignWindow(int windowFrames, int confirmFrames, TimeSpan cooldown)
{
    private readonly Queue<IReadOnlySet<string>> _frames = new();
    private readonly Dictionary<string, int> _counts = [];
    private readonly Dictionary<string, DateTimeOffset> _actedAt = [];

    /// <summary>Adds one frame's confident sightings; returns the signs that confirm with it, most restrictive first.</summary>
    public IReadOnlyList<string> Add(IReadOnlySet<string> labels, DateTimeOffset now)
    {
        _frames.Enqueue(labels);
        foreach (var label in labels)
        {
            _counts[label] = _counts.GetValueOrDefault(label) + 1;
        }

        if (_frames.Count > windowFrames)
        {
            foreach (var label in _frames.Dequeue())
            {
                _counts[label]--;
            }
        }

        foreach (var (label, actedAt) in _actedAt.ToList())
        {
            if (_counts.GetValueOrDefault(label) == 0 && now - actedAt >= cooldown)
            {
                _actedAt.Remove(label);
            }
        }

        var confirmed = new List<string>();
        foreach (var label in SignLabels.ByPriority)
        {
            if (_counts.GetValueOrDefault(label) >= confirmFrames && !_actedAt.ContainsKey(label))
            {
                _actedAt[label] = now;
                confirmed.Add(label);
            }
        }

        return confirmed;
    }

    /// <summary>Forgets the frames (a camera restart) but keeps the latches: a sign still in view must not act twice.</summary>
    public void ClearFrames()
    {
        _frames.Clear();
        _counts.Clear();
    }
}
