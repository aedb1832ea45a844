using System.Globalization;

namespace FourOImage;

/// <summary>
/// What one batch (<c>Import-Csv | New-4oImage | Wait-4oImageTask | Save-4oImage</c>) came to, told once at its end by
/// the last FourOImage command of the line: rows taken, tasks created, rows that failed or were not sent, files, the
/// credits spent (with -Journal) and the errors the batch's commands wrote. Its string form is one line.
/// </summary>
public sealed class BatchSummary
{
    internal BatchSummary(int rows, int created, int failed, int notSent, int files, decimal? creditsSpent, int errors)
    {
        Rows = rows;
        Created = created;
        Failed = failed;
        NotSent = notSent;
        Files = files;
        CreditsSpent = creditsSpent is decimal spent ? CreditAmount.Normalize(spent) : null;
        Errors = errors;
    }

    /// <summary>The rows New-4oImage took (0 when the line has no New-4oImage).</summary>
    public int Rows { get; }

    /// <summary>Tasks created (or found in the journal) for those rows.</summary>
    public int Created { get; }

    /// <summary>Rows or tasks that gave no image: invalid, refused, of unknown outcome, failed, not finished, not saved.</summary>
    public int Failed { get; }

    /// <summary>Rows never sent (the batch stopped before them, the journal held them back, an upload failed).</summary>
    public int NotSent { get; }

    /// <summary>Image files Save-4oImage emitted: saved now, or already there from an earlier run.</summary>
    public int Files { get; }

    /// <summary>The fall of the credit balance over the batch, with New-4oImage -Journal; null when not measured.</summary>
    public decimal? CreditsSpent { get; }

    /// <summary>Errors the batch's FourOImage commands wrote.</summary>
    public int Errors { get; }

    /// <summary>Every row gave its images: nothing failed, nothing was held back, no error was written.</summary>
    public bool Succeeded => Failed == 0 && NotSent == 0 && Errors == 0;

    /// <summary>"40 rows: 37 created, 2 failed, 1 not sent; 35 files; 37 credits spent."</summary>
    public override string ToString()
    {
        string credits = CreditsSpent is decimal spent
            ? spent.ToString(CultureInfo.InvariantCulture) + " credits spent"
            : "credits spent not measured (-Journal measures them)";
        string errors = Errors == 0 ? string.Empty : $", {Errors} error(s)";
        return $"{Rows} rows: {Created} created, {Failed} failed, {NotSent} not sent; {Files} files; {credits}{errors}.";
    }
}
