using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace CrazyTrain.HubGuard.Cutting;

/// <summary>In Simulation the twin plays the adapter: <c>POST /api/twin/hub/drop</c> with the operator token.</summary>
internal sealed class TwinLinkCutter(HttpClient http, Uri twin, string operatorToken) : ILinkCutter
{
    private readonly Uri _drop = new(twin, "/api/twin/hub/drop");

    public string Target => _drop.ToString();

    public async Task<CutOutcome> CutAsync(string reason, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _drop)
        {
            Content = JsonContent.Create(new DropRequest($"hub-guard: {reason}")),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", operatorToken) },
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the twin answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var result = await response.Content.ReadFromJsonAsync<DropResult>(cancellationToken);
        return result?.Dropped == true ? new(true, "the twin cut the controller off") : new(false, "no controller held the twin's hub");
    }

    private sealed record DropRequest(string Reason);

    private sealed record DropResult(bool Dropped, string Reason);
}
