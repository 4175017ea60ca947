using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>The answer to a created message (Twilio Messages resource, HTTP 201).</summary>
public sealed record TwilioMessage(
    [property: JsonPropertyName("sid")] string Sid,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("num_segments")] string? NumSegments);

/// <summary>One message of a Messages list page (GET Messages.json): enough to recognise one we sent.</summary>
public sealed record TwilioListedMessage(
    [property: JsonPropertyName("sid")] string Sid,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("date_created")] string? DateCreated);

/// <summary>A Twilio REST error: HTTP status and Twilio's error code (e.g. 21610 recipient opted out).</summary>
public sealed class TwilioApiException(int httpStatus, int? code, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public int HttpStatus { get; } = httpStatus;

    public int? Code { get; } = code;

    /// <summary>The answer's Retry-After in seconds (RFC 9110 §10.2.3), if it had one; the date form is not read (no clock here).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// A small typed client for the Twilio Messages REST API (the Twilio NuGet package is not available here):
/// POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, HTTP Basic auth with the account SID and token.
/// </summary>
public sealed class TwilioClient(HttpClient http, IOptions<TwilioOptions> options, Telemetry.MonitorMetrics? metrics = null)
{
    public async Task<TwilioMessage> SendSmsAsync(string to, string body, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var fields = new List<KeyValuePair<string, string>> { new("To", to), new("Body", body) };
        fields.Add(string.IsNullOrWhiteSpace(o.MessagingServiceSid) ? new("From", o.From!) : new("MessagingServiceSid", o.MessagingServiceSid));
        if (o.StatusCallbackUrl is { } callback)
        {
            fields.Add(new("StatusCallback", callback.AbsoluteUri));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(o.BaseUrl, $"/2010-04-01/Accounts/{Uri.EscapeDataString(o.AccountSid!)}/Messages.json"))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.AccountSid}:{o.AuthToken}")));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken);
        metrics?.ProviderLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("channel", "sms"));
        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadFromJsonAsync<TwilioMessage>(cancellationToken)
                ?? throw new TwilioApiException((int)response.StatusCode, null, "Twilio answered without a message");
        }

        TwilioError? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<TwilioError>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not Twilio's JSON error body (a proxy's page, say): the HTTP status alone decides.
        }

        throw new TwilioApiException((int)response.StatusCode, error?.Code, error?.Message ?? $"HTTP {(int)response.StatusCode}", response.Headers.RetryAfter?.Delta);
    }

    /// <summary>
    /// The most recent messages to one number (GET Messages.json?To=...&amp;PageSize=..., newest first). No DateSent
    /// filter on purpose: a message still queued has no date_sent yet and would be missed; callers compare bodies.
    /// </summary>
    public async Task<IReadOnlyList<TwilioListedMessage>> ListRecentAsync(string to, int pageSize, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var query = "?To=" + Uri.EscapeDataString(to) + "&PageSize=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(o.BaseUrl, $"/2010-04-01/Accounts/{Uri.EscapeDataString(o.AccountSid!)}/Messages.json{query}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.AccountSid}:{o.AuthToken}")));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new TwilioApiException((int)response.StatusCode, null, $"listing messages: HTTP {(int)response.StatusCode}");
        }

        var page = await response.Content.ReadFromJsonAsync<MessagePage>(cancellationToken);
        return page?.Messages ?? [];
    }

    private sealed record MessagePage([property: JsonPropertyName("messages")] List<TwilioListedMessage>? Messages);

    private sealed record TwilioError(
        [property: JsonPropertyName("code")] int? Code,
        [property: JsonPropertyName("message")] string? Message);
}
