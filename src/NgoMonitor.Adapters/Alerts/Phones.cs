using PhoneNumbers;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// Phone numbers through libphonenumber (Google's metadata): a number is accepted when it parses as an international
/// number ("+", country code, national number; spaces, dots and dashes allowed) and is valid for its region, and it is
/// stored in E.164 form (ITU-T E.164: "+", at most 15 digits), the only form Twilio's To accepts.
/// </summary>
public static class Phones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>"+44 7700 900123" → "+447700900123"; null when not a valid international number.</summary>
    public static string? ToE164(string text)
    {
        if (!text.TrimStart().StartsWith('+'))
        {
            return null; // no default region: a national number is ambiguous for an organisation working across countries
        }

        try
        {
            var number = Util.Parse(text, null);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
