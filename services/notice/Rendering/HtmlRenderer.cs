using System.Net;
using System.Text;
using Monitoring.Notice.Notices;

namespace Monitoring.Notice.Rendering;

/// <summary>A notice as a self-contained HTML page (for the centers' portals and for printing).</summary>
public static class HtmlRenderer
{
    public static string Render(NoticeDocument notice)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E(notice.DocumentNo)).Append(' ')
            .Append(E(notice.Title)).Append("</title><style>body{font-family:serif;max-width:40em;margin:3em auto;line-height:1.8}")
            .Append(".head{color:#c00;text-align:center;font-size:1.8em;font-weight:bold}.no{text-align:center}hr{border:0;border-top:2px solid #c00}")
            .Append("h1{text-align:center;font-size:1.4em}p{text-indent:2em;margin:.3em 0}p.to{text-indent:0}.sign{text-align:right}</style></head><body>")
            .Append("<div class=\"head\">").Append(E(notice.Issuer)).Append("文件</div>")
            .Append("<div class=\"no\">").Append(E(notice.DocumentNo)).Append("</div><hr>")
            .Append("<h1>").Append(E(notice.Title)).Append("</h1>");
        for (var i = 0; i < notice.Paragraphs.Count; i++)
            html.Append(i == 0 ? "<p class=\"to\">" : "<p>").Append(E(notice.Paragraphs[i])).Append("</p>");
        html.Append("<p class=\"sign\">").Append(E(notice.Issuer)).Append("</p><p class=\"sign\">").Append(E(notice.IssuedOn)).Append("</p></body></html>");
        return html.ToString();
    }
}
