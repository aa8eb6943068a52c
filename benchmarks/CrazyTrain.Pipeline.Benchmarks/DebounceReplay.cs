using CrazyTrain.Controller.Driving;
using CrazyTrain.Controller.Perception;
using CrazyTrain.Signs;

namespace CrazyTrain.Pipeline.Benchmarks;

/// <summary>
/// The run's own detections replayed through other K-of-N windows, to choose one from data instead of by taste: the
/// controller's own <see cref="SignWindow"/> (a sign confirms when it is in K of the last N frames that reached the
/// controller, then stays latched while it is still in the window and for the cooldown) applied offline to every
/// <c>train.detections</c> message of the window, in frame order. For each window it gives the time from a sign's
/// first frame >= 12 px to the frame that would confirm it, and the confirmations that no target sign explains (no
/// <c>sign-visible</c> of that label from 1 s after to 3 s before): what would have been false orders. Everything
/// after the confirming frame (the pipeline, the policy, the hub) is the same for every window.
/// </summary>
internal static class DebounceReplay
{
    public static readonly (int K, int N)[] Windows = [(4, 6), (3, 6), (3, 5), (3, 4), (2, 4), (2, 3), (1, 1)];

    private static readonly TimeSpan Cooldown = new DrivingOptions().Cooldown;
    private static readonly TimeSpan EarlyAllowance = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<DebounceOutcome> Run(
        IReadOnlyList<(long FrameId, DateTimeOffset CapturedAt, IReadOnlySet<string> Labels)> frames,
        IReadOnlyList<(string Label, DateTimeOffset VisibleAt)> visible)
    {
        var outcomes = new List<DebounceOutcome>();
        foreach (var (k, n) in Windows)
        {
            var confirmations = Confirm(frames, k, n);
            var reactions = new List<double>();
            var unmatched = 0;
            foreach (var sign in visible)
            {
                var hit = confirmations.FirstOrDefault(c => c.Label == sign.Label
                    && c.At >= sign.VisibleAt - EarlyAllowance && c.At - sign.VisibleAt <= SignReactions.ReactionWindow);
                if (hit.Label is null)
                {
                    unmatched++;
                }
                else
                {
                    reactions.Add(Math.Round((hit.At - sign.VisibleAt).TotalMilliseconds, 1));
                }
            }

            var unexplained = confirmations.Where(c => !visible.Any(v => v.Label == c.Label
                    && c.At >= v.VisibleAt - EarlyAllowance && c.At - v.VisibleAt <= SignReactions.ReactionWindow))
                .GroupBy(c => c.Label).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            outcomes.Add(new DebounceOutcome(k, n, Percentiles.Of(reactions), unmatched, unexplained.Values.Sum(), unexplained));
        }

        return outcomes;
    }

    private static List<(string Label, DateTimeOffset At)> Confirm(
        IReadOnlyList<(long FrameId, DateTimeOffset CapturedAt, IReadOnlySet<string> Labels)> frames, int k, int n)
    {
        // The controller's own debouncing, fed the frames' capture times: the replay cannot drift from the train's.
        var window = new SignWindow(n, k, Cooldown);
        var confirmations = new List<(string, DateTimeOffset)>();
        foreach (var (_, at, labels) in frames)
        {
            var signs = labels.Select(SignCatalogue.Find).OfType<SignClass>().ToHashSet();
            foreach (var sign in window.Add("replay", signs, at))
            {
                // Every confirmation counts as obeyed here: the replay has no train state to refuse one.
                window.Latch(sign, at);
                confirmations.Add((sign.Label, at));
            }
        }

        return confirmations;
    }
}

/// <summary>One K-of-N window on the run's detections: first >= 12 px frame -> confirming frame (ms), signs it never confirmed, unexplained confirmations (and by label).</summary>
internal sealed record DebounceOutcome(
    int K, int N, Percentiles VisibleToConfirmingMs, int SignsNotConfirmed, int UnexplainedConfirmations, IReadOnlyDictionary<string, int> UnexplainedByLabel);
