using PdfSharp.Fonts;

namespace Monitoring.Notice.Rendering;

/// <summary>Gives PDFsharp the one font notices are set in, whatever family or style it asks for.</summary>
sealed class CjkFontResolver(byte[] font) : IFontResolver
{
    public const string Family = "NoticeCJK";

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        // The font has one weight: bold is simulated, which PDFsharp does when asked.
        new(Family, mustSimulateBold: bold, mustSimulateItalic: false);

    public byte[] GetFont(string faceName) => font;
}
