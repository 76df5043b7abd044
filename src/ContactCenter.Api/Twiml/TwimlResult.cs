using System.Text;
using System.Xml;

namespace ContactCenter.Api.Twiml;

/// <summary>A TwiML document answered to Twilio with status 200 and <c>application/xml</c>.</summary>
public sealed class TwimlResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
    };

    private TwimlResult(byte[] body) => Body = body;

    public byte[] Body { get; }

    /// <summary>The document as text (e.g. for a call update's <c>Twiml</c> parameter).</summary>
    public override string ToString() => Encoding.UTF8.GetString(Body);

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/xml; charset=utf-8";

    /// <summary>Writes a <c>&lt;Response&gt;</c> whose verbs come from <paramref name="writeVerbs"/>; the writer escapes every value.</summary>
    public static TwimlResult Create(Action<XmlWriter> writeVerbs)
    {
        using var buffer = new MemoryStream(1024);
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("Response");
            writeVerbs(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return new TwimlResult(buffer.ToArray());
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = Body.Length;
        return httpContext.Response.Body.WriteAsync(Body).AsTask();
    }
}
