using System.Runtime;

namespace CrazyTrain.Training.Training;

/// <summary>
/// Runs a training step with garbage collections held off. TorchSharp turns plain numbers into native Scalars that
/// nothing references while libtorch reads them (AdamW's step multiplies by <c>1 - beta</c>, <c>tensor + tensor</c>
/// passes an alpha); a collection in that window frees them under libtorch, and the run dies with "Expected false to
/// be true ... toDouble" (a 9000-step fine-tuning run of 2026-12-06 at step ~1500, and earlier ones). With no
/// collection inside the step, one step's garbage is collected before the next step starts, after its native calls.
/// </summary>
internal static class NoCollection
{
    /// <summary>Room for everything allocated during one step on every thread (the batch producer's next batch too).</summary>
    private const long Budget = 240L * 1024 * 1024;

    public static T Run<T>(Func<T> step)
    {
        bool held;
        try
        {
            held = GC.TryStartNoGCRegion(Budget);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // A runtime whose ephemeral space is smaller than the budget, or a region another thread holds: run the
            // step as before.
            held = false;
        }

        try
        {
            return step();
        }
        finally
        {
            // A step that allocated past the budget has already ended the region with a collection.
            if (held && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }
}
