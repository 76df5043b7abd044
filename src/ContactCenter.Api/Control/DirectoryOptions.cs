using System.Text.RegularExpressions;
using ContactCenter.Api.Twilio;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Control;

/// <summary>An agent or supervisor who can be dialed: a stable id (used by the admin API and in labels), a name, an endpoint.</summary>
public sealed class AgentEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>E.164 number, sip: URI or client: identity.</summary>
    public string? Endpoint { get; set; }
}

/// <summary>The top-level <c>Agents</c> and <c>Supervisors</c> lists and <c>Twilio:CallerId</c>, the caller ID they are dialed with.</summary>
public sealed partial class DirectoryOptions
{
    public List<AgentEntry> Agents { get; set; } = [];

    public List<AgentEntry> Supervisors { get; set; } = [];

    /// <summary>From <c>Twilio:CallerId</c>: E.164 (or client:) shown to the people dialed.</summary>
    public string? CallerId { get; set; }

    public AgentEntry? FindAgent(string id) => Agents.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));

    public AgentEntry? FindSupervisor(string id) => Supervisors.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));

    /// <summary>Ids become part of participant labels: short, lower-case, never shaped like a CallSid.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$")]
    public static partial Regex IdPattern();

    internal static void Bind(DirectoryOptions options, IConfiguration configuration)
    {
        options.Agents = configuration.GetSection("Agents").Get<List<AgentEntry>>() ?? [];
        options.Supervisors = configuration.GetSection("Supervisors").Get<List<AgentEntry>>() ?? [];
        options.CallerId = configuration["Twilio:CallerId"];
    }
}

/// <summary>
/// Unique well-formed ids, dialable endpoints, and a phone-number caller ID whenever the service can dial a phone number
/// (an E.164 agent or supervisor, or any transfer allow-list pattern): Twilio refuses a client: caller ID toward the
/// phone network (error 21212), so that mistake stops the service at start instead of failing every such dial.
/// </summary>
internal sealed class DirectoryOptionsValidation(IOptions<TransferOptions> transfers) : IValidateOptions<DirectoryOptions>
{
    public const string PhoneNumberCallerIdRequired =
        "Twilio:CallerId must be an E.164 phone number (one of your Twilio numbers, e.g. +18005550100; set Twilio__CallerId): " +
        "agents, supervisors or Transfers:AllowedNumberPatterns dial phone numbers, and Twilio refuses a client: caller ID toward them.";

    public ValidateOptionsResult Validate(string? name, DirectoryOptions options)
    {
        var problems = new List<string>();
        Check("Agents", options.Agents, problems);
        Check("Supervisors", options.Supervisors, problems);
        var dialsPhoneNumbers = transfers.Value.AllowedNumberPatterns.Count > 0
            || options.Agents.Concat(options.Supervisors).Any(a => Addresses.IsE164(a.Endpoint));
        if (dialsPhoneNumbers && !Addresses.IsE164(options.CallerId))
        {
            problems.Add(PhoneNumberCallerIdRequired);
        }
        else if (options.CallerId is { Length: > 0 } callerId && !Addresses.IsCallerId(callerId))
        {
            problems.Add("Twilio:CallerId must be an E.164 number (e.g. +18005550100) or a client: identity.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Check(string section, List<AgentEntry> entries, List<string> problems)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Id is null || !DirectoryOptions.IdPattern().IsMatch(entry.Id))
            {
                problems.Add($"{section}:{i}:Id must be 1-32 characters of a-z, 0-9, '-' or '_', starting with a letter or digit.");
            }

            if (!Addresses.IsDialable(entry.Endpoint))
            {
                problems.Add($"{section}:{i}:Endpoint must be an E.164 number, a sip: URI or a client: identity.");
            }
        }

        foreach (var duplicate in entries.Where(e => e.Id is not null).GroupBy(e => e.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{section}: the id '{duplicate.Key}' is used more than once.");
        }
    }
}
