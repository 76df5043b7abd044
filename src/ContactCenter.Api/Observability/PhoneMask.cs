namespace ContactCenter.Api.Observability;

/// <summary>Phone numbers never reach a log in full: all but the last four digits are masked.</summary>
public static class PhoneMask
{
    public static string Mask(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "(none)";
        }

        // SIP URIs and client identities are not phone numbers but can still identify a person.
        if (number.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || number.StartsWith("client:", StringComparison.OrdinalIgnoreCase))
        {
            var colon = number.IndexOf(':');
            return string.Concat(number.AsSpan(0, colon + 1), "***");
        }

        var keep = Math.Min(4, number.Length);
        return string.Create(number.Length, (number, keep), static (span, state) =>
        {
            var (value, keepCount) = state;
            for (var i = 0; i < span.Length; i++)
            {
                var visible = i >= span.Length - keepCount || value[i] == '+';
                span[i] = visible ? value[i] : '*';
            }
        });
    }
}
