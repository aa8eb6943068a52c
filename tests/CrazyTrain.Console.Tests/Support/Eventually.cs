namespace CrazyTrain.Console.Tests.Support;

/// <summary>Waits for something that happens in the background (a poll, a consumer joining); the limit is generous, never the assertion.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> probe, string what, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up waiting for {what}.");
            }
        }
    }

    public static Task True(Func<Task<bool>> probe, string what, TimeSpan? limit = null) =>
        Get<object>(async () => await probe() ? new object() : null, what, limit);

    public static Task True(Func<bool> probe, string what, TimeSpan? limit = null) =>
        True(() => Task.FromResult(probe()), what, limit);
}
