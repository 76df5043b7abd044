using System.Net;
using ContactCenter.Tests.Infrastructure;
using Serilog.Events;

namespace ContactCenter.Tests.Conferences;

/// <summary>What the callback routes refuse, and that refusing stores nothing. Run on every engine.</summary>
public abstract class ConferenceRefusalBehaviour(StorageEngine engine)
{
    private ContactCenterFactory NewService() => new() { Engine = engine };

    [Theory]
    [InlineData("ConferenceSid", null)]
    [InlineData("ConferenceSid", "CF-not-a-sid")]
    [InlineData("SequenceNumber", "seven")]
    [InlineData("SequenceNumber", null)]
    public async Task Malformed_conference_callbacks_get_400_are_logged_and_store_nothing(string field, string? value)
    {
        await using var service = NewService();
        var form = new CallScenario(5).ConferenceEvents()[0];
        if (value is null)
        {
            form.Remove(field);
        }
        else
        {
            form[field] = value;
        }

        var response = await service.CreateClient().PostTwilioAsync("/conference-events", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(service.Logs.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("malformed callback"));
        Assert.Equal(0, service.Database.Scalar("SELECT COUNT(*) FROM conference_events"));
    }

    [Theory]
    [InlineData("/conference-events")]
    [InlineData("/call-status")]
    [InlineData("/recording-status")]
    public async Task A_callback_for_another_account_is_refused_with_an_empty_403(string path)
    {
        await using var service = NewService();
        var call = new CallScenario(6);
        var form = path switch
        {
            "/conference-events" => call.ConferenceEvents()[0],
            "/call-status" => TwilioForms.CallStatus(call.AgentCall, "ringing", 1, CallScenario.At(1)),
            _ => call.Recordings()[0],
        };
        form["AccountSid"] = "ACffffffffffffffffffffffffffffffff";

        var response = await service.CreateClient().PostTwilioAsync(path, form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, service.Database.Scalar("SELECT (SELECT COUNT(*) FROM conference_events) + (SELECT COUNT(*) FROM call_status_events) + (SELECT COUNT(*) FROM recordings)"));
    }
}

public sealed class SqliteConferenceRefusalTests() : ConferenceRefusalBehaviour(StorageEngine.Sqlite);

[Trait("Category", "Integration")]
public sealed class PostgresConferenceRefusalTests() : ConferenceRefusalBehaviour(StorageEngine.Postgres);
