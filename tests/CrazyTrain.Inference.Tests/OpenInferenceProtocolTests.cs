using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.Inference.Tests.Support;

namespace CrazyTrain.Inference.Tests;

/// <summary>The KServe v2 REST surface, driven the way a standard client would.</summary>
public sealed class OpenInferenceProtocolTests : IDisposable
{
    private const int Width = 16;
    private const int Height = 8;
    private readonly TempFolder _folder = new();
    private readonly InferenceApp _app;
    private readonly HttpClient _client;

    public OpenInferenceProtocolTests()
    {
        var model = new TestModel
        {
            Name = "signs", Version = "3.0.0", Width = Width, Height = Height, Gain = 1f,
            Anchors = [([1, 2, 3, 4], [0.1f, 0.2f, 0.3f, 0.4f, 0.5f]), ([5, 6, 7, 8], [0, 0, 0, 0, 0])],
        };
        _app = new InferenceApp(model.WriteTo(_folder.Path));
        _client = _app.CreateClient();
    }

    private static object Request(float value, object? shape = null, string datatype = "FP32", string name = "image", bool nested = false)
    {
        var flat = Enumerable.Repeat(value, 3 * Width * Height).ToArray();
        object data = nested
            ? Enumerable.Range(0, 3).Select(c => Enumerable.Range(0, Height).Select(y => flat.Skip((c * Height + y) * Width).Take(Width).ToArray()).ToArray()).ToArray()
            : flat;
        return new { id = "req-7", inputs = new[] { new { name, shape = shape ?? new[] { 1, 3, Height, Width }, datatype, data } } };
    }

    [Fact]
    public async Task Ready_and_live_answer_200()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/v2/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/v2/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/v2/models/signs/ready")).StatusCode);
    }

    [Fact]
    public async Task Server_metadata_names_the_server()
    {
        var metadata = await _client.GetFromJsonAsync<JsonElement>("/v2");
        Assert.Equal("crazytrain-inference", metadata.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(metadata.GetProperty("version").GetString()));
        Assert.Equal(JsonValueKind.Array, metadata.GetProperty("extensions").ValueKind);
    }

    [Fact]
    public async Task Model_metadata_lists_the_tensors()
    {
        var metadata = await _client.GetFromJsonAsync<JsonElement>("/v2/models/signs");

        Assert.Equal("signs", metadata.GetProperty("name").GetString());
        Assert.Equal(["3.0.0"], metadata.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("onnxruntime_onnx", metadata.GetProperty("platform").GetString());
        var input = Assert.Single(metadata.GetProperty("inputs").EnumerateArray());
        Assert.Equal("image", input.GetProperty("name").GetString());
        Assert.Equal("FP32", input.GetProperty("datatype").GetString());
        Assert.Equal([1L, 3, Height, Width], input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        var outputs = metadata.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(["boxes", "scores"], outputs.Select(o => o.GetProperty("name").GetString()));
        Assert.Equal([1L, 2, 5], outputs[1].GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Infer_runs_the_raw_model_on_the_given_tensor(bool nested)
    {
        // scores = fixed + mean(input): an all-0.25 input adds 0.25 to every score.
        var response = await _client.PostAsJsonAsync("/v2/models/signs/infer", Request(0.25f, nested: nested));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("signs", body.GetProperty("model_name").GetString());
        Assert.Equal("3.0.0", body.GetProperty("model_version").GetString());
        Assert.Equal("req-7", body.GetProperty("id").GetString());
        var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], outputs["boxes"].GetProperty("data").EnumerateArray().Select(v => v.GetSingle()));
        var scores = outputs["scores"].GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.Equal(0.35f, scores[0], 5);
        Assert.Equal(0.75f, scores[4], 5);
        Assert.Equal(0.25f, scores[9], 5);
        Assert.Equal("FP32", outputs["scores"].GetProperty("datatype").GetString());
    }

    [Fact]
    public async Task Infer_returns_only_the_requested_outputs()
    {
        var request = new
        {
            inputs = new[] { new { name = "image", shape = new[] { 1, 3, Height, Width }, datatype = "FP32", data = new float[3 * Width * Height] } },
            outputs = new[] { new { name = "scores" } },
        };
        var body = await (await _client.PostAsJsonAsync("/v2/models/signs/versions/3.0.0/infer", request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("scores", Assert.Single(body.GetProperty("outputs").EnumerateArray()).GetProperty("name").GetString());
    }

    public static TheoryData<string, object> BadRequests() => new()
    {
        { "shape", Request(0, shape: new[] { 1, 3, 4, 4 }) },
        { "datatype", Request(0, datatype: "INT64") },
        { "input", Request(0, name: "pixels") },
        { "data", new { inputs = new[] { new { name = "image", shape = new[] { 1, 3, Height, Width }, datatype = "FP32", data = new[] { 1f, 2f } } } } },
        { "inputs", new { inputs = Array.Empty<object>() } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_infer_requests_get_400_with_an_error(string what, object request)
    {
        var response = await _client.PostAsJsonAsync("/v2/models/signs/infer", request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(what, body.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_models_and_versions_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v2/models/yolo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v2/models/signs/versions/9.9.9")).StatusCode);
        var response = await _client.PostAsJsonAsync("/v2/models/yolo/infer", Request(0));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("yolo", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
        _folder.Dispose();
    }
}
