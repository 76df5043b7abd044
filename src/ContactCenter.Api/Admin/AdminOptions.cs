namespace ContactCenter.Api.Admin;

/// <summary>The admin API's keys (from the environment or user secrets, never a committed file) and output settings.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Used only in Development when no key is configured; it is public, so it protects nothing.</summary>
    public const string DevelopmentKey = "development-only-admin-key";

    public const int MinimumKeyLength = 16;

    /// <summary><c>Admin__ApiKeys__0__Name</c> / <c>Admin__ApiKeys__0__Key</c>: the name is recorded as the actor.</summary>
    public List<AdminApiKey> ApiKeys { get; set; } = [];

    /// <summary>Show phone numbers in full in admin output; masked (all but the last four digits) by default.</summary>
    public bool ShowPhoneNumbers { get; set; }

    internal bool UsesDevelopmentKey { get; set; }
}

public sealed class AdminApiKey
{
    public string? Name { get; set; }

    public string? Key { get; set; }

    /// <summary><c>admin</c> (default), <c>supervisor</c> or <c>agent</c>: the same roles as people signed in to the console.</summary>
    public string? Role { get; set; }

    /// <summary>The directory id the key acts as; required for role <c>agent</c>, whose rooms and presence are that agent's.</summary>
    public string? Person { get; set; }
}
