using System.Net;
using ContactCenter.Tests.Infrastructure;
using Serilog.Events;

namespace ContactCenter.Tests.Conferences;

/// <summary>A signed callback stuffed with extra or oversized fields: only Twilio's documented fields are stored, bounded.</summary>
public sealed class StoredFieldTests
{
    private static Dictionary<string, string> Stuffed(Dictionary<string, string> form)
    {
        for (var i = 0; i < 40; i++)
        {
            form[$"Extra{i}"] = new string('x', 1000);
        }

        form["Timestamp"] = new string('t', 600);
        form["From"] = "+14155551234";
        return form;
    }

    [Theory]
    [InlineData("/conference-events", "conference_events")]
    [InlineData("/call-status", "call_status_events")]
    [InlineData("/recording-status", "recordings")]
    public async Task Undocumented_and_oversized_fields_are_counted_and_left_out_of_storage(string path, string table)
    {
        await using var service = new ContactCenterFactory();
        var call = new CallScenario(41);
        var form = path switch
        {
            "/conference-events" => call.ConferenceEvents()[0],
            "/call-status" => TwilioForms.CallStatus(call.AgentCall, "ringing", 1, CallScenario.At(1)),
            _ => call.Recordings()[0],
        };
        var documented = form.Keys.Where(k => k is not ("From" or "To" or "Called" or "Caller" or "Timestamp")).ToList();

        var response = await service.CreateClient().PostTwilioAsync(path, Stuffed(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, service.Database.Scalar($"SELECT COUNT(*) FROM {table}"));
        Assert.True(service.Database.Scalar($"SELECT MAX(LENGTH(payload)) FROM {table}") < 2000, "the stored payload is bounded");
        foreach (var field in documented)
        {
            Assert.Equal(1, service.Database.Scalar($"SELECT COUNT(*) FROM {table} WHERE payload LIKE '%\"{field}\"%'"));
        }

        Assert.Equal(0, service.Database.Scalar($"SELECT COUNT(*) FROM {table} WHERE payload LIKE '%Extra%' OR payload LIKE '%ttttt%' OR payload LIKE '%4155551234%'"));
        var line = Assert.Single(service.Logs.Events, e => e.Properties.ContainsKey("DroppedFields"));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal("41", line.Properties["DroppedFields"].ToString());
        Assert.True(int.Parse(line.Properties["DroppedBytes"].ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 40_600);
        Assert.DoesNotContain("4155551234", line.RenderMessage());
    }

    [Fact]
    public async Task A_callback_with_only_documented_fields_is_stored_whole_and_logs_nothing_about_dropping()
    {
        await using var service = new ContactCenterFactory();
        var call = new CallScenario(42);

        await service.CreateClient().PostOkAsync("/conference-events", call.ConferenceEvents()[0]);

        Assert.DoesNotContain(service.Logs.Events, e => e.Properties.ContainsKey("DroppedFields"));
        foreach (var field in call.ConferenceEvents()[0].Keys)
        {
            Assert.Equal(1, service.Database.Scalar($"SELECT COUNT(*) FROM conference_events WHERE payload LIKE '%\"{field}\"%'"));
        }
    }
}
