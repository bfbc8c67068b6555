using Microsoft.Extensions.Options;
using Monitoring.Notice.Notices;
using SkiaSharp;

namespace Monitoring.Notice.Rendering;

/// <summary>
/// A notice as an A4 PDF in the form of an official document (红头文件): the issuer's red head and rule, the
/// document number, the title, the text, the issuer and the date. SkiaSharp (MIT) embeds the CJK font as a
/// subset with its Unicode map, so the PDF's text layer is the notice's text (pdftotext reads it back).
/// PDFsharp was the first choice; the registry only serves 6.5, which is AGPL-3.0 with a licence check.
/// </summary>
public sealed class PdfRenderer(IOptions<NoticeOptions> options) : IDisposable
{
    const float PageWidth = 595, PageHeight = 842, Margin = 72;

    readonly Lazy<SKTypeface> typeface = new(() =>
    {
        // A relative path is the service's own folder: the container image carries the font there (Fonts/).
        var path = Path.IsPathRooted(options.Value.FontPath) ? options.Value.FontPath : Path.Combine(AppContext.BaseDirectory, options.Value.FontPath);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The CJK font for notices is missing at {path} (Notice:FontPath); install fonts-wqy-microhei or point Notice:FontPath at a TrueType CJK font", path);
        return SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"{path} is not a font SkiaSharp can read");
    });

    public byte[] Render(NoticeDocument notice)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata
        {
            Title = $"{notice.DocumentNo} {notice.Title}",
            Author = notice.Issuer,
            Creation = notice.IssuedAt.UtcDateTime,
        }))
        {
            using var head = new SKFont(typeface.Value, 22) { Embolden = true };
            using var number = new SKFont(typeface.Value, 12);
            using var title = new SKFont(typeface.Value, 18) { Embolden = true };
            using var body = new SKFont(typeface.Value, 13);
            using var red = new SKPaint { Color = new SKColor(0xC0, 0, 0), IsAntialias = true, StrokeWidth = 1.5f };
            using var black = new SKPaint { Color = SKColors.Black, IsAntialias = true };

            var writer = new PageWriter(document);
            writer.Centered($"{notice.Issuer}文件", head, red, after: 10);
            writer.Centered(notice.DocumentNo, number, black, after: 4);
            writer.Rule(red, after: 24);
            writer.Centered(notice.Title, title, black, after: 16);
            for (var i = 0; i < notice.Paragraphs.Count; i++)
                writer.Paragraph(notice.Paragraphs[i], body, black, indent: i == 0 ? 0 : 2);
            writer.Space(36);
            writer.Right(notice.Issuer, body, black);
            writer.Right(notice.IssuedOn, body, black);
            writer.Finish();
        }
        return stream.ToArray();
    }

    public void Dispose()
    {
        if (typeface.IsValueCreated)
            typeface.Value.Dispose();
    }

    /// <summary>Lays text down a page and onto new pages; Chinese wraps at any character, so lines break by measured width.</summary>
    sealed class PageWriter
    {
        const float Width = PageWidth - 2 * Margin;
        readonly SKDocument document;
        SKCanvas canvas;
        float y;

        public PageWriter(SKDocument document)
        {
            this.document = document;
            canvas = document.BeginPage(PageWidth, PageHeight);
            y = Margin;
        }

        public void Centered(string text, SKFont font, SKPaint paint, float after)
        {
            foreach (var line in Wrap(text, font))
                Line(line, font, paint, SKTextAlign.Center, PageWidth / 2);
            y += after;
        }

        public void Right(string text, SKFont font, SKPaint paint) => Line(text, font, paint, SKTextAlign.Right, PageWidth - Margin);

        public void Rule(SKPaint paint, float after)
        {
            canvas.DrawLine(Margin, y, PageWidth - Margin, y, paint);
            y += after;
        }

        public void Space(float points) => y += points;

        public void Paragraph(string text, SKFont font, SKPaint paint, int indent)
        {
            var prefix = new string('\u3000', indent); // ideographic spaces: the two-character indent of Chinese text
            foreach (var line in Wrap(prefix + text, font))
                Line(line, font, paint, SKTextAlign.Left, Margin);
            y += font.Size * 0.5f;
        }

        public void Finish() => document.EndPage();

        void Line(string text, SKFont font, SKPaint paint, SKTextAlign align, float x)
        {
            var height = font.Size * 1.7f;
            if (y + height > PageHeight - Margin)
            {
                document.EndPage();
                canvas = document.BeginPage(PageWidth, PageHeight);
                y = Margin;
            }
            canvas.DrawText(text, x, y + font.Size, align, font, paint);
            y += height;
        }

        // 避头: closing punctuation never starts a line; the character before it moves down with it.
        const string NoLineStart = "，。、：；！？）》」』〕】,.:;!?)";

        static IEnumerable<string> Wrap(string text, SKFont font)
        {
            var start = 0;
            for (var end = 1; end <= text.Length; end++)
            {
                if (font.MeasureText(text.AsSpan(start, end - start)) > Width && end - 1 > start)
                {
                    var cut = end - 1;
                    if (NoLineStart.Contains(text[cut], StringComparison.Ordinal) && cut - 1 > start)
                        cut--;
                    yield return text[start..cut];
                    start = cut;
                }
            }
            if (start < text.Length)
                yield return text[start..];
        }
    }
}
