using System.Reflection;

namespace Engine.Inspector.Page;

/// <summary>The web page's files, embedded in the assembly (no CDN, nothing from the internet), by request path.</summary>
internal static class PageAssets
{
    private static readonly Dictionary<string, (string File, string ContentType)> Files = new(StringComparer.Ordinal)
    {
        ["/"] = ("index.html", "text/html; charset=utf-8"),
        ["/inspector.js"] = ("inspector.js", "text/javascript; charset=utf-8"),
        ["/inspector.css"] = ("inspector.css", "text/css; charset=utf-8"),
        ["/favicon.svg"] = ("favicon.svg", "image/svg+xml"),
        ["/favicon.ico"] = ("favicon.svg", "image/svg+xml"), // browsers ask for it whatever the page says
    };

    private static readonly Dictionary<string, byte[]> Loaded = new(StringComparer.Ordinal);

    public static bool TryGet(string path, out byte[] body, out string contentType)
    {
        if (!Files.TryGetValue(path, out var file))
        {
            body = [];
            contentType = string.Empty;
            return false;
        }

        contentType = file.ContentType;
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(file.File, out body!))
            {
                using Stream stream = typeof(PageAssets).Assembly.GetManifestResourceStream("Engine.Inspector.Page." + file.File)
                    ?? throw new InvalidOperationException($"the inspector's page file {file.File} is not embedded");
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                body = copy.ToArray();
                Loaded[file.File] = body;
            }
        }

        return true;
    }
}
