using PhoneNumbers;

namespace NgoMonitor.Adapters.Alerts;

/// <summary>
/// Phone numbers through libphonenumber (Google's metadata): a number is accepted when it parses as an international
/// number ("+", country code, national number; spaces, dots and dashes allowed), or as a national number of the
/// recipient's country ("0812345678" in CD), and is valid for its region; it is stored in E.164 form (ITU-T E.164:
/// "+", at most 15 digits), the only form Twilio's To accepts.
/// </summary>
public static class Phones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// "+44 7700 900123" → "+447700900123"; "081 234 5678" with country "CD" → "+243812345678"; null when not a valid
    /// number. Without a country only international numbers are read: a national number is ambiguous for an
    /// organisation working across countries.
    /// </summary>
    public static string? ToE164(string text, string? country = null)
    {
        var region = IsCountry(country) ? country!.ToUpperInvariant() : null;
        if (!text.TrimStart().StartsWith('+') && region is null)
        {
            return null;
        }

        try
        {
            var number = Util.Parse(text, region);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>True for an ISO 3166-1 alpha-2 code libphonenumber has numbering metadata for ("CD", "sy").</summary>
    public static bool IsCountry(string? code) => code is { Length: 2 } && Util.GetSupportedRegions().Contains(code.ToUpperInvariant());
}
