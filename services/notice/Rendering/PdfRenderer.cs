using Microsoft.Extensions.Options;
using Monitoring.Notice.Notices;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Monitoring.Notice.Rendering;

/// <summary>
/// A notice as an A4 PDF in the form of an official document (红头文件): the issuer's red head and rule, the
/// document number, the title, the text, the issuer and the date. The CJK font is embedded as a subset with
/// its Unicode map, so the PDF's text layer is the notice's text (pdftotext reads it back).
/// </summary>
public sealed class PdfRenderer
{
    const double Margin = 72;
    static readonly object FontLock = new();
    static bool fontInstalled;

    readonly IOptions<NoticeOptions> options;

    public PdfRenderer(IOptions<NoticeOptions> options) => this.options = options;

    public byte[] Render(NoticeDocument notice)
    {
        EnsureFont();
        using var document = new PdfDocument();
        document.Info.Title = $"{notice.DocumentNo} {notice.Title}";
        document.Info.Author = notice.Issuer;
        var writer = new PageWriter(document);

        writer.Centered($"{notice.Issuer}文件", new XFont(CjkFontResolver.Family, 22, XFontStyleEx.Bold), XBrushes.Red, after: 12);
        writer.Centered(notice.DocumentNo, new XFont(CjkFontResolver.Family, 12), XBrushes.Black, after: 6);
        writer.Rule(XPens.Red, after: 24);
        writer.Centered(notice.Title, new XFont(CjkFontResolver.Family, 18, XFontStyleEx.Bold), XBrushes.Black, after: 20);

        var body = new XFont(CjkFontResolver.Family, 13);
        for (var i = 0; i < notice.Paragraphs.Count; i++)
            writer.Paragraph(notice.Paragraphs[i], body, indent: i == 0 ? 0 : 2);

        writer.Space(36);
        writer.Right(notice.Issuer, body);
        writer.Right(notice.IssuedOn, body);

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    void EnsureFont()
    {
        lock (FontLock)
        {
            if (fontInstalled)
                return;
            var path = options.Value.FontPath;
            if (!File.Exists(path))
                throw new FileNotFoundException($"The CJK font for notices is missing at {path} (Notice:FontPath); install fonts-droid-fallback or point Notice:FontPath at a TrueType CJK font", path);
            GlobalFontSettings.FontResolver = new CjkFontResolver(File.ReadAllBytes(path));
            fontInstalled = true;
        }
    }

    /// <summary>Lays text down a page and onto new pages; Chinese wraps at any character, so lines break by measured width.</summary>
    sealed class PageWriter
    {
        readonly PdfDocument document;
        XGraphics graphics = null!;
        PdfPage page = null!;
        double y;

        public PageWriter(PdfDocument document)
        {
            this.document = document;
            NewPage();
        }

        double Width => page.Width.Point - 2 * Margin;

        public void Centered(string text, XFont font, XBrush brush, double after)
        {
            foreach (var line in Wrap(text, font, Width))
                Line(line, font, brush, XStringFormats.TopCenter);
            y += after;
        }

        public void Right(string text, XFont font) => Line(text, font, XBrushes.Black, XStringFormats.TopRight);

        public void Rule(XPen pen, double after)
        {
            graphics.DrawLine(pen, Margin, y, Margin + Width, y);
            y += after;
        }

        public void Space(double points) => y += points;

        public void Paragraph(string text, XFont font, int indent)
        {
            var prefix = new string('\u3000', indent); // ideographic spaces: the two-character indent of Chinese text
            foreach (var line in Wrap(prefix + text, font, Width))
                Line(line, font, XBrushes.Black, XStringFormats.TopLeft);
            y += font.Size * 0.6;
        }

        void Line(string text, XFont font, XBrush brush, XStringFormat format)
        {
            var height = font.Size * 1.6;
            if (y + height > page.Height.Point - Margin)
                NewPage();
            graphics.DrawString(text, font, brush, new XRect(Margin, y, Width, height), format);
            y += height;
        }

        IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var start = 0;
            for (var end = 1; end <= text.Length; end++)
            {
                if (graphics.MeasureString(text[start..end], font).Width > width && end - 1 > start)
                {
                    yield return text[start..(end - 1)];
                    start = end - 1;
                }
            }
            if (start < text.Length)
                yield return text[start..];
        }

        void NewPage()
        {
            graphics?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            y = Margin;
        }
    }
}
