using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NgoMonitor.Tests.TestKit;

/// <summary>One Messages.json request as the fake Twilio API received it.</summary>
public sealed record TwilioRequest(string AccountSid, string To, string? From, string? MessagingServiceSid, string Body, string? StatusCallback);

/// <summary>A message the fake accepted, as its list endpoint reports it.</summary>
public sealed record TwilioStoredMessage(string Sid, string To, string Body, DateTimeOffset DateCreated);

/// <summary>
/// A fake of the Twilio Messages REST API over real HTTP: checks HTTP Basic auth (account SID and token) and the
/// form fields as Twilio does (To, From or MessagingServiceSid, Body ≤ 1,600 characters), records each request and
/// answers 201 with a message SID, or the error a test queues (e.g. 21610, 429). Accepted messages are listed by
/// GET Messages.json?To=... (newest first), as Twilio does. <see cref="HoldAfterAccepting"/> makes it accept a message
/// and then keep the HTTP request open, so a test can kill the sender between "sending" and "sent";
/// <see cref="ResponseDelay"/> makes it answer slowly, like a loaded provider.
/// </summary>
public sealed class FakeTwilioApi : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "test-auth-token-not-a-secret";
    public const string From = "+15005550006";

    private readonly ConcurrentQueue<TwilioRequest> _requests = new();
    private readonly ConcurrentQueue<(int Status, int Code, string Message, int? RetryAfterSeconds)> _errors = new();
    private readonly ConcurrentQueue<TwilioStoredMessage> _accepted = new();
    private readonly ConcurrentQueue<string> _listQueries = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LocalHttpServer? _server;
    private int _sent;

    public IReadOnlyCollection<TwilioRequest> Requests => _requests;

    public int Rejected { get; private set; }

    /// <summary>Messages accepted (created), whether or not the sender saw the answer.</summary>
    public IReadOnlyCollection<TwilioStoredMessage> Accepted => _accepted;

    /// <summary>Query strings of the list requests received.</summary>
    public IReadOnlyCollection<string> ListQueries => _listQueries;

    /// <summary>Clock stamping date_created. Default the system clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Accept each message, then hold the request open until <see cref="Release"/> or the client goes away.</summary>
    public bool HoldAfterAccepting { get; set; }

    /// <summary>Hold each request open before creating the message (the request is lost if the sender dies).</summary>
    public bool HoldBeforeAccepting { get; set; }

    /// <summary>Time taken before answering a send. Default none.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Completes when a send request arrives (the first one after the last <see cref="ResetArrival"/>).</summary>
    public Task RequestArrived => _firstRequest.Task;

    /// <summary>Observed each time a send request is recorded (benchmarks time arrivals).</summary>
    public event Action<TwilioRequest>? Received;

    public void ResetArrival() => _firstRequest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    public Uri BaseAddress => _server!.BaseAddress;

    public static async Task<FakeTwilioApi> StartAsync()
    {
        var fake = new FakeTwilioApi();
        fake._server = await LocalHttpServer.StartAsync(app =>
        {
            app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", fake.HandleAsync);
            app.MapGet("/2010-04-01/Accounts/{sid}/Messages.json", fake.List);
        });
        return fake;
    }

    /// <summary>
    /// The next request gets this error instead of a 201 (Twilio's error body: code, message, status), with a
    /// Retry-After header of <paramref name="retryAfterSeconds"/> if given (as a 429 may carry).
    /// </summary>
    public void FailNext(int httpStatus, int code, string message, int? retryAfterSeconds = null) => _errors.Enqueue((httpStatus, code, message, retryAfterSeconds));

    /// <summary>
    /// What Twilio puts in X-Twilio-Signature when it calls <paramref name="url"/> with <paramref name="form"/>
    /// (Twilio, "Webhooks security"): Base64 of HMAC-SHA1 keyed with the auth token over the URL followed by each
    /// parameter's name and value, sorted by name. Written here from the documentation, independently of the SDK's
    /// validator that Monitor checks it with.
    /// </summary>
    public static string Sign(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken = AuthToken)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio's scheme is HMAC-SHA1; the fake signs as Twilio does.
        return Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

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

        var request = new TwilioRequest(sid, to, NullIfEmpty(from), NullIfEmpty(service), body, NullIfEmpty(form["StatusCallback"].ToString()));
        _requests.Enqueue(request);
        Received?.Invoke(request);
        if (_errors.TryDequeue(out var error))
        {
            _firstRequest.TrySetResult();
            if (error.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            return Results.Json(new { code = error.Code, message = error.Message, more_info = "https://www.twilio.com/docs/errors/" + error.Code, status = error.Status }, statusCode: error.Status);
        }

        if (HoldBeforeAccepting)
        {
            _firstRequest.TrySetResult();
            try
            {
                await _released.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty; // the sender died before the message was created: as if the request was lost
            }
        }

        var messageSid = "SM" + Interlocked.Increment(ref _sent).ToString("D32", CultureInfo.InvariantCulture);
        _accepted.Enqueue(new TwilioStoredMessage(messageSid, to, body, Clock.GetUtcNow()));
        _firstRequest.TrySetResult();
        if (HoldAfterAccepting)
        {
            try
            {
                await _released.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty; // the sender died while waiting: the message was created all the same
            }
        }

        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        return Results.Json(new { sid = messageSid, status = "queued", num_segments = "1", error_code = (int?)null, to }, statusCode: 201);
    }

    private IResult List(string sid, HttpContext context)
    {
        _listQueries.Enqueue(context.Request.QueryString.Value ?? "");
        var to = context.Request.Query["To"].ToString();
        var messages = _accepted.Where(m => to.Length == 0 || m.To == to).Reverse().Select(m => new
        {
            sid = m.Sid, to = m.To, body = m.Body, status = "queued",
            date_created = m.DateCreated.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
        });
        // The 2010 API's page shape: the records under "messages" and the paging URIs (one page here).
        var uri = context.Request.Path + context.Request.QueryString;
        return Results.Json(new { messages, uri, first_page_uri = uri, next_page_uri = (string?)null, previous_page_uri = (string?)null, page = 0, page_size = 50 });
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
