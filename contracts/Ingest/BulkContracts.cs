namespace Monitoring.Contracts;

/// <summary>What the bulk messages (<see cref="ResultsRecorded"/>, <see cref="SurveysResponded"/>, <see cref="VideoSegmentsRecorded"/>, <see cref="CertificatesIssued"/>) hold.</summary>
public static class BulkContracts
{
    /// <summary>Items in one message at most: a bigger submission is split, so a message stays well under a megabyte.</summary>
    public const int MaxItems = 1000;
}
