namespace CrazyTrain.Controller.Driving;

/// <summary>
/// K-of-N debouncing with a latch: a sign confirms when one camera saw it in K of its last N frames, then stays
/// latched (cannot confirm again) while any camera still has it in its window and until the cooldown since it
/// acted has passed. One missed or one spurious detection changes nothing.
/// </summary>
internal sealed class SignWindow(int windowFrames, int confirmFrames, TimeSpan cooldown)
{
    /// <summary>A camera silent this long no longer keeps a sign "in view".</summary>
    private static readonly TimeSpan ForgetCameraAfter = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, CameraWindow> _cameras = [];
    private readonly Dictionary<string, DateTimeOffset> _actedAt = [];

    /// <summary>Adds one frame's confident sightings; returns the signs that confirm with it, most restrictive first.</summary>
    public IReadOnlyList<string> Add(string camera, IReadOnlySet<string> labels, DateTimeOffset now)
    {
        if (!_cameras.TryGetValue(camera, out var window))
        {
            _cameras[camera] = window = new CameraWindow(windowFrames);
        }

        window.Add(labels, now);
        foreach (var (name, other) in _cameras.ToList())
        {
            if (now - other.LastFrameAt > ForgetCameraAfter)
            {
                _cameras.Remove(name);
            }
        }

        foreach (var (label, actedAt) in _actedAt.ToList())
        {
            if (now - actedAt >= cooldown && _cameras.Values.All(c => c.Count(label) == 0))
            {
                _actedAt.Remove(label);
            }
        }

        var confirmed = new List<string>();
        foreach (var label in SignLabels.ByPriority)
        {
            if (window.Count(label) >= confirmFrames && !_actedAt.ContainsKey(label))
            {
                _actedAt[label] = now;
                confirmed.Add(label);
            }
        }

        return confirmed;
    }

    /// <summary>Forgets a camera's frames (it restarted) but keeps the latches: a sign still in view must not act twice.</summary>
    public void ClearFrames(string camera) => _cameras.Remove(camera);

    private sealed class CameraWindow(int size)
    {
        private readonly Queue<IReadOnlySet<string>> _frames = new();
        private readonly Dictionary<string, int> _counts = [];

        public DateTimeOffset LastFrameAt { get; private set; }

        public int Count(string label) => _counts.GetValueOrDefault(label);

        public void Add(IReadOnlySet<string> labels, DateTimeOffset now)
        {
            LastFrameAt = now;
            _frames.Enqueue(labels);
            foreach (var label in labels)
            {
                _counts[label] = _counts.GetValueOrDefault(label) + 1;
            }

            if (_frames.Count > size)
            {
                foreach (var label in _frames.Dequeue())
                {
                    _counts[label]--;
                }
            }
        }
    }
}
