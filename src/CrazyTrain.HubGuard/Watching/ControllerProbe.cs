using System.Net;
using System.Net.Sockets;

namespace CrazyTrain.HubGuard.Watching;

/// <summary>
/// Asks the controller's <c>/alive</c> once. Its own HTTP client without the service defaults' retries and timeouts:
/// a watchdog must see each miss, not a retried success seconds later.
/// </summary>
internal sealed class ControllerProbe(HttpClient http, Uri alive)
{
    public async Task<ProbeResult> ProbeAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(alive, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return ProbeResult.Beat;
            }

            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return ProbeResult.Missed($"/alive answered {(int)response.StatusCode}: {Shorten(body)}");
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return ProbeResult.Missed($"no answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException socket)
        {
            return ProbeResult.Missed($"unreachable ({socket.SocketErrorCode})");
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Missed($"unreachable ({e.Message})");
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
