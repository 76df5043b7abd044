using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.People;

/// <summary>A directory of two agents, a supervisor and an admin, each with a key; and ways to sign them in.</summary>
public static partial class PeopleFixture
{
    public const string AliceKey = "alice-secret-key-0123456789";
    public const string BobKey = "bob-secret-key-0123456789ab";
    public const string SamKey = "sam-secret-key-0123456789abc";
    public const string AdaKey = "ada-secret-key-0123456789abc";
    public const string AliceBearer = "alice-bearer-key-0123456789";
    public const string SamBearer = "sam-bearer-key-0123456789ab";

    public static ContactCenterFactory WithPeople(this ContactCenterFactory factory, params (string Key, string? Value)[] more) => factory.With([
        ("Agents:0:Id", "alice"), ("Agents:0:Name", "Alice (demo)"), ("Agents:0:Endpoint", "client:alice"), ("Agents:0:Key", AliceKey),
        ("Agents:1:Id", "bob"), ("Agents:1:Name", "Bob"), ("Agents:1:Endpoint", "client:bob"), ("Agents:1:Key", BobKey),
        ("Supervisors:0:Id", "sam"), ("Supervisors:0:Name", "Sam"), ("Supervisors:0:Endpoint", "client:sam"), ("Supervisors:0:Key", SamKey),
        ("Supervisors:1:Id", "ada"), ("Supervisors:1:Name", "Ada"), ("Supervisors:1:Endpoint", "client:ada"), ("Supervisors:1:Role", "admin"),
        ("Supervisors:1:KeySha256", Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AdaKey)))),
        ("Admin:ApiKeys:1:Name", "alice-phone"), ("Admin:ApiKeys:1:Key", AliceBearer), ("Admin:ApiKeys:1:Role", "agent"), ("Admin:ApiKeys:1:Person", "alice"),
        ("Admin:ApiKeys:2:Name", "sam-script"), ("Admin:ApiKeys:2:Key", SamBearer), ("Admin:ApiKeys:2:Role", "supervisor"), ("Admin:ApiKeys:2:Person", "sam"),
        .. more,
    ]);

    public static HttpClient CreateBrowser(this ContactCenterFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The login form's antiforgery token (its cookie stays in the browser).</summary>
    public static async Task<string> LoginTokenAsync(this HttpClient browser)
    {
        var html = await browser.GetStringAsync("/console/login");
        return TokenField().Match(html).Groups["token"].Value;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(this HttpClient browser, string id, string key, string? token = null, string? returnUrl = null)
    {
        var fields = new Dictionary<string, string> { ["id"] = id, ["key"] = key };
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        return await browser.PostAsync("/console/login", new FormUrlEncodedContent(fields));
    }

    /// <summary>A browser signed in as <paramref name="id"/>, with its X-CSRF-TOKEN header set from /console/api/me.</summary>
    public static async Task<HttpClient> SignedInAsync(this ContactCenterFactory factory, string id, string key, bool csrf = true)
    {
        var browser = factory.CreateBrowser();
        var response = await browser.PostLoginAsync(id, key, await browser.LoginTokenAsync());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (csrf)
        {
            var me = JsonDocument.Parse(await browser.GetStringAsync("/console/api/me")).RootElement;
            browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", me.GetProperty("csrfToken").GetString());
        }

        return browser;
    }

    /// <summary>Routing's record of alice and bob, offline (routing itself is off here: no queues).</summary>
    public static async Task SeedAgentsAsync(this ContactCenterFactory factory)
    {
        await factory.HoldCallerAsync("alice", null);
        await factory.HoldCallerAsync("bob", null);
    }

    /// <summary>Puts <paramref name="agent"/> on the call of the caller <paramref name="callerCallSid"/> (as routing records it).</summary>
    public static async Task HoldCallerAsync(this ContactCenterFactory factory, string agent, string? callerCallSid)
    {
        var presence = callerCallSid is null ? "offline" : "on-call";
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var row = await db.AgentStates.FirstOrDefaultAsync(a => a.AgentId == agent);
        if (row is null)
        {
            db.AgentStates.Add(new AgentStateRow { AgentId = agent, Presence = presence, CurrentCallerCallSid = callerCallSid, Since = DateTime.UtcNow });
        }
        else
        {
            row.Presence = presence;
            row.CurrentCallerCallSid = callerCallSid;
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Writes rows straight into the service's database: the state routing or a transfer would have left.</summary>
    public static async Task StoreAsync(this ContactCenterFactory factory, Action<ContactCenterDbContext> add)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>().CreateDbContextAsync();
        add(db);
        await db.SaveChangesAsync();
    }

    /// <summary>A room <c>room-&lt;caller&gt;</c> with its caller and an agent leg, as Twilio's callbacks build it.</summary>
    public static async Task StartRoomAsync(this ContactCenterFactory factory, string conferenceSid, string caller, string agentLeg)
    {
        var twilio = factory.CreateClient();
        var room = "room-" + caller;
        await twilio.PostOkAsync("/conference-events", TwilioForms.ConferenceEvent(conferenceSid, room, 1, "conference-start", CallScenario.At(0)));
        await twilio.PostOkAsync("/conference-events", TwilioForms.ParticipantEvent(conferenceSid, room, 2, "participant-join", CallScenario.At(1), caller, "customer"));
        await twilio.PostOkAsync("/conference-events", TwilioForms.ParticipantEvent(conferenceSid, room, 3, "participant-join", CallScenario.At(2), agentLeg, "agent"));
    }

    public static string Sid(string prefix, int n) => prefix + n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();
}
