using System.Globalization;
using System.Net;
using System.Text.Json;
using ContactCenter.Api.Routing;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Tests.Routing;

/// <summary>
/// A completed recording callback whose signed URL names a queue (<c>?voicemail=</c>) becomes one voicemail, listed by
/// the admin API; on both storage engines.
/// </summary>
public abstract class VoicemailBehaviour(StorageEngine engine)
{
    private const string Caller = "CA" + "77777777777777777777777777777777";
    private const string OtherCaller = "CA" + "88888888888888888888888888888888";

    private readonly FakeTimeProvider _clock = new(TwilioForms.Start);

    private ContactCenterFactory Service() =>
        new ContactCenterFactory { Engine = engine }.WithServices(services => services.AddSingleton<TimeProvider>(_clock));

    private static string Recording(int n) => "RE" + n.ToString("x32", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> VoicemailCallback(string callSid, string recordingSid, string status, int duration = 17) => new()
    {
        ["AccountSid"] = ContactCenterFactory.AccountSid,
        ["CallSid"] = callSid,
        ["RecordingSid"] = recordingSid,
        ["RecordingStatus"] = status,
        ["RecordingDuration"] = duration.ToString(CultureInfo.InvariantCulture),
        ["RecordingChannels"] = "1",
        ["RecordingSource"] = "RecordVerb",
        ["RecordingUrl"] = $"https://api.twilio.com/2010-04-01/Accounts/{ContactCenterFactory.AccountSid}/Recordings/{recordingSid}",
        ["ErrorCode"] = "0",
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string query, Dictionary<string, string> form) =>
        client.SendAsync(TwilioSigner.SignedPost("http://localhost/recording-status" + query, form));

    private static async Task<VoicemailPage> ListAsync(HttpClient admin, string query = "") =>
        await admin.GetOkAsync<VoicemailPage>("/admin/voicemails" + query);

    [Fact]
    public async Task A_completed_voicemail_recording_is_stored_once_and_listed_by_the_admin_api_without_phone_numbers()
    {
        await using var service = Service();
        var client = service.CreateClient();
        var form = VoicemailCallback(Caller, Recording(1), "completed");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "?voicemail=sales", form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "?voicemail=sales", form)).StatusCode);

        var page = await ListAsync(service.CreateAdminClient());
        var voicemail = Assert.Single(page.Items);
        Assert.Equal(new Voicemail(Recording(1), Caller, "sales", form["RecordingUrl"], 17, TwilioForms.Start), voicemail);
        Assert.Equal(1L, service.Database.Scalar("SELECT COUNT(*) FROM voicemails"));
    }

    [Fact]
    public async Task The_recording_callback_and_its_voicemail_share_one_commit_so_a_refused_write_stores_neither_and_the_retry_stores_both_once()
    {
        await using var service = Service();
        var client = service.CreateClient();
        var form = VoicemailCallback(Caller, Recording(20), "completed");
        service.Database.Scalar("ALTER TABLE voicemails RENAME TO voicemails_away");

        Assert.Equal(HttpStatusCode.InternalServerError, (await PostAsync(client, "?voicemail=sales", form)).StatusCode);
        Assert.Equal(0L, service.Database.Scalar("SELECT COUNT(*) FROM recordings"));

        service.Database.Scalar("ALTER TABLE voicemails_away RENAME TO voicemails");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "?voicemail=sales", form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "?voicemail=sales", form)).StatusCode);

        Assert.Equal(1L, service.Database.Scalar("SELECT COUNT(*) FROM recordings"));
        Assert.Equal(Recording(20), Assert.Single((await ListAsync(service.CreateAdminClient())).Items).RecordingSid);
    }

    [Fact]
    public async Task A_redelivered_callback_stored_without_its_voicemail_still_adds_the_voicemail()
    {
        await using var service = Service();
        var client = service.CreateClient();
        _ = (await ListAsync(service.CreateAdminClient())).Items; // the service is up and its database migrated
        service.Database.Scalar($"""
            INSERT INTO recordings (recording_sid, recording_status, call_sid, received_at, payload)
            VALUES ('{Recording(21)}', 'completed', '{Caller}', '2026-01-01 00:00:00', '')
            """);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "?voicemail=sales", VoicemailCallback(Caller, Recording(21), "completed"))).StatusCode);

        Assert.Equal(1L, service.Database.Scalar("SELECT COUNT(*) FROM recordings"));
        Assert.Equal(Recording(21), Assert.Single((await ListAsync(service.CreateAdminClient())).Items).RecordingSid);
    }

    [Fact]
    public async Task Only_a_completed_recording_with_a_voicemail_queue_in_its_signed_url_is_a_voicemail()
    {
        await using var service = Service();
        var client = service.CreateClient();

        await PostAsync(client, "?voicemail=sales", VoicemailCallback(Caller, Recording(2), "in-progress"));
        await PostAsync(client, "?voicemail=sales", VoicemailCallback(Caller, Recording(3), "absent"));
        await PostAsync(client, "", VoicemailCallback(Caller, Recording(4), "completed"));
        await PostAsync(client, "?voicemail=bad%20queue", VoicemailCallback(Caller, Recording(5), "completed"));
        var tampered = TwilioSigner.SignedPost("http://localhost/recording-status?voicemail=sales", VoicemailCallback(Caller, Recording(6), "completed"),
            signedUrl: "http://localhost/recording-status");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(tampered)).StatusCode);

        Assert.Empty((await ListAsync(service.CreateAdminClient())).Items);
    }

    [Fact]
    public async Task The_admin_list_filters_by_queue_and_time_and_pages_newest_first()
    {
        await using var service = Service();
        var client = service.CreateClient();
        await PostAsync(client, "?voicemail=sales", VoicemailCallback(Caller, Recording(10), "completed"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await PostAsync(client, "?voicemail=support", VoicemailCallback(OtherCaller, Recording(11), "completed"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await PostAsync(client, "?voicemail=sales", VoicemailCallback(OtherCaller, Recording(12), "completed"));
        var admin = service.CreateAdminClient();

        Assert.Equal([Recording(12), Recording(10)], (await ListAsync(admin, "?queue=sales")).Items.Select(v => v.RecordingSid));
        var since = Uri.EscapeDataString(TwilioForms.Start.AddMinutes(1).ToString("o", CultureInfo.InvariantCulture));
        Assert.Equal([Recording(12), Recording(11)], (await ListAsync(admin, $"?since={since}")).Items.Select(v => v.RecordingSid));
        var first = await ListAsync(admin, "?pageSize=2");
        var second = await ListAsync(admin, "?pageSize=2&page=2");
        Assert.Equal([Recording(12), Recording(11)], first.Items.Select(v => v.RecordingSid));
        Assert.True(first.HasMore);
        Assert.Equal([Recording(10)], second.Items.Select(v => v.RecordingSid));
        Assert.False(second.HasMore);
    }

    [Theory]
    [InlineData("?queue=no%20such%3Cqueue%3E")]
    [InlineData("?page=0")]
    [InlineData("?pageSize=201")]
    [InlineData("?since=yesterday")]
    public async Task Bad_admin_input_is_a_400_problem(string query)
    {
        await using var service = Service();

        var response = await service.CreateAdminClient().GetAsync("/admin/voicemails" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_voicemail_list_needs_an_admin_key()
    {
        await using var service = Service();

        Assert.Equal(HttpStatusCode.Unauthorized, (await service.CreateClient().GetAsync("/admin/voicemails")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.CreateAdminClient("wrong-key").GetAsync("/admin/voicemails")).StatusCode);
    }
}

public sealed class SqliteVoicemailTests() : VoicemailBehaviour(StorageEngine.Sqlite);

[Trait("Category", "Integration")]
public sealed class PostgresVoicemailTests() : VoicemailBehaviour(StorageEngine.Postgres);
