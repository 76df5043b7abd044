using System.Globalization;
using System.Text;
using System.Text.Json;
using ContactCenter.Tests.Control;

namespace ContactCenter.Tests.Fuzz;

/// <summary>One hostile admin request: real and bogus route values, random JSON of the wrong shapes and types, odd queries.</summary>
public static class AdminFuzz
{
    private static readonly string[] Keys = ["agent", "supervisor", "mode", "type", "to", "number", "id", "presence", "reason", "Agent", ""];

    private static readonly string[] Words =
        ["alice", "bob", "sam", "nobody", "warm", "cold", "monitor", "coach", "barge", "+14155550142", "+14155560000", "sip:x@y", "client:z",
         "available", "away", "offline", "on-call", "ringing", "support"];

    private static readonly string[] Presences = ["available", "away", "offline", "on-call", "ringing", "wrap-up", "busy", ""];

    public static (HttpRequestMessage Request, string Description) Next(Random random, ControlHarness cc)
    {
        var room = random.Next(3) == 0 ? Bogus(random) : random.Next(2) == 0 ? cc.Room : cc.Conference;
        var callSid = random.Next(3) == 0 ? Bogus(random) : random.Next(2) == 0 ? cc.Customer : cc.Agent;
        var id = random.Next(2) == 0 ? Bogus(random) : "TR" + Guid.NewGuid().ToString("N");
        var agent = random.Next(3) == 0 ? Bogus(random) : Words[random.Next(4)];
        var queue = random.Next(2) == 0 ? Bogus(random) : "support";
        var (method, path) = random.Next(22) switch
        {
            0 => (HttpMethod.Get, "/admin/conferences" + Query(random)),
            1 => (HttpMethod.Get, $"/admin/conferences/{room}"),
            2 => (HttpMethod.Get, $"/admin/conferences/{room}/events"),
            3 => (HttpMethod.Get, $"/admin/calls/{callSid}"),
            4 => (HttpMethod.Post, $"/admin/conferences/{room}/agents"),
            5 => (HttpMethod.Post, $"/admin/conferences/{room}/participants/{callSid}/hold"),
            6 => (HttpMethod.Post, $"/admin/conferences/{room}/participants/{callSid}/unhold"),
            7 => (HttpMethod.Post, $"/admin/conferences/{room}/participants/{callSid}/mute"),
            8 => (HttpMethod.Post, $"/admin/conferences/{room}/participants/{callSid}/unmute"),
            9 => (HttpMethod.Delete, $"/admin/conferences/{room}/participants/{callSid}"),
            10 => (HttpMethod.Post, $"/admin/conferences/{room}/transfers"),
            11 => (HttpMethod.Get, $"/admin/conferences/{room}/transfers/{id}"),
            12 => (HttpMethod.Post, $"/admin/conferences/{room}/transfers/{id}/{(random.Next(2) == 0 ? "complete" : "cancel")}"),
            13 => (HttpMethod.Post, $"/admin/conferences/{room}/supervisors"),
            14 => (HttpMethod.Put, $"/admin/conferences/{room}/supervisors/{callSid}"),
            15 => (HttpMethod.Delete, $"/admin/conferences/{room}"),
            16 => (HttpMethod.Get, "/admin/agents"),
            17 => (HttpMethod.Put, $"/admin/agents/{agent}/presence"),
            18 => (HttpMethod.Get, "/admin/queues"),
            19 => (HttpMethod.Get, $"/admin/queues/{queue}"),
            20 => (HttpMethod.Get, "/admin/voicemails" + Query(random)),
            _ => (HttpMethod.Get, "/admin/audit" + Query(random)),
        };

        var request = new HttpRequestMessage(method, path);
        string? body = null;
        if (method != HttpMethod.Get && random.Next(6) != 0)
        {
            body = path.EndsWith("/presence", StringComparison.Ordinal) && random.Next(2) == 0
                ? JsonSerializer.Serialize(new { presence = Presences[random.Next(Presences.Length)], reason = random.Next(2) == 0 ? null : FuzzValues.Value(random) })
                : random.Next(8) switch
                {
                    0 => "{",
                    1 => "",
                    2 => "null",
                    3 => new string('[', 2000),
                    _ => JsonSerializer.Serialize(Json(random, 0)),
                };
            var contentType = random.Next(10) switch { 0 => "text/plain", 1 => "application/json; charset=latin1", 2 => "application/x-www-form-urlencoded", _ => "application/json" };
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return (request, $"{method} {path} {(body is null ? "(no body)" : body.Length > 200 ? body[..200] + "…" : body)}");
    }

    // Without NUL: Kestrel refuses a path carrying one before any app sees it (and the test host throws on it).
    private static string Bogus(Random random) => Uri.EscapeDataString((random.Next(4) switch
    {
        0 => FuzzValues.Sid(random),
        1 => "room-" + FuzzValues.Sid(random),
        2 => FuzzValues.Huge(random, random.Next(200, 5000)),
        _ => FuzzValues.Mixed(random, random.Next(1, 10)) is { Length: > 0 } text ? text : "x",
    }).Replace("\0", "", StringComparison.Ordinal));

    private static string Query(Random random) => random.Next(3) == 0 ? "" : "?" + string.Join('&', Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
        Uri.EscapeDataString(new[] { "status", "since", "page", "pageSize", "room", "limit", "queue" }[random.Next(7)]) + "=" + Uri.EscapeDataString(random.Next(3) switch
        {
            0 => random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture),
            1 => new[] { "active", "ended", "2026-11-23T21:00:00Z", "9999-12-31T23:59:59+14:00", "0001-01-01" }[random.Next(5)],
            _ => FuzzValues.Value(random),
        })));

    private static object? Json(Random random, int depth) => random.Next(depth > 2 ? 6 : 9) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => random.NextDouble() * random.Next(),
        3 => FuzzValues.Value(random),
        4 => random.Next(20) == 0 ? FuzzValues.Huge(random, 100_000) : Words[random.Next(Words.Length)],
        5 => Words[random.Next(Words.Length)],
        6 => Enumerable.Range(0, random.Next(4)).Select(_ => Json(random, depth + 1)).ToList(),
        _ => Enumerable.Range(0, random.Next(4)).ToDictionary(i => Keys[random.Next(Keys.Length)] + (i == 0 ? "" : i.ToString(CultureInfo.InvariantCulture)), _ => Json(random, depth + 1)),
    };
}
