using System.Net.Http.Headers;
using System.Text.Json;
using CrazyTrain.Console.State;
using Microsoft.Extensions.Options;

namespace CrazyTrain.Console.Upstream;

/// <summary>
/// The console's calls to capture, inference and controller, through named HttpClients whose base addresses
/// (<c>http://capture</c>...) Aspire service discovery resolves. Every call returns a state, never throws: a
/// service that is down is something to show, not an exception page. Every call but a read carries the operator
/// token, which the console holds and no browser ever sees.
/// </summary>
public sealed class UpstreamServices(IHttpClientFactory clients, IOptions<ConsoleOptions> options, OperatorToken token, TimeProvider time)
{
    public const string Capture = "capture";
    public const string Inference = "inference";
    public const string Controller = "controller";

    private const int MaxBodyChars = 4096;

    public async Task<ServiceStatus> GetJsonAsync(string service, string path, CancellationToken cancellationToken)
    {
        var result = await SendAsync(service, HttpMethod.Get, path, options.Value.ServiceTimeout, cancellationToken);
        return new ServiceStatus(result.Reachable && result.IsSuccess, result.HttpStatus, result.Body, result.Error, time.GetUtcNow());
    }

    /// <summary>Sends one request; a service that does not answer, or answers with an error, comes back as a result.</summary>
    public async Task<UpstreamResult> SendAsync(string service, HttpMethod method, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var client = clients.CreateClient(service);
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (method != HttpMethod.Get)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue(OperatorToken.Scheme, token.Value);
            }

            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent(string.Empty);
            }

            using var response = await client.SendAsync(request, deadline.Token);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            var body = ParseBody(text);
            var status = (int)response.StatusCode;
            string? error = response.IsSuccessStatusCode ? null : $"{service} answered {status} {response.ReasonPhrase}{ErrorDetail(body)}";
            return new UpstreamResult(true, status, body, error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new UpstreamResult(false, null, null, $"{service} did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            return new UpstreamResult(false, null, null, $"{service} is not reachable: {exception.Message}");
        }
        catch (Exception exception) when (exception is InvalidOperationException or Polly.ExecutionRejectedException or TimeoutException)
        {
            // Service discovery that cannot resolve the name, or the resilience pipeline's open circuit or timeout.
            return new UpstreamResult(false, null, null, $"{service} is not reachable: {exception.Message}");
        }
    }

    private static JsonElement? ParseBody(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text.Length > MaxBodyChars ? text[..MaxBodyChars] : text);
        }
    }

    private static string ErrorDetail(JsonElement? body) => body switch
    {
        { ValueKind: JsonValueKind.String } text => $": {text.GetString()}",
        { ValueKind: JsonValueKind.Object } problem when problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String => $": {detail.GetString()}",
        { ValueKind: JsonValueKind.Object } problem when problem.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String => $": {error.GetString()}",
        { ValueKind: JsonValueKind.Object } answer when answer.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String => $": {message.GetString()}",
        { ValueKind: JsonValueKind.Object } problem when problem.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String => $": {title.GetString()}",
        _ => string.Empty,
    };
}

/// <summary>What one upstream call gave: whether the service answered, its status and its body.</summary>
public sealed record UpstreamResult(bool Reachable, int? HttpStatus, JsonElement? Body, string? Error)
{
    public bool IsSuccess => HttpStatus is >= 200 and < 300;
}
