using ContactCenter.Tests.Control;
using ContactCenter.Tests.Infrastructure;
using Serilog.Events;

namespace ContactCenter.Tests.Fuzz;

/// <summary>
/// Seeded, bounded fuzzing of every input surface: thousands of hostile requests, not one 5xx. A failure names the
/// seed and request number, so it replays exactly.
/// </summary>
public sealed class InputFuzzTests
{
    private const int Seed = 20261125;

    [Fact]
    public async Task Thousands_of_hostile_requests_to_the_twilio_routes_get_no_5xx_and_log_no_error()
    {
        await using var service = new ContactCenterFactory();
        var client = service.CreateClient();
        var random = new Random(Seed);
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();

        for (var i = 0; i < 3000; i++)
        {
            var (request, description) = TwilioFuzz.Next(random);
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"seed {Seed} #{i}: {description} -> {status} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(failures);
        // The fuzz reached every outcome: stored, refused as malformed, unsigned, too large, not a form.
        Assert.All(new[] { 200, 400, 403, 413, 415 }, code => Assert.True(statuses.GetValueOrDefault(code) > 0, $"no {code} among {string.Join(", ", statuses)}"));
        Assert.DoesNotContain(service.Logs.Events, e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task Thousands_of_hostile_admin_requests_with_a_valid_key_get_no_5xx()
    {
        // With a queue, so presence changes and the queue and voicemail reads run routing's code, not just its 404s.
        await using var cc = await new ControlHarness(91, true, null,
            ("Queues:0:Id", "support"), ("Queues:0:Name", "Support"), ("Queues:0:Numbers:0", "+18005550100"),
            ("Queues:0:Agents:0", "alice"), ("Queues:0:Agents:1", "bob")).SeedAsync();
        var random = new Random(Seed);
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();

        for (var i = 0; i < 2000; i++)
        {
            var (request, description) = AdminFuzz.Next(random, cc);
            using var response = await cc.Admin.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"seed {Seed} #{i}: {description} -> {status} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)) + $"\n({failures.Count} in all)");
        Assert.All(new[] { 200, 400, 404, 409 }, code => Assert.True(statuses.GetValueOrDefault(code) > 0, $"no {code} among {string.Join(", ", statuses)}"));
    }
}
