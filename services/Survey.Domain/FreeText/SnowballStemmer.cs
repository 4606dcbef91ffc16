using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Survey.Domain.FreeText;

// Swedish stems from Debian's Snowball library (libstemmer0d), so "inbrotten", "inbrottet" and
// "inbrott" read as one word. A Snowball stemmer keeps its state in the instance and is not
// thread-safe: one instance serves every thread under a lock, and stems already seen are kept
// (answers repeat the same few thousand words), so the lock is rarely taken once warm.
public sealed partial class SnowballStemmer : IDisposable
{
    private const string Library = "libstemmer.so.0d";
    private const int MaxCachedWords = 200_000;

    private readonly StemmerHandle handle;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, string> cache = new(StringComparer.Ordinal);

    private SnowballStemmer(StemmerHandle handle) => this.handle = handle;

    public static SnowballStemmer CreateSwedish()
    {
        StemmerHandle handle;
        try
        {
            handle = NativeMethods.sb_stemmer_new("swedish", "UTF_8");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new InvalidOperationException(
                $"The Swedish stemmer could not be loaded ({Library}): install Debian's libstemmer0d (apt-get install libstemmer0d).", e);
        }
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new InvalidOperationException("libstemmer has no Swedish stemmer: install Debian's libstemmer0d (apt-get install libstemmer0d).");
        }
        return new SnowballStemmer(handle);
    }

    // The stem of one lower-case word.
    public string Stem(string word)
    {
        if (word.Length == 0) return word;
        if (cache.TryGetValue(word, out var known)) return known;
        var bytes = Encoding.UTF8.GetBytes(word);
        string stem;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(handle.IsClosed, this);
            var result = NativeMethods.sb_stemmer_stem(handle, bytes, bytes.Length);
            // NULL only when the library is out of memory: read the word as its own stem.
            stem = result == IntPtr.Zero ? word : Marshal.PtrToStringUTF8(result, NativeMethods.sb_stemmer_length(handle));
        }
        if (cache.Count < MaxCachedWords) cache.TryAdd(word, stem);
        return stem;
    }

    public void Dispose() => handle.Dispose();

    private sealed class StemmerHandle : SafeHandle
    {
        public StemmerHandle() : base(IntPtr.Zero, ownsHandle: true) { }

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            NativeMethods.sb_stemmer_delete(handle);
            return true;
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial StemmerHandle sb_stemmer_new(string algorithm, string charenc);

        [LibraryImport(Library)]
        internal static partial IntPtr sb_stemmer_stem(StemmerHandle stemmer, byte[] word, int size);

        [LibraryImport(Library)]
        internal static partial int sb_stemmer_length(StemmerHandle stemmer);

        [LibraryImport(Library)]
        internal static partial void sb_stemmer_delete(IntPtr stemmer);
    }
}
