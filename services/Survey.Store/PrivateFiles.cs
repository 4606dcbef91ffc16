namespace Survey.Store;

// Files only their owner may read (Unix mode 0600): development keys and tokens in the data folder.
public static class PrivateFiles
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void WriteAllText(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        // Created 0600, so the key is never readable by others, not even for a moment.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerReadWrite;
        using (var writer = new StreamWriter(new FileStream(path, options))) writer.Write(contents);
        // A file that was already there keeps its old mode on FileMode.Create.
        Restrict(path);
    }

    // Takes away every permission but the owner's read and write.
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, OwnerReadWrite);
    }
}
