using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.People;

/// <summary>A person who may sign in; <see cref="KeyHash"/> is null when no key is configured (they cannot sign in).</summary>
public sealed record Person(string Id, string Name, string Role, byte[]? KeyHash, bool UsesDevelopmentKey);

/// <summary>
/// The directory's agents and supervisors as people with roles and key hashes (plain keys are hashed at once and never kept).
/// Development gives a person without a key the public <c>development-only-&lt;id&gt;-key</c>.
/// </summary>
public sealed class PeopleDirectory
{
    private static readonly byte[] Dummy = SHA256.HashData("no person has this key"u8);
    private readonly IKeyHasher _hasher;

    public PeopleDirectory(IOptions<PeopleOptions> options, IHostEnvironment environment, IKeyHasher hasher)
    {
        _hasher = hasher;
        var development = environment.IsDevelopment();
        People = [
            .. options.Value.Agents.Select(a => Create(a, ConsoleClaims.Agent, development)),
            .. options.Value.Supervisors.Select(s => Create(s, s.Role is { Length: > 0 } role ? role : ConsoleClaims.Supervisor, development)),
        ];
    }

    public IReadOnlyList<Person> People { get; }

    public Person? Find(string? id) => People.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    public static string DevelopmentKey(string id) => $"development-only-{id}-key";

    /// <summary>
    /// The person whose id and key both match, else null. The presented key is hashed once and compared with every stored
    /// hash (a dummy for people without one), whatever the id, so a wrong key or an unknown id costs what a right one does.
    /// </summary>
    public Person? Verify(string? id, string? key)
    {
        var presented = _hasher.Hash(key ?? "");
        Person? match = null;
        foreach (var person in People)
        {
            var equal = _hasher.Matches(presented, person.KeyHash ?? Dummy);
            if (equal && person.KeyHash is not null && string.Equals(person.Id, id, StringComparison.Ordinal))
            {
                match = person;
            }
        }

        if (People.Count == 0)
        {
            _hasher.Matches(presented, Dummy);
        }

        return match;
    }

    /// <summary>The principal of a signed-in person; <paramref name="session"/> lets sign-out revoke exactly this session.</summary>
    public static ClaimsPrincipal Principal(Person person, string scheme, string session) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, person.Id),
                new Claim(ClaimTypes.Role, person.Role),
                new Claim(ConsoleClaims.Person, person.Id),
                new Claim(ConsoleSessions.ClaimType, session),
            ],
            scheme, ClaimTypes.Name, ClaimTypes.Role));

    private static Person Create(PersonEntry entry, string role, bool development)
    {
        var id = entry.Id ?? "";
        var name = entry.Name is { Length: > 0 } given ? given : id;
        if (entry.Key is { Length: > 0 } key)
        {
            return new Person(id, name, role, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)), false);
        }

        if (entry.KeySha256 is { Length: 64 } hex && IsHex(hex))
        {
            return new Person(id, name, role, Convert.FromHexString(hex), false);
        }

        return development
            ? new Person(id, name, role, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DevelopmentKey(id))), true)
            : new Person(id, name, role, null, false);
    }

    internal static bool IsHex(string value) => value.All(Uri.IsHexDigit);
}
