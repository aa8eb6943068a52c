using System.Buffers;
using System.Text;

namespace CrazyTrain.Capture.Sources;

/// <summary>
/// Splits a <c>multipart/x-mixed-replace</c> MJPEG body into JPEG images. Uses a part's
/// <c>Content-Length</c> when the camera sends one and otherwise scans for the JPEG end marker, because
/// cheap network cameras differ in which headers they bother to send.
/// </summary>
internal sealed class MjpegPartReader(Stream body, int maxImageBytes = MjpegPartReader.DefaultMaxImageBytes)
{
    public const int DefaultMaxImageBytes = 16 * 1024 * 1024;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next JPEG, or null when the stream ended cleanly.</summary>
    public async ValueTask<byte[]?> ReadImageAsync(CancellationToken cancellationToken)
    {
        int? contentLength = null;
        var inHeaders = false;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return null;
            }

            if (line.StartsWith("--", StringComparison.Ordinal))
            {
                inHeaders = true;
                contentLength = null;
                continue;
            }

            if (inHeaders && line.Length == 0)
            {
                break;
            }

            if (inHeaders && line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line.AsSpan("Content-Length:".Length).Trim(), out var length))
            {
                if (length <= 0 || length > maxImageBytes)
                {
                    throw new InvalidDataException($"MJPEG part announces {length} bytes; expected 1 to {maxImageBytes}.");
                }

                contentLength = length;
            }
        }

        return contentLength is { } known
            ? await ReadExactlyAsync(known, cancellationToken)
            : await ReadUntilEndOfImageAsync(cancellationToken);
    }

    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new ArrayBufferWriter<byte>();
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line.Write(available[..newline]);
                _start += newline + 1;
                var text = line.WrittenSpan;
                if (text.Length > 0 && text[^1] == '\r')
                {
                    text = text[..^1];
                }

                return Encoding.ASCII.GetString(text);
            }

            line.Write(available);
            _start = _end;
            if (line.WrittenCount > 8 * 1024)
            {
                throw new InvalidDataException("MJPEG stream has a header line longer than 8 KiB; not an MJPEG stream.");
            }

            if (!await FillAsync(cancellationToken))
            {
                return line.WrittenCount == 0 ? null : Encoding.ASCII.GetString(line.WrittenSpan);
            }
        }
    }

    private async ValueTask<byte[]> ReadExactlyAsync(int length, CancellationToken cancellationToken)
    {
        var image = new byte[length];
        var copied = 0;
        while (copied < length)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                throw new EndOfStreamException($"MJPEG stream ended inside an image ({copied} of {length} bytes).");
            }

            var take = Math.Min(length - copied, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(image.AsSpan(copied));
            _start += take;
            copied += take;
        }

        return image;
    }

    private async ValueTask<byte[]> ReadUntilEndOfImageAsync(CancellationToken cancellationToken)
    {
        var image = new ArrayBufferWriter<byte>();
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            // The end marker may straddle two reads: look one byte back into what was already copied.
            var previousWasMarker = image.WrittenCount > 0 && image.WrittenSpan[^1] == 0xFF;
            if (previousWasMarker && available.Length > 0 && available[0] == 0xD9)
            {
                image.Write(available[..1]);
                _start += 1;
                return image.WrittenSpan.ToArray();
            }

            var end = available.IndexOf([(byte)0xFF, (byte)0xD9]);
            if (end >= 0)
            {
                image.Write(available[..(end + 2)]);
                _start += end + 2;
                return image.WrittenSpan.ToArray();
            }

            image.Write(available);
            _start = _end;
            if (image.WrittenCount > maxImageBytes)
            {
                throw new InvalidDataException($"MJPEG part exceeds {maxImageBytes} bytes without a JPEG end marker.");
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new EndOfStreamException("MJPEG stream ended inside an image.");
            }
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await body.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }
}
