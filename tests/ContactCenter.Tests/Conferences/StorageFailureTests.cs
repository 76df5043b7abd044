using System.Net;
using ContactCenter.Api.Storage;
using ContactCenter.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace ContactCenter.Tests.Conferences;

/// <summary>Twilio never re-sends a status callback, so one the database refuses must survive in the log.</summary>
public sealed class StorageFailureTests
{
    private const string ConferenceSid = "CF0123456789abcdef0123456789abcd01";

    [Fact]
    public async Task A_callback_the_database_refuses_gets_problem_details_and_its_fields_are_logged_for_replay()
    {
        await using var service = new ContactCenterFactory();
        var client = service.CreateClient();
        await using (var db = await service.Services.GetRequiredService<IDbContextFactory<ContactCenterDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE conference_events");
        }

        var response = await client.PostTwilioAsync("/conference-events",
            TwilioForms.ConferenceEvent(ConferenceSid, "room-CA0123456789abcdef0123456789abcdef", 7, "conference-start", TwilioForms.Start));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        var logged = Assert.Single(service.Logs.Events, e => e.Level == LogEventLevel.Error && e.MessageTemplate.Text.StartsWith("Could not store", StringComparison.Ordinal));
        var payload = logged.Properties["Payload"].ToString();
        Assert.Contains(ConferenceSid, payload);
        Assert.Contains("conference-start", payload);
        Assert.Contains("\\\"SequenceNumber\\\":\\\"7\\\"", payload);
    }
}
