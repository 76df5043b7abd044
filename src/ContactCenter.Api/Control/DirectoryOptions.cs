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

/// <summary>Unique well-formed ids, dialable endpoints; a caller ID whenever someone is dialed on the phone network (outside Development).</summary>
internal sealed class DirectoryOptionsValidation(IHostEnvironment environment) : IValidateOptions<DirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectoryOptions options)
    {
        var problems = new List<string>();
        Check("Agents", options.Agents, problems);
        Check("Supervisors", options.Supervisors, problems);
        if (options.CallerId is { Length: > 0 } callerId && !Addresses.IsCallerId(callerId))
        {
            problems.Add("Twilio:CallerId must be an E.164 number (e.g. +18005550100) or a client: identity.");
        }

        var dialsPstn = options.Agents.Concat(options.Supervisors).Any(a => Addresses.IsE164(a.Endpoint));
        if (string.IsNullOrWhiteSpace(options.CallerId) && dialsPstn && !environment.IsDevelopment())
        {
            problems.Add("Twilio:CallerId is required: agents or supervisors are dialed at phone numbers (set Twilio__CallerId to one of your Twilio numbers).");
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
