namespace CrazyTrain.Testing;

/// <summary>
/// Waits for a condition that another thread makes true. The real-time guard only keeps a broken test from
/// hanging the run; it is never what a test asserts.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<bool> condition, string what, Action? step = null)
    {
        var deadline = DateTime.UtcNow + HangGuard;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Never became true: {what}");
            }

            step?.Invoke();
            await Task.Delay(5);
        }
    }

    /// <summary>Awaits a task that must complete; fails with a message instead of hanging when it never does.</summary>
    public static async Task<T> CompletesAsync<T>(Task<T> task, string what)
    {
        var finished = await Task.WhenAny(task, Task.Delay(HangGuard));
        return finished == task ? await task : throw new Xunit.Sdk.XunitException($"Never completed: {what}");
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
}
