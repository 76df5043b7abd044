namespace ContactCenter.Api.People;

/// <summary>
/// A person's sign-in settings, read from the same <c>Agents:N</c> / <c>Supervisors:N</c> entries as the directory:
/// <c>Key</c> (plain, from the environment or user secrets only) or <c>KeySha256</c> (64 hex characters, may sit in a file).
/// </summary>
public sealed class PersonEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Key { get; set; }

    public string? KeySha256 { get; set; }

    /// <summary>Supervisors only: <c>supervisor</c> (default) or <c>admin</c>. Agents are always <c>agent</c>.</summary>
    public string? Role { get; set; }
}

/// <summary>The people who may sign in to the console: the directory's agents and supervisors with their keys.</summary>
public sealed class PeopleOptions
{
    public List<PersonEntry> Agents { get; set; } = [];

    public List<PersonEntry> Supervisors { get; set; } = [];

    internal static void Bind(PeopleOptions options, IConfiguration configuration)
    {
        options.Agents = configuration.GetSection("Agents").Get<List<PersonEntry>>() ?? [];
        options.Supervisors = configuration.GetSection("Supervisors").Get<List<PersonEntry>>() ?? [];
    }
}

/// <summary>The <c>Console</c> section.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Agents see phone numbers in full only when this is true and <c>Admin:ShowPhoneNumbers</c> is too.</summary>
    public bool ShowNumbersToAgents { get; set; }

    /// <summary>A directory every instance shares for the keys that seal session cookies; unset, each instance keeps its own.</summary>
    public string? DataProtectionKeysPath { get; set; }
}
