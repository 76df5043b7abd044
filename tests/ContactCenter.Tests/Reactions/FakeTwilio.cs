using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Tests.Reactions;

/// <summary>
/// Twilio's REST API for conferences on a loopback socket, with state: who is in which room, on hold, ending it on exit.
/// A request matching <see cref="BlockAfter"/> takes effect and then never answers (Twilio acted, its answer was lost).
/// </summary>
public sealed partial class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Participant>> _rooms = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<string, bool>? _block;
    private TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextSid;

    private FakeTwilio(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every endpoint a participant was created for, in order.</summary>
    public ConcurrentQueue<string> Dialed { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    public sealed class Participant(string callSid, string? label)
    {
        public string CallSid => callSid;
        public string? Label => label;
        public bool Hold { get; set; }
        public bool EndConferenceOnExit { get; set; }
    }

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>The next request whose line ("POST /…/Participants/CA….json Hold=true") matches takes effect and hangs.</summary>
    public Task BlockAfter(Func<string, bool> match)
    {
        _blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _block = match;
        return _blocked.Task;
    }

    public void Unblock() => _block = null;

    public void Join(string conferenceSid, string callSid, string label, bool endConferenceOnExit = false)
    {
        lock (_lock)
        {
            Room(conferenceSid).Add(new Participant(callSid, label) { EndConferenceOnExit = endConferenceOnExit });
        }
    }

    public Participant? Find(string conferenceSid, string callSidOrLabel)
    {
        lock (_lock)
        {
            return Room(conferenceSid).FirstOrDefault(p => p.CallSid == callSidOrLabel || p.Label == callSidOrLabel);
        }
    }

    private List<Participant> Room(string conferenceSid) => _rooms.TryGetValue(conferenceSid, out var room) ? room : _rooms[conferenceSid] = [];

    private async Task HandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        string? Field(string name) => form is not null && form.TryGetValue(name, out var v) ? v.ToString() : null;
        var path = context.Request.Path.Value!;
        var line = $"{context.Request.Method} {path} {string.Join('&', form?.Select(f => $"{f.Key}={f.Value}") ?? [])}";
        Requests.Enqueue(line);

        var (status, json) = Apply(context.Request.Method, path, Field);
        if (_block is { } block && block(line))
        {
            _block = null;
            _blocked.TrySetResult();
            await _release.Task; // never answers while the service lives
        }

        context.Response.StatusCode = status;
        if (json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }
    }

    private (int Status, string? Json) Apply(string method, string path, Func<string, string?> field)
    {
        lock (_lock)
        {
            if (CreatePath().Match(path) is { Success: true } create && method == "POST")
            {
                var sid = "CA" + Interlocked.Increment(ref _nextSid).ToString("x32", CultureInfo.InvariantCulture);
                Dialed.Enqueue(field("To")!);
                var participant = new Participant(sid, field("Label")) { EndConferenceOnExit = field("EndConferenceOnExit") == "true" };
                Room(create.Groups[1].Value).Add(participant);
                return (201, Json(participant, create.Groups[1].Value));
            }

            if (ParticipantPath().Match(path) is { Success: true } one)
            {
                var room = Room(one.Groups[1].Value);
                var found = room.FirstOrDefault(p => p.CallSid == one.Groups[2].Value || p.Label == one.Groups[2].Value);
                if (found is null)
                {
                    return NotFound();
                }

                if (method == "DELETE")
                {
                    room.Remove(found);
                    return (204, null);
                }

                found.Hold = field("Hold") is { } hold ? hold == "true" : found.Hold;
                found.EndConferenceOnExit = field("EndConferenceOnExit") is { } eoe ? eoe == "true" : found.EndConferenceOnExit;
                return (200, Json(found, one.Groups[1].Value));
            }

            if (CallPath().Match(path) is { Success: true } call && method == "POST")
            {
                var removed = _rooms.Values.Sum(r => r.RemoveAll(p => p.CallSid == call.Groups[1].Value));
                return removed == 0 ? NotFound()
                    : (200, $$"""{"sid":"{{call.Groups[1].Value}}","parent_call_sid":null,"status":"completed","direction":"outbound-api"}""");
            }

            return NotFound();
        }
    }

    private static (int, string) NotFound() =>
        (404, """{"code":20404,"message":"The requested resource was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}""");

    private static string Json(Participant p, string conferenceSid) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["call_sid"] = p.CallSid, ["conference_sid"] = conferenceSid, ["label"] = p.Label, ["status"] = "connected", ["muted"] = false,
        ["hold"] = p.Hold, ["coaching"] = false, ["call_sid_to_coach"] = null, ["start_conference_on_enter"] = true,
        ["end_conference_on_exit"] = p.EndConferenceOnExit,
    });

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex("^/2010-04-01/Accounts/AC[0-9a-f]{32}/Conferences/(CF[0-9a-f]{32})/Participants\\.json$")]
    private static partial Regex CreatePath();

    [GeneratedRegex("^/2010-04-01/Accounts/AC[0-9a-f]{32}/Conferences/(CF[0-9a-f]{32})/Participants/([^/]+)\\.json$")]
    private static partial Regex ParticipantPath();

    [GeneratedRegex("^/2010-04-01/Accounts/AC[0-9a-f]{32}/Calls/(CA[0-9a-f]{32})\\.json$")]
    private static partial Regex CallPath();
}
