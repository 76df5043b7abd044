using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace ContactCenter.Api.Twilio;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body as the name/value pairs Twilio signed: every pair in body
/// order, names kept apart when they differ only in case, '+' a space, percent-escapes UTF-8.
/// </summary>
internal static class TwilioFormBody
{
    private const int StackLimit = 256;

    /// <summary>Appends the body's pairs to <paramref name="pairs"/>; empty segments (<c>a=1&amp;&amp;b=2</c>) carry nothing and are skipped.</summary>
    public static void Parse(ReadOnlySpan<byte> body, List<KeyValuePair<string, string>> pairs)
    {
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'&');
            var segment = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (segment.IsEmpty)
            {
                continue;
            }

            var equals = segment.IndexOf((byte)'=');
            var name = equals < 0 ? segment : segment[..equals];
            var value = equals < 0 ? [] : segment[(equals + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }
    }

    /// <summary>The form the handlers bind, built from exactly the pairs that were validated (case-insensitive names, as ASP.NET's reader).</summary>
    public static FormCollection ToForm(List<KeyValuePair<string, string>> pairs)
    {
        var accumulator = new KeyValueAccumulator();
        foreach (var (name, value) in pairs)
        {
            accumulator.Append(name, value);
        }

        return new FormCollection(accumulator.GetResults());
    }

    internal static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            return "";
        }

        if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            return Encoding.UTF8.GetString(encoded);
        }

        byte[]? rented = null;
        var decoded = encoded.Length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(encoded.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == '+')
                {
                    b = (byte)' ';
                }
                else if (b == '%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
                {
                    b = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                    i += 2;
                }

                decoded[length++] = b;
            }

            return Encoding.UTF8.GetString(decoded[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
