namespace CrazyTrain.Training.Model;

/// <summary>Counts multiply-accumulates of convolutions during one forward pass (for the model card's FLOPs).</summary>
internal static class MacCounter
{
    [ThreadStatic]
    private static long? count;

    public static void Add(long outputHeight, long outputWidth, long weightElements)
    {
        if (count is not null)
        {
            count += outputHeight * outputWidth * weightElements;
        }
    }

    public static long Measure(Action forward)
    {
        count = 0;
        try
        {
            forward();
            return count.Value;
        }
        finally
        {
            count = null;
        }
    }
}
