using System.Net.Http.Headers;
using CrazyTrain.Capture.Options;
using CrazyTrain.SignModel.Imaging;
using OpenCvSharp;

namespace CrazyTrain.Capture.Sources;

/// <summary>
/// A network camera serving MJPEG over HTTP, read with .NET's HTTP stack and decoded with OpenCV. OpenCV's own
/// FFmpeg in the official Linux runtime is built without network protocols, and this way a silent camera
/// is noticed after <see cref="CaptureOptions.ReadTimeout"/> instead of hanging a read.
/// </summary>
internal sealed class MjpegHttpSource : IFrameSource
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly MjpegPartReader _reader;
    private readonly TimeSpan _readTimeout;

    private MjpegHttpSource(FrameSourceSpec spec, HttpClient client, HttpResponseMessage response, Stream body, TimeSpan readTimeout)
    {
        Spec = spec;
        _client = client;
        _response = response;
        _body = body;
        _reader = new MjpegPartReader(body);
        _readTimeout = readTimeout;
    }

    public FrameSourceSpec Spec { get; }

    public double? NativeFps => null;

    public bool IsLive => true;

    public static async Task<MjpegHttpSource> OpenAsync(FrameSourceSpec spec, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        var what = $"Stream '{spec.Location}'";
        // Not from IHttpClientFactory: the shared resilience handler would retry and time out an endless body.
        var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = readTimeout })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(readTimeout);
            var response = await client.GetAsync(spec.Location, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                response.Dispose();
                throw new FrameSourceException($"{what} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!IsMjpeg(response.Content.Headers.ContentType))
            {
                response.Dispose();
                throw new FrameSourceException($"{what} is not an MJPEG stream (Content-Type '{mediaType}'; expected multipart/x-mixed-replace).");
            }

            var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            return new MjpegHttpSource(spec, client, response, body, readTimeout);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new FrameSourceException($"{what} is unreachable: {Describe(exception, readTimeout)}", exception);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask<Mat> ReadAsync(CancellationToken cancellationToken)
    {
        var what = $"Stream '{Spec.Location}'";
        byte[]? jpeg;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_readTimeout);
            jpeg = await _reader.ReadImageAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or HttpRequestException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new FrameSourceException($"{what} broke off: {Describe(exception, _readTimeout)}", exception);
        }

        if (jpeg is null)
        {
            throw new FrameSourceException($"{what} ended (the camera closed the connection).");
        }

        // The size comes from the header first, with inference's limit for live frames: a part of a few bytes can
        // declare 30000x30000 pixels and have OpenCV allocate gigabytes before it notices the data is not there.
        var format = ImageFormatSniffer.Sniff(jpeg);
        if (ImageSize.TryRead(jpeg, format, out var width, out var height) && !PixelLimit.Live.Allows(width, height))
        {
            throw new FrameSourceException(
                $"{what} sent an image declaring {width}x{height} pixels; at most {PixelLimit.Live.MaxSide} a side and {PixelLimit.Live.MaxPixels / 1e6:0.#} MP are decoded.");
        }

        var frame = Cv2.ImDecode(jpeg, ImreadModes.Color);
        if (frame.Empty())
        {
            frame.Dispose();
            throw new FrameSourceException($"{what} sent an image that is not a decodable JPEG ({jpeg.Length} bytes).");
        }

        return frame;
    }

    public void Dispose()
    {
        _body.Dispose();
        _response.Dispose();
        _client.Dispose();
    }

    private static bool IsMjpeg(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } mediaType
        && mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);

    private static string Describe(Exception exception, TimeSpan timeout) =>
        exception is OperationCanceledException ? $"no data for {timeout.TotalSeconds:0.#} s" : exception.Message;
}
