using CrazyTrain.Signs;

namespace CrazyTrain.Controller.Perception;

/// <summary>
/// K-of-N debouncing with a latch: a sign confirms when one camera saw it in K of its last N frames. Once the driving
/// rules obeyed it (<see cref="Latch"/>) it stays latched (cannot confirm again) while any camera still has it in its
/// window and until the cooldown since it was obeyed has passed. One missed or one spurious detection changes nothing.
/// Only an obeyed sign latches: one that confirmed while the rules could not act on it (the train idle, or holding at
/// another stop) confirms again on the next frame, so it is obeyed once the train may, and can never block the next.
/// </summary>
internal sealed class SignWindow(int windowFrames, int confirmFrames, TimeSpan cooldown)
{
    /// <summary>A camera silent this long no longer keeps a sign "in view".</summary>
    private static readonly TimeSpan ForgetCameraAfter = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, CameraWindow> _cameras = [];
    private readonly Dictionary<SignClass, DateTimeOffset> _actedAt = [];

    /// <summary>Adds one frame's confident, near sightings; returns the unlatched signs it shows that confirm with it, most restrictive first.</summary>
    public IReadOnlyList<SignClass> Add(string camera, IReadOnlySet<SignClass> signs, DateTimeOffset now)
    {
        if (!_cameras.TryGetValue(camera, out var window))
        {
            _cameras[camera] = window = new CameraWindow(windowFrames);
        }

        window.Add(signs, now);
        foreach (var (name, other) in _cameras.ToList())
        {
            if (now - other.LastFrameAt > ForgetCameraAfter)
            {
                _cameras.Remove(name);
            }
        }

        foreach (var (sign, actedAt) in _actedAt.ToList())
        {
            if (now - actedAt >= cooldown && _cameras.Values.All(c => c.Count(sign) == 0))
            {
                _actedAt.Remove(sign);
            }
        }

        var confirmed = new List<SignClass>();
        foreach (var sign in SignCatalogue.ByPriority)
        {
            // Confirmed by a frame that shows it: a sign left unlatched confirms again with its next sighting, whose
            // confidence and frame are the reason the train obeys it.
            if (signs.Contains(sign) && window.Count(sign) >= confirmFrames && !_actedAt.ContainsKey(sign))
            {
                confirmed.Add(sign);
            }
        }

        return confirmed;
    }

    /// <summary>Obeyed and not yet released: it cannot confirm again.</summary>
    public bool IsLatched(SignClass sign) => _actedAt.ContainsKey(sign);

    /// <summary>The rules obeyed a confirmed sign: it latches from now.</summary>
    public void Latch(SignClass sign, DateTimeOffset now) => _actedAt[sign] = now;

    /// <summary>Forgets a camera's frames (it restarted) but keeps the latches: a sign still in view must not act twice.</summary>
    public void ClearFrames(string camera) => _cameras.Remove(camera);

    private sealed class CameraWindow(int size)
    {
        private readonly Queue<IReadOnlySet<SignClass>> _frames = new();
        private readonly Dictionary<SignClass, int> _counts = [];

        public DateTimeOffset LastFrameAt { get; private set; }

        public int Count(SignClass sign) => _counts.GetValueOrDefault(sign);

        public void Add(IReadOnlySet<SignClass> signs, DateTimeOffset now)
        {
            LastFrameAt = now;
            _frames.Enqueue(signs);
            foreach (var sign in signs)
            {
                _counts[sign] = _counts.GetValueOrDefault(sign) + 1;
            }

            if (_frames.Count > size)
            {
                foreach (var sign in _frames.Dequeue())
                {
                    _counts[sign]--;
                }
            }
        }
    }
}
