namespace CrazyTrain.Capture.Tests.Support;

/// <summary>
/// Waits for a condition that background work makes true. The limit only stops a broken test from hanging;
/// nothing asserts how long it took.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var value = await probe();
            if (until(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Gave up waiting for {what}; last value: {value}");
            }

            await Task.Delay(20);
        }
    }

    public static Task<T> ReturnsAsync<T>(Func<T> probe, Func<T, bool> until, string what) =>
        ReturnsAsync(() => Task.FromResult(probe()), until, what);

    public static Task IsTrueAsync(Func<bool> condition, string what) =>
        ReturnsAsync(() => Task.FromResult(condition()), value => value, what);
}
