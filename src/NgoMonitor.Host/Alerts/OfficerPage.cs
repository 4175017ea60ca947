using System.Net;
using System.Text;

namespace NgoMonitor.Host.Alerts;

/// <summary>
/// Server-rendered pages for officers on a phone (the acknowledgement page and the errors of officer links): one
/// column, the officer stylesheet (/console/officer.css), and no script. Errors are styled pages that say what to do,
/// never a bare status code.
/// </summary>
public static class OfficerPage
{
    public static IResult Html(string title, string body, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(E(title)).Append(" - Monitor</title>")
            .Append("<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/console/officer.css\">")
            .Append("</head><body class=\"officer\"><main>")
            .Append("<h1>").Append(E(title)).Append("</h1>")
            .Append(body)
            .Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A styled error page: what happened and what the officer can do instead.</summary>
    public static IResult Problem(int status, string title, string detail, string? whatToDo = null) =>
        Html(title, $"<div class=\"problem\" role=\"alert\"><p>{E(detail)}</p>{(whatToDo is null ? "" : $"<p>{E(whatToDo)}</p>")}</div>", status);

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
