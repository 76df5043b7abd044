using System.Net;
using System.Text;
using ContactCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace ContactCenter.Tests.Twilio;

/// <summary>Hostile or odd bodies on the Twilio routes: a clear 400/413/415, never a 500, and nothing stored.</summary>
public sealed class WebhookInputTests(ContactCenterFactory factory) : IClassFixture<ContactCenterFactory>
{
    public static readonly TheoryData<string, string> UnknownForms = new()
    {
        { "/voice", "Foo=1" }, { "/voice", "=" }, { "/voice", "&" }, { "/voice", "a=b=c" }, { "/voice", "" },
        { "/conference-events", "Foo=1" }, { "/conference-events", "=" }, { "/conference-events", "&" }, { "/conference-events", "a=b=c" }, { "/conference-events", "" },
        { "/call-status", "Foo=1" }, { "/call-status", "=" }, { "/call-status", "&" }, { "/call-status", "a=b=c" }, { "/call-status", "" },
        { "/recording-status", "Foo=1" }, { "/recording-status", "=" }, { "/recording-status", "&" }, { "/recording-status", "a=b=c" }, { "/recording-status", "" },
    };

    [Theory]
    [MemberData(nameof(UnknownForms))]
    public async Task A_signed_form_without_any_known_field_gets_a_400_problem_and_stores_nothing(string path, string body)
    {
        var response = await factory.CreateClient().SendAsync(TwilioSigner.SignedRawPost("http://localhost" + path, body, Pairs(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, factory.Database.Scalar("SELECT (SELECT COUNT(*) FROM conference_events) + (SELECT COUNT(*) FROM call_status_events) + (SELECT COUNT(*) FROM recordings)"));
    }

    [Fact]
    public async Task A_known_field_sent_twice_is_ambiguous_and_refused()
    {
        var form = TwilioForms.IncomingCall().ToList();
        form.Add(new("CallSid", "CAffffffffffffffffffffffffffffffff"));

        var response = await factory.CreateClient().SendAsync(TwilioSigner.SignedPost("http://localhost/voice", form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/voice")]
    [InlineData("/conference-events")]
    public async Task A_declared_length_over_the_limit_gets_413_before_a_byte_is_read(string path)
    {
        var body = new GuardedBody(allowed: 0);

        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = "POST";
            http.Request.Path = path;
            http.Request.ContentType = "application/x-www-form-urlencoded";
            http.Request.ContentLength = 24 * 1024 * 1024;
            http.Request.Body = body;
        });

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.Equal(0, body.Served);
    }

    [Fact]
    public async Task A_chunked_body_is_read_no_further_than_the_limit()
    {
        const int limit = 64 * 1024;
        var body = new GuardedBody(allowed: limit + 1);

        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = "POST";
            http.Request.Path = "/call-status";
            http.Request.ContentType = "application/x-www-form-urlencoded";
            http.Request.Body = body;
        });

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.Equal(limit + 1, body.Served);
    }

    [Fact]
    public async Task The_limit_is_configurable_and_a_normal_callback_still_fits()
    {
        await using var small = factory.With(("Twilio:MaxWebhookBodyBytes", "2048"));
        var client = small.CreateClient();
        var padded = TwilioForms.IncomingCall();
        padded["CallerName"] = new string('x', 2048);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostTwilioAsync("/voice", padded)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostTwilioAsync("/voice", TwilioForms.IncomingCall())).StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("999999999")]
    public void An_unreasonable_limit_stops_the_start_naming_the_key(string value)
    {
        using var bad = factory.With(("Twilio:MaxWebhookBodyBytes", value));
        Assert.Contains("Twilio:MaxWebhookBodyBytes", bad.StartupFailure().Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Anything_but_a_form_post_is_refused_415_with_validation_on_or_off(bool validate)
    {
        await using var service = factory.With(("Twilio:ValidateSignatures", validate ? "true" : "false"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/voice") { Content = new StringContent("CallSid=" + TwilioForms.CallSid, Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-Twilio-Signature", TwilioSigner.Sign(ContactCenterFactory.AuthToken, "http://localhost/voice", []));

        var response = await service.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task With_validation_off_a_form_without_known_fields_is_still_a_400()
    {
        await using var service = factory.With(("Twilio:ValidateSignatures", "false"));
        var response = await service.CreateClient().PostAsync("/conference-events", new StringContent("Foo=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static List<KeyValuePair<string, string>> Pairs(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(segment => segment.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(parts[0], parts.Length > 1 ? parts[1] : ""))
            .ToList();

    /// <summary>A request body that serves <c>allowed</c> bytes and fails the test's request if anything reads past them.</summary>
    private sealed class GuardedBody(int allowed) : Stream
    {
        public int Served { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (Served >= allowed)
            {
                throw new InvalidOperationException("The body was read past the point where it should have been refused.");
            }

            var n = Math.Min(buffer.Length, allowed - Served);
            buffer[..n].Fill((byte)'a');
            Served += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
