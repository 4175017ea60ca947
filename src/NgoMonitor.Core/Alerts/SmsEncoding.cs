namespace NgoMonitor.Core.Alerts;

/// <summary>
/// SMS length rules (3GPP TS 23.038 / 23.040): a message whose every character is in the GSM 03.38 default alphabet
/// (or its extension table, which costs two septets) is sent as GSM-7: 160 septets in one segment, 153 per segment
/// when concatenated. Any other character (Arabic, emoji, "…") makes the whole message UCS-2: 70 UTF-16 units, 67 per segment.
/// </summary>
public static class SmsEncoding
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    public static bool IsGsm7(string text) => text.All(c => Basic.Contains(c, StringComparison.Ordinal) || Extension.Contains(c, StringComparison.Ordinal));

    /// <summary>Septets for GSM-7 text, UTF-16 units otherwise.</summary>
    public static int Units(string text) =>
        IsGsm7(text) ? text.Sum(c => Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1) : text.Length;

    public static int Segments(string text)
    {
        var gsm = IsGsm7(text);
        var units = Units(text);
        var (single, multi) = gsm ? (160, 153) : (70, 67);
        return units <= single ? 1 : (units + multi - 1) / multi;
    }

    /// <summary>Units that fit in <paramref name="segments"/> segments.</summary>
    public static int Capacity(bool gsm, int segments) => segments <= 1 ? (gsm ? 160 : 70) : segments * (gsm ? 153 : 67);
}
