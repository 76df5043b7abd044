using System.Net;
using ContactCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Serilog.Events;

namespace ContactCenter.Tests.Twilio;

public sealed class SignatureFilterTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    private const string LocalUrl = "http://localhost/voice";

    [Theory]
    [InlineData("/voice")]
    [InlineData("/conference-events")]
    [InlineData("/recording-status")]
    public async Task Every_twilio_route_rejects_a_missing_signature_with_an_empty_403(string path)
    {
        var response = await factory.CreateClient().PostAsync(path, new FormUrlEncodedContent(TwilioForms.IncomingCall()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_tampered_parameter_is_rejected_and_the_warning_carries_no_form_values()
    {
        await using var own = factory.With();
        var form = TwilioForms.IncomingCall();
        var request = TwilioSigner.SignedPost(LocalUrl, form);
        form["From"] = "+19005550199";
        request.Content = new FormUrlEncodedContent(form);

        var response = await own.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var warning = Assert.Single(own.Logs.Events, e => e.Level == LogEventLevel.Warning && e.Properties["SignatureState"].ToString() == "\"invalid\"");
        var rendered = warning.RenderMessage() + string.Join(' ', warning.Properties.Values);
        Assert.DoesNotContain("9005550199", rendered);
        Assert.DoesNotContain("4155551234", rendered);
        Assert.DoesNotContain(ContactCenterFactory.AuthToken, string.Join('\n', own.Logs.Rendered));
    }

    [Fact]
    public async Task A_signature_made_with_another_token_is_rejected()
    {
        var request = TwilioSigner.SignedPost(LocalUrl, TwilioForms.IncomingCall(), authToken: "someone-elses-token");
        var response = await factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_correct_signature_is_accepted_with_or_without_the_default_port()
    {
        var client = factory.CreateClient();
        var withoutPort = await client.SendAsync(TwilioSigner.SignedPost(LocalUrl, TwilioForms.IncomingCall()));
        var withPort = await client.SendAsync(TwilioSigner.SignedPost(LocalUrl, TwilioForms.IncomingCall(), signedUrl: "http://localhost:80/voice"));

        Assert.Equal(HttpStatusCode.OK, withoutPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withPort.StatusCode);
    }

    [Fact]
    public async Task Behind_a_proxy_the_public_url_is_accepted_only_when_configured()
    {
        const string publicUrl = "https://public.example/voice";
        var unconfigured = await factory.CreateClient().SendAsync(TwilioSigner.SignedPost(LocalUrl, TwilioForms.IncomingCall(), signedUrl: publicUrl));
        Assert.Equal(HttpStatusCode.Forbidden, unconfigured.StatusCode);

        await using var proxied = factory.With(("Twilio:PublicBaseUrl", "https://public.example/"));
        var configured = await proxied.CreateClient().SendAsync(TwilioSigner.SignedPost(LocalUrl, TwilioForms.IncomingCall(), signedUrl: publicUrl));
        var localSignature = await proxied.CreateClient().SendAsync(TwilioSigner.SignedPost(LocalUrl, TwilioForms.IncomingCall()));

        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        Assert.Contains("statusCallback=\"https://public.example/conference-events\"", await configured.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, localSignature.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("203.0.113.9", HttpStatusCode.Forbidden)]
    public async Task Forwarded_headers_are_believed_only_from_a_known_proxy(string remoteAddress, HttpStatusCode expected)
    {
        const string publicUrl = "https://cc.example.com/voice";
        var form = TwilioForms.IncomingCall();
        var signature = TwilioSigner.Sign(ContactCenterFactory.AuthToken, publicUrl, form);

        var context = await factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            http.Request.Method = "POST";
            http.Request.Path = "/voice";
            http.Request.Headers["X-Forwarded-Proto"] = "https";
            http.Request.Headers["X-Forwarded-Host"] = "cc.example.com";
            http.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
            http.Request.Headers["X-Twilio-Signature"] = signature;
            http.Request.ContentType = "application/x-www-form-urlencoded";
            http.Request.Body = new FormUrlEncodedContent(form).ReadAsStream();
        });

        Assert.Equal((int)expected, context.Response.StatusCode);
    }

    [Fact]
    public async Task Validation_turned_off_accepts_unsigned_requests_and_warns_loudly_at_startup()
    {
        await using var unvalidated = factory.With(("Twilio:ValidateSignatures", "false"));
        var response = await unvalidated.CreateClient().PostAsync("/voice", new FormUrlEncodedContent(TwilioForms.IncomingCall()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(unvalidated.Logs.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("ValidateSignatures is false"));
    }
}
