using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContactCenter.Api.Twilio;
using Microsoft.AspNetCore.Http;

namespace ContactCenter.Api.Conferences;

/// <summary>Parsing of the values Twilio puts in callbacks, and the raw form kept with each stored event.</summary>
public static class TwilioValues
{
    // Fields that carry phone numbers, caller names or a token to call as the caller: never stored.
    private static readonly HashSet<string> PersonalFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "To", "Caller", "Called", "ForwardedFrom", "CallerName", "StirVerstat", "StirPassportToken", "CallToken",
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

    /// <summary>
    /// The documented fields of the form (<paramref name="documented"/>), phone numbers and caller identity excepted,
    /// in name order: what is stored and replayed. A field Twilio does not document, sent twice or longer than
    /// <see cref="TwilioWebhookForm.MaxValueLength"/> is left out and counted.
    /// </summary>
    public static StoredForm StoredFields(IFormCollection form, FrozenSet<string> documented)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        int droppedFields = 0, droppedBytes = 0;
        foreach (var (name, values) in form)
        {
            if (PersonalFields.Contains(name))
            {
                continue;
            }

            if (documented.TryGetValue(name, out var documentedName) && values.Count == 1 && values[0] is { Length: <= TwilioWebhookForm.MaxValueLength } value)
            {
                fields[documentedName] = value;
                continue;
            }

            droppedFields++;
            droppedBytes += Encoding.UTF8.GetByteCount(name);
            foreach (var dropped in values)
            {
                droppedBytes += Encoding.UTF8.GetByteCount(dropped ?? "");
            }
        }

        return new StoredForm(fields, droppedFields, droppedBytes);
    }

    public static string RawJson(SortedDictionary<string, string> fields) => JsonSerializer.Serialize(fields);

    public static IReadOnlyDictionary<string, string> ReadRawJson(string json) =>
        JsonSerializer.Deserialize<SortedDictionary<string, string>>(json) ?? [];
}

/// <summary>What is stored of a callback's form, and how much was left out (counted, never logged: it may carry anything).</summary>
public sealed record StoredForm(SortedDictionary<string, string> Fields, int DroppedFields, int DroppedBytes);
