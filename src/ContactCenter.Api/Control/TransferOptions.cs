using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Control;

/// <summary>Where transfers may go and how long a target rings.</summary>
public sealed class TransferOptions
{
    public const string Section = "Transfers";

    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Regular expressions a whole external number must match (e.g. <c>^\+1415555\d{4}$</c>). Empty: no external numbers.</summary>
    public List<string> AllowedNumberPatterns { get; set; } = [];

    /// <summary>Seconds a transfer target rings before Twilio gives up (no-answer).</summary>
    [Range(5, 600)]
    public int RingTimeoutSeconds { get; set; } = 20;

    /// <summary>The patterns compiled with full-match anchoring and a match timeout.</summary>
    public IReadOnlyList<Regex> Compile() =>
        [.. AllowedNumberPatterns.Select(p => new Regex($"^(?:{p})$", RegexOptions.CultureInvariant, MatchTimeout))];
}

internal sealed class TransferOptionsValidation : IValidateOptions<TransferOptions>
{
    public ValidateOptionsResult Validate(string? name, TransferOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.AllowedNumberPatterns.Count; i++)
        {
            var pattern = options.AllowedNumberPatterns[i];
            if (string.IsNullOrWhiteSpace(pattern))
            {
                problems.Add($"Transfers:AllowedNumberPatterns:{i} is empty.");
                continue;
            }

            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, TransferOptions.MatchTimeout);
            }
            catch (ArgumentException error)
            {
                problems.Add($"Transfers:AllowedNumberPatterns:{i} is not a valid regular expression: {error.Message}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
