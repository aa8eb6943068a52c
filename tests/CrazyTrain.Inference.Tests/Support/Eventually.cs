namespace CrazyTrain.Inference.Tests.Support;

internal static class Eventually
{
    /// <summary>Waits for a condition that background work will make true; the limit only guards against hangs.</summary>
    public static async Task True(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Still not true: {what}");
            }

            await Task.Delay(10);
        }
    }
}
