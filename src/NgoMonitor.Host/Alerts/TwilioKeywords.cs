using NgoMonitor.Adapters.Alerts;
using NgoMonitor.Core.Alerts;
using NgoMonitor.Core.Storage;

namespace NgoMonitor.Host.Alerts;

/// <summary>What an opt-out keyword asks for.</summary>
public enum TwilioKeyword
{
    /// <summary>STOP and synonyms: the sender no longer takes SMS; Twilio refuses further messages (error 21610).</summary>
    OptOut,

    /// <summary>START and synonyms: the sender takes SMS again.</summary>
    OptIn,

    /// <summary>HELP and synonyms: Twilio answers with the sender's help text; Monitor changes nothing.</summary>
    Help,
}

/// <summary>
/// Twilio's default opt-out keywords (Twilio, "Advanced Opt-Out"): a message whose whole body, trimmed and in any
/// case, is one of them. Twilio acts on them itself on long codes and toll-free numbers (it blocks the number after
/// STOP and replies with its own confirmation); Monitor records the same state, so an officer who texts STOP is moved
/// to email or their backup at once instead of meeting 21610 on the next alert, and admins are told.
/// </summary>
public static class TwilioKeywords
{
    private static readonly Dictionary<string, TwilioKeyword> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STOP"] = TwilioKeyword.OptOut, ["STOPALL"] = TwilioKeyword.OptOut, ["STOP ALL"] = TwilioKeyword.OptOut,
        ["UNSUBSCRIBE"] = TwilioKeyword.OptOut, ["CANCEL"] = TwilioKeyword.OptOut, ["END"] = TwilioKeyword.OptOut,
        ["QUIT"] = TwilioKeyword.OptOut, ["OPTOUT"] = TwilioKeyword.OptOut, ["REVOKE"] = TwilioKeyword.OptOut,
        ["START"] = TwilioKeyword.OptIn, ["YES"] = TwilioKeyword.OptIn, ["UNSTOP"] = TwilioKeyword.OptIn,
        ["HELP"] = TwilioKeyword.Help, ["INFO"] = TwilioKeyword.Help,
    };

    public static TwilioKeyword? Classify(string? body) =>
        body is { Length: > 0 and < 20 } && Keywords.TryGetValue(body.Trim().TrimEnd('.', '!'), out var keyword) ? keyword : null;

    /// <summary>Blocks (STOP) or clears (START) SMS for every recipient with the sender's number.</summary>
    public static async Task ApplyAsync(TwilioKeyword keyword, IReadOnlyList<Recipient> recipients, string from, IRecipientStateStore states, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sender = Phones.ToE164(from);
        foreach (var recipient in recipients.Where(r => sender is not null && r.Phone == sender))
        {
            switch (keyword)
            {
                case TwilioKeyword.OptOut:
                    await states.BlockSmsAsync(recipient.Id, "the recipient replied STOP (Twilio 21610 from now on)", now, cancellationToken);
                    break;
                case TwilioKeyword.OptIn:
                    await states.ClearSmsBlockAsync(recipient.Id, cancellationToken);
                    break;
                default:
                    break;
            }
        }
    }
}
