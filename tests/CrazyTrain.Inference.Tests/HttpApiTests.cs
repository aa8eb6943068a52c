using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrazyTrain.Inference.Tests.Support;

namespace CrazyTrain.Inference.Tests;

public sealed class HttpApiTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly InferenceApp _app;
    private readonly HttpClient _client;

    public HttpApiTests()
    {
        var model = new TestModel
        {
            Name = "signs", Version = "3.0.0", Threshold = 0.6f,
            Anchors = [([8 + 3, 6, 8 + 27, 30], [0.9f, 0, 0, 0, 0]), ([0, 0, 4, 4], [0, 0.3f, 0, 0, 0])],
        };
        _app = new InferenceApp(model.WriteTo(_folder.Path), new Dictionary<string, string?> { ["Inference:MaxImageBytes"] = "200000" });
        _client = _app.CreateClient();
    }

    private static ByteArrayContent Image(byte[] bytes, string contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    [Fact]
    public async Task The_model_endpoint_describes_the_loaded_model()
    {
        var model = await _client.GetFromJsonAsync<JsonElement>("/api/model");

        Assert.Equal("signs", model.GetProperty("name").GetString());
        Assert.Equal("3.0.0", model.GetProperty("version").GetString());
        Assert.Equal(TestModel.SignLabels, model.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(64, model.GetProperty("input").GetProperty("width").GetInt32());
        Assert.Equal(48, model.GetProperty("input").GetProperty("height").GetInt32());
        Assert.Equal("CPU", model.GetProperty("executionProvider").GetString());
        Assert.Equal(0.6f, model.GetProperty("threshold").GetSingle());
    }

    [Fact]
    public async Task Detect_returns_the_per_image_document_for_a_JPEG()
    {
        var response = await _client.PostAsync("/api/detect", Image(TestImages.Scene(128, 128)));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(128, body.GetProperty("width").GetInt32());
        Assert.Equal(128, body.GetProperty("height").GetInt32());
        Assert.Equal("signs", body.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("3.0.0", body.GetProperty("model").GetProperty("version").GetString());
        var detection = Assert.Single(body.GetProperty("detections").EnumerateArray());
        Assert.Equal("stop", detection.GetProperty("label").GetString());
        Assert.Equal(0.9f, detection.GetProperty("confidence").GetSingle());
        var box = detection.GetProperty("box");
        Assert.Equal(8f, box.GetProperty("x").GetSingle(), 3);
        Assert.Equal(16f, box.GetProperty("y").GetSingle(), 3);
        Assert.Equal(64f, box.GetProperty("width").GetSingle(), 3);
        Assert.Equal(64f, box.GetProperty("height").GetSingle(), 3);
        var timings = body.GetProperty("timings");
        Assert.Equal(["decodeMs", "preprocessMs", "inferenceMs", "postprocessMs"], timings.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Detect_accepts_PNG_and_a_threshold_query()
    {
        var response = await _client.PostAsync("/api/detect?threshold=0.2", Image(TestImages.Scene(64, 48, extension: ".png"), "image/png"));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("detections").GetArrayLength());
    }

    [Theory]
    [InlineData(".webp", "image/jpeg")]
    [InlineData(".webp", "image/webp")]
    [InlineData(".tiff", "image/tiff")]
    [InlineData(".bmp", "application/octet-stream")]
    public async Task Detect_reads_what_OpenCV_reads_whatever_the_content_type_claims(string format, string contentType)
    {
        var response = await _client.PostAsync("/api/detect?threshold=0.2", Image(TestImages.Scene(64, 48, extension: format), contentType));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(64, body.GetProperty("width").GetInt32());
        Assert.Equal(2, body.GetProperty("detections").GetArrayLength());
    }

    public static TheoryData<string, byte[], string, string> BadImages()
    {
        var jpeg = TestImages.Scene(320, 240);
        return new()
        {
            { "empty", [], "image/jpeg", "empty" },
            { "truncated", jpeg[..(jpeg.Length / 2)], "image/jpeg", "truncated" },
            { "corrupt", [0xFF, 0xD8, 0xFF, 0xE0, 9, 9, 9, 9, 9, 9, 0xFF, 0xD9], "image/jpeg", "corrupt" },
            { "not an image", "hello, train"u8.ToArray(), "application/octet-stream", "unsupported-format" },
            { "wrong content type", jpeg, "text/plain", "unsupported-format" },
            { "oversized", new byte[300_000], "image/jpeg", "oversized" },
            { "decompression bomb", TestImages.PngDeclaring(20000, 20000), "image/png", "too-many-pixels" },
        };
    }

    [Theory]
    [MemberData(nameof(BadImages))]
    public async Task Bad_images_get_400_with_a_reason(string what, byte[] bytes, string contentType, string reason)
    {
        var response = await _client.PostAsync("/api/detect", Image(bytes, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), what);
    }

    [Fact]
    public async Task The_service_keeps_working_after_bad_input()
    {
        await _client.PostAsync("/api/detect", Image([0xFF, 0xD8, 0xFF, 1, 2, 3]));
        var response = await _client.PostAsync("/api/detect", Image(TestImages.Scene(64, 48)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
        _folder.Dispose();
    }
}
