namespace CrazyTrain.Testing;

/// <summary>
/// Waits for something that background work makes true (a poll, a consumer joining, another thread). The limit
/// only keeps a broken test from hanging the run; nothing asserts how long it took.
/// </summary>
/// <remarks>The test projects each had their own copy; these are their entry points, over one polling loop.</remarks>
public static class Eventually
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public static Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> until, string what) =>
        PollAsync(probe, until, what, HangGuard, TimeSpan.FromMilliseconds(20));

    public static Task<T> ReturnsAsync<T>(Func<T> probe, Func<T, bool> until, string what) =>
        ReturnsAsync(() => Task.FromResult(probe()), until, what);

    public static Task IsTrueAsync(Func<bool> condition, string what) =>
        ReturnsAsync(condition, value => value, what);

    /// <summary>Waits for the probe to return something other than null, and returns it.</summary>
    public static async Task<T> Get<T>(Func<Task<T?>> probe, string what, TimeSpan? limit = null) =>
        (await PollAsync(probe, value => value is not null, what, limit ?? HangGuard, TimeSpan.FromMilliseconds(100)))!;

    /// <summary>
    /// Waits for a probe that awaits (an HTTP call), running <paramref name="step"/> between polls. Never block on such a
    /// probe with <c>.Result</c> inside a synchronous one: that holds a thread-pool thread per poll, and tests running side
    /// by side then starve the pool the service under test needs (one cause of the controller's policy clock missing its
    /// liveness bound under the full suite).
    /// </summary>
    public static Task True(Func<Task<bool>> probe, string what, TimeSpan? limit = null, Action? step = null) =>
        PollAsync(probe, value => value, what, limit ?? HangGuard, TimeSpan.FromMilliseconds(100), step);

    public static Task True(Func<bool> probe, string what, TimeSpan? limit = null) =>
        PollAsync(() => Task.FromResult(probe()), value => value, what, limit ?? HangGuard, TimeSpan.FromMilliseconds(10));

    /// <summary>Waits for <paramref name="condition"/>, running <paramref name="step"/> (e.g. advancing a manual clock) between polls.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, Action? step = null) =>
        PollAsync(() => Task.FromResult(condition()), value => value, what, HangGuard, TimeSpan.FromMilliseconds(5), step);

    /// <summary>Awaits a task that must complete; fails with a message instead of hanging when it never does.</summary>
    public static async Task<T> CompletesAsync<T>(Task<T> task, string what)
    {
        await CompletesAsync((Task)task, what);
        return await task;
    }

    public static async Task CompletesAsync(Task task, string what)
    {
        var finished = await Task.WhenAny(task, Task.Delay(HangGuard));
        if (finished != task)
        {
            throw new Xunit.Sdk.XunitException($"Never completed: {what}");
        }

        await task;
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> until, string what, TimeSpan limit, TimeSpan poll, Action? step = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (until(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Gave up waiting for {what}; last value: {value?.ToString() ?? "null"}");
            }

            step?.Invoke();
            await Task.Delay(poll);
        }
    }
}
