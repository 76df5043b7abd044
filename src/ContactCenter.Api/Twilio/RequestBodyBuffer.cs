using System.Buffers;

namespace ContactCenter.Api.Twilio;

/// <summary>The request body, read once into a pooled buffer; returned to the pool on dispose.</summary>
internal sealed class RequestBodyBuffer : IDisposable
{
    private const int InitialSize = 4096;

    // A Content-Length is a hint, not a promise: never rent more than this up front.
    private const int LargestUpfrontSize = 64 * 1024;

    private byte[] buffer;
    private int length;

    private RequestBodyBuffer(byte[] buffer) => this.buffer = buffer;

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, length);

    /// <summary>
    /// Reads the whole body, or null as soon as it proves longer than <paramref name="maxBytes"/>: a declared
    /// Content-Length over the limit is refused without reading, a chunked body is read no further than the limit.
    /// </summary>
    public static async Task<RequestBodyBuffer?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var size = request.ContentLength is { } declared ? (int)Math.Clamp(declared + 1, 1, Math.Min(LargestUpfrontSize, maxBytes + 1)) : InitialSize;
        var body = new RequestBodyBuffer(ArrayPool<byte>.Shared.Rent(size));
        try
        {
            int read;
            // Room for one byte past the limit: reading it is how a chunked body is found too long.
            while ((read = await request.Body.ReadAsync(body.buffer.AsMemory(body.length, Math.Min(body.buffer.Length, maxBytes + 1) - body.length), cancellationToken)) > 0)
            {
                body.length += read;
                if (body.length > maxBytes)
                {
                    body.Dispose();
                    return null;
                }

                if (body.length == body.buffer.Length)
                {
                    body.Grow();
                }
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>The buffered body as a stream, for whatever reads the body after the check.</summary>
    public Stream AsStream() => new MemoryStream(buffer, 0, length, writable: false);

    public void Dispose()
    {
        var rented = buffer;
        buffer = [];
        length = 0;
        if (rented.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
