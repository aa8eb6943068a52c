namespace CrazyTrain.Testing;

/// <summary>
/// The exception a service's host gives when it refuses to start (bad options, a bad layout), through
/// WebApplicationFactory. Its DeferredHost races the app's own failure: the entry point's thread may dispose the
/// service provider before the factory asks it for the host's lifetime, and the test then sees an
/// ObjectDisposedException instead of the app's exception (dotnet/aspnetcore#33494; seen here in CI under load).
/// That one exception says nothing about the app, so the start is tried again with a fresh factory.
/// </summary>
public static class StartFailure
{
    private const int Attempts = 5;

    public static Exception Of<TFactory>(Func<TFactory> create, Action<TFactory> start) where TFactory : IDisposable
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception? error = null;
            var factory = create();
            try
            {
                start(factory);
            }
            catch (Exception exception)
            {
                error = exception;
            }
            finally
            {
                try
                {
                    factory.Dispose();
                }
                catch (ObjectDisposedException)
                {
                    // The same race, on the way out: the host is gone either way.
                }
            }

            if (error is null)
            {
                throw new InvalidOperationException("The host started; it was expected to refuse.");
            }

            if (error is not ObjectDisposedException || attempt == Attempts)
            {
                return error;
            }
        }
    }
}
