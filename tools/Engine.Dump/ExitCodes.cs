namespace Engine.Dump;

/// <summary>Process exit codes, stable so scripts and CI can branch on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A check ran and found a problem (e.g. an invariant violation).</summary>
    public const int CheckFailed = 1;

    /// <summary>Unreadable input or bad arguments.</summary>
    public const int BadInput = 2;
}
