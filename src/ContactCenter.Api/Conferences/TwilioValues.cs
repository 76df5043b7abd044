using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ContactCenter.Api.Conferences;

/// <summary>Parsing of the values Twilio puts in callbacks, and the raw form kept with each stored event.</summary>
public static class TwilioValues
{
    // Fields that carry phone numbers (or caller names): kept out of the stored raw form.
    private static readonly HashSet<string> PersonalFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Caller", "Called", "ForwardedFrom", "CallerName", "StirVerstat",
    };

    private static readonly string[] TimestampFormats = ["ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss zzzz", "r", "o"];

    /// <summary>Twilio's RFC 2822 timestamps ("Mon, 23 Nov 2026 21:00:00 +0000"); null when absent or unreadable.</summary>
    public static DateTimeOffset? ParseTimestamp(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        // .NET's zzz wants "+00:00"; Twilio writes "+0000".
        if (trimmed.Length > 5 && trimmed[^5] is '+' or '-' && trimmed[^4..].All(char.IsAsciiDigit))
        {
            trimmed = string.Concat(trimmed.AsSpan(0, trimmed.Length - 2), ":", trimmed.AsSpan(trimmed.Length - 2));
        }

        return DateTimeOffset.TryParseExact(trimmed, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }

    public static bool TryParseSequence(string? value, out long sequence) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);

    public static bool? ParseBool(string? value) =>
        value is null ? null : bool.TryParse(value.Trim(), out var parsed) ? parsed : null;

    public static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    /// <summary>Every field of the form, phone-number fields excepted, as a JSON object of strings.</summary>
    /// <summary>Every field as received, phone numbers excepted, in name order: what is stored and replayed.</summary>
    public static SortedDictionary<string, string> StoredFields(IFormCollection form)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            if (!PersonalFields.Contains(name))
            {
                fields[name] = values.ToString();
            }
        }

        return fields;
    }

    public static string RawJson(SortedDictionary<string, string> fields) => JsonSerializer.Serialize(fields);

    public static string RawJson(IFormCollection form) => RawJson(StoredFields(form));

    public static IReadOnlyDictionary<string, string> ReadRawJson(string json) =>
        JsonSerializer.Deserialize<SortedDictionary<string, string>>(json) ?? [];
}
