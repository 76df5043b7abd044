using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Api.Operations;

/// <summary><c>RateLimits:*</c>: fixed windows per admin key (per address without a valid key) and per address for sign-in.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    public WindowLimit Admin { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    public WindowLimit ConsoleSignIn { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Check(Admin, "Admin").Concat(Check(ConsoleSignIn, "ConsoleSignIn"));

    private static List<ValidationResult> Check(WindowLimit limit, string name)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(limit, new ValidationContext(limit), results, validateAllProperties: true);
        return [.. results.Select(r => new ValidationResult(r.ErrorMessage?.Replace("RateLimits:*:", $"RateLimits:{name}:", StringComparison.Ordinal)))];
    }
}

public sealed class WindowLimit
{
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:*:PermitLimit must be between 1 and 1000000 requests per window.")]
    public int PermitLimit { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "RateLimits:*:Window must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Window { get; set; }
}
