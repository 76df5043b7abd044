using ContactCenter.Api.Admin;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.People;

/// <summary>Keys long enough or well-formed hashes, known roles, no id both an agent and a supervisor; each failure names its key.</summary>
internal sealed class PeopleOptionsValidation : IValidateOptions<PeopleOptions>
{
    public ValidateOptionsResult Validate(string? name, PeopleOptions options)
    {
        var failures = new List<string>();
        Check("Agents", options.Agents, [ConsoleClaims.Agent], failures);
        Check("Supervisors", options.Supervisors, [ConsoleClaims.Supervisor, ConsoleClaims.Admin], failures);
        var agents = options.Agents.Where(a => a.Id is not null).Select(a => a.Id!).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < options.Supervisors.Count; i++)
        {
            if (options.Supervisors[i].Id is { } id && agents.Contains(id))
            {
                failures.Add($"Supervisors:{i}:Id '{id}' is also an agent's id: a person signs in with one id and one role.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string section, List<PersonEntry> entries, string[] roles, List<string> failures)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Key is { Length: > 0 } key && key.Length < AdminOptions.MinimumKeyLength)
            {
                failures.Add($"{section}:{i}:Key must be at least {AdminOptions.MinimumKeyLength} characters (set {section}__{i}__Key in the environment).");
            }

            if (entry.KeySha256 is { Length: > 0 } hash && (hash.Length != 64 || !PeopleDirectory.IsHex(hash)))
            {
                failures.Add($"{section}:{i}:KeySha256 must be 64 hexadecimal characters: the SHA-256 of the key.");
            }

            if (entry.Key is { Length: > 0 } && entry.KeySha256 is { Length: > 0 })
            {
                failures.Add($"{section}:{i}:Key and {section}:{i}:KeySha256 are both set: set one.");
            }

            if (entry.Role is { Length: > 0 } role && !roles.Contains(role, StringComparer.Ordinal))
            {
                failures.Add($"{section}:{i}:Role must be {string.Join(" or ", roles.Select(r => $"'{r}'"))}.");
            }
        }
    }
}

/// <summary>An admin key's role is known, and a key acting as a person names one in the directory (an agent key must).</summary>
internal sealed class AdminKeyRolesValidation(IOptions<PeopleOptions> people) : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        var directory = people.Value;
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var role = key.Role is { Length: > 0 } given ? given : ConsoleClaims.Admin;
            if (role is not (ConsoleClaims.Admin or ConsoleClaims.Supervisor or ConsoleClaims.Agent))
            {
                failures.Add($"Admin:ApiKeys:{i}:Role must be 'admin', 'supervisor' or 'agent'.");
                continue;
            }

            var isAgent = key.Person is { Length: > 0 } id && directory.Agents.Any(a => a.Id == id);
            var isSupervisor = key.Person is { Length: > 0 } sid && directory.Supervisors.Any(s => s.Id == sid);
            if (role == ConsoleClaims.Agent && string.IsNullOrEmpty(key.Person))
            {
                failures.Add($"Admin:ApiKeys:{i}:Person is required when Admin:ApiKeys:{i}:Role is 'agent': the agent id the key acts as.");
            }
            else if (role == ConsoleClaims.Agent && !isAgent)
            {
                failures.Add($"Admin:ApiKeys:{i}:Person '{key.Person}' is not an id in Agents.");
            }
            else if (key.Person is { Length: > 0 } && !isAgent && !isSupervisor)
            {
                failures.Add($"Admin:ApiKeys:{i}:Person '{key.Person}' is not an id in Agents or Supervisors.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
