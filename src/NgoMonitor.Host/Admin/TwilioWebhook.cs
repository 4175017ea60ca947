using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Adapters.Storage;
using NgoMonitor.Host.Telemetry;

namespace NgoMonitor.Host.Admin;

/// <summary>
/// Twilio's message status callback (StatusCallback). Accepted only with a valid X-Twilio-Signature: base64 of
/// HMAC-SHA1 keyed with the auth token over the full callback URL followed by every POST parameter's name and value,
/// sorted by name (Twilio, "Webhooks security"). The URL is the configured <see cref="TwilioOptions.StatusCallbackUrl"/>
/// (what Twilio signed), else the request's own URL. A valid callback records the provider's status on the outbox row.
/// </summary>
public sealed class TwilioWebhook(IOptions<TwilioOptions> twilio, MonitorTables tables, ILogger<TwilioWebhook> logger)
{
    public async Task<IResult> StatusAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return AdminRequests.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Twilio posts application/x-www-form-urlencoded.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var url = twilio.Value.StatusCallbackUrl?.AbsoluteUri ?? $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        if (twilio.Value.AuthToken is not { Length: > 0 } token || !IsSigned(token, url, form, request.Headers["X-Twilio-Signature"].ToString()))
        {
            return AdminRequests.Problem(StatusCodes.Status403Forbidden, "Invalid signature", "The request is not signed by Twilio for this account.");
        }

        var sid = form["MessageSid"].ToString();
        var status = form["MessageStatus"].ToString();
        if (sid.Length is > 0 and <= 64 && status.Length is > 0 and <= 32)
        {
            await tables.EnsureCreatedAsync();
            await foreach (var row in tables.Outbox.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ProviderMessageId eq {sid}"), cancellationToken: cancellationToken))
            {
                // Callbacks are unordered: only a later state is recorded (a late "sent" never replaces "delivered").
                if (!Core.Alerts.DeliveryProgress.Advances(row.GetString("ProviderStatus"), status))
                {
                    continue;
                }

                var update = new TableEntity(row.PartitionKey, row.RowKey) { ["ProviderStatus"] = status, ["ProviderErrorCode"] = form["ErrorCode"].ToString() };
                try
                {
                    await tables.Outbox.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
                }
                catch (RequestFailedException ex)
                {
                    logger.TwilioStatusNotRecorded(ex, status, sid);
                }
            }
        }

        return TypedResults.NoContent();
    }

    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        // SHA-1 is Twilio's choice for this signature, not ours; it is an HMAC, where SHA-1's collision weakness does not apply.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    private static bool IsSigned(string authToken, string url, IFormCollection form, string signature)
    {
        var expected = Sign(authToken, url, form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }
}
