using System.Buffers;
using System.Text;

namespace ContactCenter.Api.Twilio;

/// <summary>
/// The parameter part of the signed string, UTF-8, in a pooled buffer: each distinct name/value pair as
/// name then value, sorted by name and then value (ordinal, as Twilio's Node library sorts them; a pair that
/// occurs twice, <c>E=x&amp;E=x</c>, is signed once, as that library's <c>new Set(values)</c> does).
/// </summary>
internal readonly struct SignedParameters : IDisposable
{
    private static readonly Comparison<KeyValuePair<string, string>> Ordinal = static (a, b) =>
    {
        var byName = string.CompareOrdinal(a.Key, b.Key);
        return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
    };

    private readonly byte[]? buffer;
    private readonly int length;

    private SignedParameters(byte[]? buffer, int length)
    {
        this.buffer = buffer;
        this.length = length;
    }

    public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

    /// <summary>Sorts <paramref name="pairs"/> in place and writes the signed bytes.</summary>
    public static SignedParameters Create(Span<KeyValuePair<string, string>> pairs)
    {
        if (pairs.IsEmpty)
        {
            return default;
        }

        pairs.Sort(Ordinal);
        var maxLength = 0;
        foreach (var (name, value) in pairs)
        {
            maxLength += Encoding.UTF8.GetMaxByteCount(name.Length) + Encoding.UTF8.GetMaxByteCount(value.Length);
        }

        var rented = ArrayPool<byte>.Shared.Rent(maxLength);
        var written = 0;
        for (var i = 0; i < pairs.Length; i++)
        {
            var (name, value) = pairs[i];
            if (i > 0 && pairs[i - 1].Key == name && pairs[i - 1].Value == value)
            {
                continue;
            }

            written += Encoding.UTF8.GetBytes(name, rented.AsSpan(written));
            written += Encoding.UTF8.GetBytes(value, rented.AsSpan(written));
        }

        return new SignedParameters(rented, written);
    }

    public void Dispose()
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
