using System.ComponentModel.DataAnnotations;

namespace NgoMonitor.Adapters.Alerts;

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it (MailKit's Auto).</summary>
    Auto,

    /// <summary>Plain connection (local relays, test listeners).</summary>
    None,

    /// <summary>STARTTLS required (port 587, RFC 3207).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465, RFC 8314).</summary>
    SslOnConnect,
}

/// <summary>SMTP settings (configuration section "Smtp"). Email goes out only when <see cref="IsConfigured"/>.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>SMTP server host name. Default: unset (email alerts are printed instead).</summary>
    public string? Host { get; set; }

    /// <summary>Port. Default 587 (submission); range 1–65535.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>Transport security. Default Auto.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>User name for SMTP AUTH. Default: unset (no authentication).</summary>
    public string? Username { get; set; }

    /// <summary>Password (secret: Key Vault in Azure). Default: unset.</summary>
    public string? Password { get; set; }

    /// <summary>Sender address, e.g. "Monitor &lt;alerts@example.org&gt;". Default: unset.</summary>
    public string? From { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}
