namespace ContactCenter.Api.People;

/// <summary>The claims every console or admin principal carries: its role and, for people, their directory id.</summary>
public static class ConsoleClaims
{
    public const string Person = "cc:person";
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
}
