using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NgoMonitor.Tests.TestKit;

/// <summary>One Messages.json request as the fake Twilio API received it.</summary>
public sealed record TwilioRequest(string AccountSid, string To, string? From, string? MessagingServiceSid, string Body, string? StatusCallback);

/// <summary>
/// A fake of the Twilio Messages REST API over real HTTP: checks HTTP Basic auth (account SID and token) and the
/// form fields as Twilio does (To, From or MessagingServiceSid, Body ≤ 1,600 characters), records each request and
/// answers 201 with a message SID, or the error a test queues (e.g. 21610, 429).
/// </summary>
public sealed class FakeTwilioApi : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "test-auth-token-not-a-secret";
    public const string From = "+15005550006";

    private readonly ConcurrentQueue<TwilioRequest> _requests = new();
    private readonly ConcurrentQueue<(int Status, int Code, string Message)> _errors = new();
    private LocalHttpServer? _server;
    private int _sent;

    public IReadOnlyCollection<TwilioRequest> Requests => _requests;

    public int Rejected { get; private set; }

    public Uri BaseAddress => _server!.BaseAddress;

    public static async Task<FakeTwilioApi> StartAsync()
    {
        var fake = new FakeTwilioApi();
        fake._server = await LocalHttpServer.StartAsync(app => app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", fake.HandleAsync));
        return fake;
    }

    /// <summary>The next request gets this error instead of a 201 (Twilio's error body: code, message, status).</summary>
    public void FailNext(int httpStatus, int code, string message) => _errors.Enqueue((httpStatus, code, message));

    /// <summary>Configuration arguments pointing Monitor at this fake.</summary>
    public string[] Settings() =>
        [$"--Twilio:AccountSid={AccountSid}", $"--Twilio:AuthToken={AuthToken}", $"--Twilio:From={From}", $"--Twilio:BaseUrl={BaseAddress}"];

    private async Task<IResult> HandleAsync(string sid, HttpContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (context.Request.Headers.Authorization.ToString() != expected || sid != AccountSid)
        {
            Rejected++;
            return Results.Json(new { code = 20003, message = "Authenticate", status = 401 }, statusCode: 401);
        }

        if (!context.Request.HasFormContentType)
        {
            Rejected++;
            return Results.Json(new { code = 21100, message = "expected form content", status = 400 }, statusCode: 400);
        }

        var form = await context.Request.ReadFormAsync();
        var to = form["To"].ToString();
        var body = form["Body"].ToString();
        var from = form["From"].ToString();
        var service = form["MessagingServiceSid"].ToString();
        if (to.Length == 0 || body.Length == 0 || body.Length > 1600 || (from.Length == 0 && service.Length == 0))
        {
            Rejected++;
            return Results.Json(new { code = 21602, message = "Message body or addresses missing or too long", status = 400 }, statusCode: 400);
        }

        _requests.Enqueue(new TwilioRequest(sid, to, NullIfEmpty(from), NullIfEmpty(service), body, NullIfEmpty(form["StatusCallback"].ToString())));
        if (_errors.TryDequeue(out var error))
        {
            return Results.Json(new { code = error.Code, message = error.Message, more_info = "https://www.twilio.com/docs/errors/" + error.Code, status = error.Status }, statusCode: error.Status);
        }

        var messageSid = "SM" + Interlocked.Increment(ref _sent).ToString("D32", CultureInfo.InvariantCulture);
        return Results.Json(new { sid = messageSid, status = "queued", num_segments = "1", error_code = (int?)null, to }, statusCode: 201);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
