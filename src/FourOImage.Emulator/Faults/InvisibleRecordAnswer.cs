namespace FourOImage.Emulator;

/// <summary>How record-info answers for a task whose record is not visible yet (<see cref="FaultOptions.NewRecordDelay"/>).</summary>
public enum InvisibleRecordAnswer
{
    /// <summary>Code 422, "record is null", data null: what the service answers for an unknown task.</summary>
    RecordIsNull = 0,

    /// <summary>Code 200, "success", data null: the empty answer seen live on a sibling endpoint.</summary>
    DataNull = 1,
}
