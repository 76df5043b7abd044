using System.Net;
using ContactCenter.Tests.Infrastructure;
using ContactCenter.Tests.People;

namespace ContactCenter.Tests.Console;

public sealed class SupervisorPageTests
{
    [Fact]
    public async Task A_supervisor_gets_the_wallboard_with_a_strict_policy_and_its_module_script_and_no_inline_script()
    {
        await using var service = new ContactCenterFactory().WithPeople();
        var sam = await service.SignedInAsync("sam", PeopleFixture.SamKey);

        var page = await sam.GetAsync("/console/supervisor");
        var html = await page.Content.ReadAsStringAsync();
        var script = await sam.GetAsync("/console/supervisor/supervisor.js");
        var style = await sam.GetAsync("/console/supervisor/supervisor.css");
        var history = await sam.GetAsync("/console/supervisor/supervisor-history.js");
        var shared = await sam.GetAsync("/console/static/api.js");
        var unknown = await sam.GetAsync("/console/supervisor/secrets.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/console/supervisor/supervisor.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotContain(" on", System.Text.RegularExpressions.Regex.Replace(html, "\"[^\"]*\"", "\"\""), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        // The board's own modules use the desk's api.js (antiforgery header, live feed, problem details), not copies of it.
        var board = await script.Content.ReadAsStringAsync() + await history.Content.ReadAsStringAsync();
        Assert.Contains("from \"/console/static/api.js\"", board, StringComparison.Ordinal);
        Assert.DoesNotContain("EventSource", board, StringComparison.Ordinal);
        Assert.DoesNotContain("X-CSRF-TOKEN", board, StringComparison.Ordinal);
        Assert.Equal("text/javascript", history.Content.Headers.ContentType?.MediaType);
        Assert.Contains("new EventSource(\"/console/api/events\")", await shared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_agent_or_a_stranger_does_not_get_the_wallboard()
    {
        await using var service = new ContactCenterFactory().WithPeople();
        var alice = await service.SignedInAsync("alice", PeopleFixture.AliceKey);

        var agent = await alice.GetAsync("/console/supervisor");
        var agentScript = await alice.GetAsync("/console/supervisor/supervisor.js");
        var stranger = await service.CreateBrowser().GetAsync("/console/supervisor");

        Assert.NotEqual(HttpStatusCode.OK, agent.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, agentScript.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.Equal("/console/login", stranger.Headers.Location?.AbsolutePath);
    }
}
